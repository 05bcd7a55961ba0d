/**
 * What the supervisor's live view (`/` and `/consultants`) needs from the configuration:
 * topic and site names, the consultants' limits and the wallboard's thresholds (the topic
 * levels on `/` are the TV's, judged the same way).
 */
import type { Config } from '../config/schema.ts';
import type { Lang } from '../../i18n/pick.ts';
import { canOperate, type Principal } from '../auth/principal.ts';
import { maySeeConsultants } from './consultants.ts';
import type { LiveViewData } from '../../live/view.ts';

export type { LiveViewData };

export function liveViewData(config: Config, lang: Lang, principal: Principal | null): LiveViewData {
	const topics = [...config.topics].sort((a, b) => a.ivrPriority - b.ivrPriority);
	return {
		topicNames: Object.fromEntries(topics.map((t) => [t.id, t.name[lang]])),
		siteNames: Object.fromEntries(config.sites.map((s) => [s.id, s.name])),
		topics: topics.map((t) => ({ id: t.id, name: t.name[lang], slTargetS: t.serviceLevelTargetSeconds, slGoal: t.serviceLevelGoal })),
		limits: { longCallMinutes: config.consultants.longCallMinutes, longNotReadyMinutes: config.consultants.longNotReadyMinutes },
		thresholds: config.wallboard.thresholds,
		seesConsultants: maySeeConsultants(principal, config),
		canAcknowledge: canOperate(principal)
	};
}
