/**
 * The definitions in force when a report is made: every period metric's text (from the one
 * home, $lib/metrics/definitions.ts), the report-only figures, and the configuration values
 * that change what a figure means (service-level targets, the short-abandon threshold, the
 * e-inquiry deadline). The version is a digest of all of it, so a stored report says exactly
 * which definitions it was made under and a regenerated one can say they changed.
 */
import { createHash } from 'node:crypto';
import { DEFINITIONS, PERIOD_METRICS } from '../../metrics/definitions.ts';
import { METRIC_NAMES } from '../../i18n/dashboard.ts';
import type { Config } from '../config/schema.ts';
import { REPORT_DEFINITIONS } from './texts.ts';
import type { ReportDefinition } from './types.ts';
import { enCount, ltCount } from '../../i18n/plural.ts';

const WORKING_DAYS_LT = { one: 'darbo diena', few: 'darbo dienos', many: 'darbo dienų' } as const;

export function reportDefinitions(config: Config): { version: string; items: ReportDefinition[] } {
	const items: ReportDefinition[] = [
		...PERIOD_METRICS.map((m) => ({
			key: m,
			lt: `${METRIC_NAMES[m].lt}: ${DEFINITIONS[m].lt}`,
			en: `${METRIC_NAMES[m].en}: ${DEFINITIONS[m].en}`
		})),
		...Object.entries(REPORT_DEFINITIONS).map(([key, d]) => ({ key, ...d })),
		{
			key: 'config.service_level_targets',
			lt: `Tiksliniai atsiliepimo laikai: ${config.topics.map((t) => `${t.name.lt} ${t.serviceLevelTargetSeconds} s (siekiama ${Math.round(t.serviceLevelGoal * 100)} %)`).join('; ')}.`,
			en: `Answer targets: ${config.topics.map((t) => `${t.name.en} ${t.serviceLevelTargetSeconds} s (goal ${Math.round(t.serviceLevelGoal * 100)} %)`).join('; ')}.`
		},
		{
			key: 'config.short_abandon',
			lt: `Trumpo atsisakymo riba: ${config.shortAbandonSeconds} s.`,
			en: `Short-abandon threshold: ${config.shortAbandonSeconds} s.`
		},
		{
			key: 'config.einquiry_deadline',
			lt: `E. užklausų atsakymo terminas: ${ltCount(config.eInquiryDeadlineWorkingDays, WORKING_DAYS_LT)}.`,
			en: `E-inquiry answer deadline: ${enCount(config.eInquiryDeadlineWorkingDays, 'working day', 'working days')}.`
		},
		{ key: 'config.time_zone', lt: `Laiko juosta: ${config.timeZone}.`, en: `Time zone: ${config.timeZone}.` }
	];
	const version = createHash('sha256').update(JSON.stringify(items)).digest('hex').slice(0, 12);
	return { version, items };
}
