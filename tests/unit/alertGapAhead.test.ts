/**
 * The alert kind staffing_gap_ahead (issue #19): planned breaks leaving fewer consultants than
 * the forecast needs in a quarter hour starting within the rule's look-ahead. Judged from the
 * forecast's latest view, once per tick, with the engine's hysteresis, per topic or the worst.
 */
import { describe, expect, it } from 'vitest';
import { AlertEngine, type Transition } from '../../src/lib/server/alerts/engine.ts';
import type { Snapshot } from '../../src/lib/server/alerts/figures.ts';
import { alertRuleSchema } from '../../src/lib/server/alerts/rules.ts';
import type { AlertRule } from '../../src/lib/live/alerts.ts';
import type { LiveState } from '../../src/lib/live/protocol.ts';
import type { ForecastView } from '../../src/lib/server/forecast/service.ts';
import { alertText } from '../../src/lib/i18n/alerts.ts';

const AT = Date.parse('2026-12-07T10:10:00Z');
const rule: AlertRule = { id: 'lunch-gap', figure: 'staffing_gap_ahead', scope: 'each', on: 1, off: 0, webhook: null, sound: false, lookAheadMinutes: 60 };

/** A view at 12:10 (slot 48) with pensions' quarter hours from 12:00: [agents after breaks, on break, needed]. */
function view(pensions: [number, number, number][], asOf = AT): ForecastView {
	const intervals = pensions.map(([agents, onBreak, needed], k) => ({ slot: 48 + k, time: '', expected: 5, serviceLevel: 0.5, meanWaitS: 10, abandons: 0, needed, agents, onBreak, onLunch: onBreak }));
	return { asOf: new Date(asOf).toISOString(), date: '2026-12-07', slot: 48, closesAt: null, series: [], upcoming: [], accuracy: [], rest: [{ topic: 'pensions', intervals, warnings: [] } as unknown as ForecastView['rest'][number]] };
}

function tick(forecast: ForecastView | null, at = AT): Snapshot {
	const state = { topics: [{ topic: 'pensions', waiting: 0, oldestQueuedAt: null, agentsAvailable: 1, agentsServing: 3 }], sites: [], periods: { today: { total: {}, byTopic: {}, bySite: {} } } } as unknown as LiveState;
	return { state, consultants: null, now: null, at, forecast };
}

function run(rules: AlertRule[], ticks: Snapshot[]): Transition[] {
	const seen: Transition[] = [];
	const engine = new AlertEngine((t) => seen.push(t));
	engine.setRules(rules);
	for (const t of ticks) engine.evaluate(t, ['pensions']);
	return seen;
}

describe('staffing_gap_ahead', () => {
	it('starts when lunches within the next hour leave fewer than needed, and ends when they no longer do', () => {
		const short = view([[3, 0, 3], [3, 0, 3], [1.7, 1.3, 3], [2.7, 0.3, 3]]); // 12:30: 1 left, 3 needed
		const fine = view([[3, 0, 3], [3, 0, 3], [3, 0, 3], [3, 0, 3]]);
		const seen = run([rule], [tick(fine), tick(short, AT + 1000), tick(short, AT + 2000), tick(fine, AT + 3000)]);
		expect(seen.map((t) => [t.transition, t.alert.scope, t.alert.value])).toEqual([
			['start', 'pensions', 2],
			['end', 'pensions', 0]
		]);
		expect(alertText('lt', seen[0]!.alert, 'Pensijos')).toBe('Perspėjimas: Pensijos — per pertraukas netrukus trūks konsultantų 2 (riba 1)');
	});

	it('looks only as far ahead as the rule says; a shortfall with nobody on a break is not this alert', () => {
		const later = view([[3, 0, 3], [3, 0, 3], [3, 0, 3], [3, 0, 3], [1, 2, 3]]); // 13:00, 60 min ahead of 12:00's start
		expect(run([rule], [tick(later)])).toEqual([]);
		expect(run([{ ...rule, lookAheadMinutes: 75 }], [tick(later)]).map((t) => t.alert.value)).toEqual([2]);
		const noBreak = view([[1, 0, 3]]);
		expect(run([rule], [tick(noBreak)])).toEqual([]);
	});

	it('judges nothing without a forecast, or with one older than 15 minutes', () => {
		const short = view([[1, 2, 3]]);
		expect(run([rule], [tick(null)])).toEqual([]);
		expect(run([rule], [tick(short, AT + 16 * 60_000)])).toEqual([]);
	});

	it('is a topic figure, and its look-ahead is checked where rules come in', () => {
		expect(alertRuleSchema.safeParse({ ...rule, lookAheadMinutes: 5 }).success).toBe(false);
		expect(alertRuleSchema.safeParse({ ...rule, scope: 'pensions' }).success).toBe(true);
		expect(run([{ ...rule, scope: 'centre' }], [tick(view([[1, 2, 3]]))]).map((t) => [t.alert.scope, t.alert.value])).toEqual([['centre', 2]]);
	});
});
