/**
 * What both wallboard pages need from the server: language, time zone, topics with their
 * names and service-level targets, sites, thresholds. Only the fields the page shows.
 */
import type { Config } from '$lib/server/config/index.ts';
import type { Lang } from '$lib/i18n/pick.ts';
import type { Thresholds } from './thresholds.ts';

/** `name` is what the TV shows (the configured short name, else the full one); `fullName` its title. */
export type WallboardTopic = { id: string; name: string; fullName: string; slTargetS: number; slGoal: number };
export type WallboardSite = { id: string; name: string };
export type WallboardData = {
	lang: Lang;
	timeZone: string;
	topics: WallboardTopic[];
	sites: WallboardSite[];
	/** The site this page shows; null for the whole centre. */
	site: WallboardSite | null;
	thresholds: Thresholds;
};

export function wallboardData(config: Config, lang: Lang, siteId: string | null): WallboardData {
	const sites = config.sites.map((s) => ({ id: s.id, name: s.name }));
	return {
		lang,
		timeZone: config.timeZone,
		topics: [...config.topics]
			.sort((a, b) => a.ivrPriority - b.ivrPriority)
			.map((t) => ({ id: t.id, name: t.shortName?.[lang] ?? t.name[lang], fullName: t.name[lang], slTargetS: t.serviceLevelTargetSeconds, slGoal: t.serviceLevelGoal })),
		sites,
		site: siteId === null ? null : (sites.find((s) => s.id === siteId) ?? null),
		thresholds: config.wallboard.thresholds
	};
}
