/**
 * What an option builder needs besides its data: the UI language (texts and Intl formats),
 * display names of topics and sites, colours, and whether to animate (off for exports).
 */
import type { Lang } from '../i18n/pick.ts';
import { dashboardText, locale } from '../i18n/dashboard.ts';
import { formatDuration } from '../metrics/units.ts';

export type ChartTheme = {
	lang: Lang;
	/** Display names by id in the UI language; an id without a name is shown as is. */
	topicNames: Record<string, string>;
	siteNames: Record<string, string>;
	colors: {
		primary: string;
		secondary: string;
		accent: string;
		muted: string;
		good: string;
		warn: string;
		text: string;
		grid: string;
	};
	fontFamily: string;
	animation: boolean;
};

export function chartTheme(lang: Lang, names: { topics?: Record<string, string>; sites?: Record<string, string> } = {}, animation = true): ChartTheme {
	return {
		lang,
		topicNames: names.topics ?? {},
		siteNames: names.sites ?? {},
		// Colour-blind-safe (Okabe–Ito), dark enough on white for text.
		colors: {
			primary: '#0072B2',
			secondary: '#E69F00',
			accent: '#009E73',
			muted: '#999999',
			good: '#009E73',
			warn: '#D55E00',
			text: '#1f2933',
			grid: '#e4e7eb'
		},
		fontFamily: 'system-ui, sans-serif',
		animation
	};
}

/** Texts and number formats in the theme's language. */
export function chartFormat(theme: ChartTheme) {
	const loc = locale(theme.lang);
	const int = new Intl.NumberFormat(loc, { maximumFractionDigits: 0 });
	const secs = new Intl.NumberFormat(loc, { maximumFractionDigits: 1 });
	const pct = new Intl.NumberFormat(loc, { style: 'percent', maximumFractionDigits: 1 });
	const signedPct = new Intl.NumberFormat(loc, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
	const monthFmt = new Intl.DateTimeFormat(loc, { month: 'short', year: 'numeric', timeZone: 'UTC' });
	const t = dashboardText(theme.lang);
	const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
	return {
		t,
		count: (v: unknown) => (num(v) === null ? '–' : int.format(num(v)!)),
		/** A duration in the unit a person reads (metrics/units.ts), the same as the report's. */
		seconds: (v: unknown) => formatDuration(v, theme.lang),
		/** Seconds as a bare number, for an axis whose name says "s". */
		secondsNumber: (v: unknown) => (num(v) === null ? '–' : secs.format(num(v)!)),
		percent: (v: unknown) => (num(v) === null ? '–' : pct.format(num(v)!)),
		change: (v: unknown) => (num(v) === null ? '–' : signedPct.format(num(v)!)),
		/** 'YYYY-MM' → "2025 m. kov." / "Mar 2025". */
		month: (m: string) => {
			const [y, mo] = m.split('-').map(Number) as [number, number];
			return monthFmt.format(Date.UTC(y, mo - 1, 1));
		},
		topic: (id: string) => theme.topicNames[id] ?? id,
		site: (id: string) => theme.siteNames[id] ?? id
	};
}

/** The parts every option shares: font, colours, animation, tooltip and legend placement. */
export function baseOption(theme: ChartTheme) {
	return {
		animation: theme.animation,
		textStyle: { fontFamily: theme.fontFamily, color: theme.colors.text },
		grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
		legend: { top: 0, type: 'scroll' as const },
		tooltip: { trigger: 'axis' as const }
	};
}
