/**
 * Defaults that describe our centre: three sites, four IVR topics, Lithuanian hours.
 * A config file (CALLBOARD_CONFIG) overrides any of these keys.
 */
import type { Config } from './schema.ts';
import { DEFAULT_ALERT_RULES } from '../alerts/rules.ts';

export const defaultConfig: Config = {
	port: 3000,
	host: '0.0.0.0',
	dataDir: './data',
	clickhouse: { user: 'default', password: '', database: 'callboard' },
	timeZone: 'Europe/Vilnius',
	// Public-sector hours in Lithuania: Friday is shorter by 1 h 15 min.
	openingHours: {
		'1': { open: '08:00', close: '17:00' },
		'2': { open: '08:00', close: '17:00' },
		'3': { open: '08:00', close: '17:00' },
		'4': { open: '08:00', close: '17:00' },
		'5': { open: '08:00', close: '15:45' },
		'6': null,
		'7': null
	},
	extraHolidays: [],
	shortAbandonSeconds: 5,
	eInquiryDeadlineWorkingDays: 20,
	// A queue not mapped to a topic is still judged: against the Fund's 60 s answer target.
	unmappedServiceLevelTargetSeconds: 60,
	topics: [
		{
			id: 'pensions',
			name: { lt: 'Pensijos', en: 'Pensions' },
			ivrPriority: 1,
			serviceLevelTargetSeconds: 60,
			serviceLevelGoal: 0.8,
			queues: ['pensions', 'pensijos']
		},
		{
			id: 'benefits',
			name: { lt: 'Išmokos', en: 'Benefits' },
			ivrPriority: 2,
			serviceLevelTargetSeconds: 60,
			serviceLevelGoal: 0.8,
			queues: ['benefits', 'ismokos']
		},
		{
			id: 'contributions',
			name: { lt: 'Įmokos', en: 'Contributions' },
			ivrPriority: 3,
			serviceLevelTargetSeconds: 60,
			serviceLevelGoal: 0.8,
			queues: ['contributions', 'imokos']
		},
		{
			id: 'other',
			name: { lt: 'Kiti socialinio draudimo klausimai', en: 'Other social insurance' },
			// In full it pushed a site board's tile 28 px past its box at 1920 × 1080: the TV shows this.
			shortName: { lt: 'Kiti klausimai', en: 'Other questions' },
			ivrPriority: 4,
			serviceLevelTargetSeconds: 90,
			serviceLevelGoal: 0.8,
			queues: ['other', 'kiti']
		}
	],
	sites: [
		{ id: 'panevezys', name: 'Panevėžys', agents: [] },
		{ id: 'radviliskis', name: 'Radviliškis', agents: [] },
		{ id: 'siauliai', name: 'Šiauliai', agents: [], openedOn: '2025-03-01' }
	],
	agentAliases: {},
	pbxTimeZone: 'Europe/Vilnius',
	auth: { sessionHours: 12 },
	ingest: {
		flushMs: 250,
		batchSize: 20_000,
		maxBodyBytes: 32 * 1024 * 1024,
		spoolDir: './data/spool',
		spoolMaxBytes: 1024 * 1024 * 1024,
		rejectedRetentionDays: 90,
		sources: []
	},
	genesys: { queueNames: {}, divisionSites: {}, live: false, reconcileSeconds: 60, overlapMinutes: 15, catchUpHours: 24 },
	demo: true,
	demoYears: 10,
	ewt: { announced: 'erlangA', refreshMs: 1000, clock: 'wall' },
	// Where a call or a break starts to stand out on the supervisor's list; a centre sets its own.
	consultants: { longCallMinutes: 15, longNotReadyMinutes: 15, namesOnWallboards: false },
	alerts: { rules: DEFAULT_ALERT_RULES },
	// A 45-minute lunch staggered over 11:00–14:30 and two 10-minute breaks, as the centre's
	// rota has them; the PBX's not-ready reason codes for them, Lithuanian and English.
	breaks: {
		schedule: [
			{ id: 'morning-break', kind: 'short', minutes: 10, from: '10:30', to: '11:30', reasons: ['break', 'pertrauka'] },
			{ id: 'lunch', kind: 'lunch', minutes: 45, from: '11:00', to: '14:30', reasons: ['lunch', 'pietūs', 'pietus'] },
			{ id: 'afternoon-break', kind: 'short', minutes: 10, from: '14:45', to: '16:00', reasons: ['break', 'pertrauka'] }
		],
		sites: {}
	},
	// Pensions are paid around the 10th, benefits around the 20th; indexation letters go out in
	// early January. Effects are the planners' expectations until the history has such days.
	fundCalendar: [
		{ id: 'pension-payment', name: { lt: 'pensijų mokėjimo diena', en: 'pension payment day' }, effect: 1.3, monthDays: [10], dates: [] },
		{ id: 'benefit-payment', name: { lt: 'išmokų diena', en: 'benefit payment day' }, effect: 1.15, monthDays: [20], dates: [] },
		{ id: 'indexation', name: { lt: 'indeksacija', en: 'indexation' }, effect: 1.25, monthDays: [5], months: [1], dates: [] }
	],
	/** No SMTP server until one is configured; files go to DATA_DIR/exports. */
	exports: {},
	wallboard: {
		// 60 s is the Fund's answer target, so ASA warns at half of it and alarms at it;
		// 5 % abandons is the usual public-sector ceiling, 10 % twice that.
		thresholds: {
			waiting: { warn: 5, alarm: 15 },
			longestWaitFactor: { warn: 1, alarm: 2 },
			serviceLevelMargin: 0.1,
			asaS: { warn: 30, alarm: 60 },
			avgWaitS: { warn: 45, alarm: 90 },
			abandonRate: { warn: 0.05, alarm: 0.1 },
			available: { warn: 1, alarm: 0 }
		}
	}
};
