/**
 * How a report's selection and a stored revision's reason are put in words, the same in the
 * report itself (its summary's "Filtras" row), in the PDF and on the /reports page's list of
 * stored reports. Browser-safe: no server code.
 */
import type { Bilingual, Lang } from '../i18n/pick.ts';

/** The selection of a report: null is "every". */
export type ReportFilter = { topic: string | null; site: string | null; channel: string | null };

export const CHANNEL_NAMES: Record<string, Bilingual> = {
	voice: { lt: 'Skambučiai', en: 'Calls' },
	chat: { lt: 'Pokalbiai internetu', en: 'Chat' },
	callback: { lt: 'Perskambinimai', en: 'Callbacks' },
	email: { lt: 'El. paštas', en: 'E-mail' },
	einquiry: { lt: 'E. užklausos', en: 'E-inquiries' }
};

/** The selection without a filter. */
export const WHOLE_CENTRE: Bilingual = { lt: 'visas centras', en: 'whole centre' };

/** "Pensijos, Šiauliai, Skambučiai" (the chosen parts, in that order), or "visas centras". */
export function filterText(f: ReportFilter, lang: Lang, names: { topic: (id: string) => string; site: (id: string) => string }): string {
	const parts = [f.topic && names.topic(f.topic), f.site && names.site(f.site), f.channel && (CHANNEL_NAMES[f.channel]?.[lang] ?? f.channel)];
	return parts.filter(Boolean).join(', ') || WHOLE_CENTRE[lang];
}

/** The selection of a stored report's key ('all', or e.g. 'topic=pensions;channel=voice': server/reports/store.ts filterKey). */
export function filterFromKey(key: string): ReportFilter {
	const f: ReportFilter = { topic: null, site: null, channel: null };
	if (key === 'all') return f;
	for (const part of key.split(';')) {
		const [name, value] = part.split('=') as [string, string | undefined];
		if ((name === 'topic' || name === 'site' || name === 'channel') && value) f[name] = value;
	}
	return f;
}

const REASONS: Record<string, Bilingual> = {
	scheduled: { lt: 'pagal tvarkaraštį', en: 'on schedule' },
	cli: { lt: 'komandų eilute', en: 'from the command line' },
	api: { lt: 'per API', en: 'through the API' }
};

/** Why a revision was stored, in words ('scheduled' → "pagal tvarkaraštį"); unknown ones as they are. */
export const reasonText = (reason: string, lang: Lang): string => REASONS[reason]?.[lang] ?? reason;
