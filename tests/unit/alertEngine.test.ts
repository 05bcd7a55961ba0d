import { describe, expect, it } from 'vitest';
import { AlertEngine, type Transition } from '../../src/lib/server/alerts/engine.ts';
import type { Snapshot } from '../../src/lib/server/alerts/figures.ts';
import type { AlertRule } from '../../src/lib/live/alerts.ts';
import type { LiveState } from '../../src/lib/live/protocol.ts';

const rule: AlertRule = { id: 'queue', figure: 'waiting', scope: 'each', on: 15, off: 12, webhook: null, sound: false };

/** A tick where `waiting` callers wait for pensions. */
function tick(waiting: number, at: number, sl: number | null = null): Snapshot {
	const state = {
		topics: [{ topic: 'pensions', waiting, oldestQueuedAt: waiting ? at - 10_000 : null, estimatedWaitS: null, agentsAvailable: 0, agentsServing: 3 }],
		sites: [],
		periods: { today: { total: { service_level: sl }, byTopic: { pensions: { service_level: sl } }, bySite: {} } }
	} as unknown as LiveState;
	return { state, consultants: null, now: null, at };
}

function run(rules: AlertRule[], values: number[]): Transition[] {
	const seen: Transition[] = [];
	const engine = new AlertEngine((t) => seen.push(t));
	engine.setRules(rules);
	values.forEach((v, i) => engine.evaluate(tick(v, 1_000 * i), ['pensions']));
	return seen;
}

describe('alerts with hysteresis', () => {
	it('raises one alert while the value hovers at the threshold, and ends it at `off`', () => {
		const seen = run([rule], [14, 15, 14, 15, 16, 13, 12, 11, 15]);
		expect(seen.map((t) => [t.transition, t.alert.value, t.at])).toEqual([
			['start', 15, 1_000],
			['end', 12, 6_000],
			['start', 15, 8_000]
		]);
	});

	it('ends a count rule once the count is back at `off` (the defaults end their counts at 0)', () => {
		// The defaults' long-not-ready, callbacks-overdue and written-overdue rules are on 1, off 0: a
		// count never goes below 0, so an end "past" 0 never came and those alerts never ended.
		const seen = run([{ ...rule, on: 1, off: 0 }], [0, 2, 1, 0, 0, 1]);
		expect(seen.map((t) => [t.transition, t.alert.value, t.at])).toEqual([
			['start', 2, 1_000],
			['end', 0, 3_000],
			['start', 1, 5_000]
		]);
	});

	it('alerts at or below the threshold where less is worse (service level)', () => {
		const slRule: AlertRule = { id: 'sl', figure: 'service_level', scope: 'pensions', on: 0.7, off: 0.75, webhook: null, sound: false };
		const seen: Transition[] = [];
		const engine = new AlertEngine((t) => seen.push(t));
		engine.setRules([slRule]);
		[0.8, 0.7, 0.72, 0.7, 0.76].forEach((sl, i) => engine.evaluate(tick(0, i * 1_000, sl), ['pensions']));
		expect(seen.map((t) => [t.transition, t.at])).toEqual([
			['start', 1_000],
			['end', 4_000]
		]);
	});

	it('is acknowledged once, and says who', () => {
		const seen: Transition[] = [];
		const engine = new AlertEngine((t) => seen.push(t));
		engine.setRules([rule]);
		engine.evaluate(tick(20, 0), ['pensions']);
		const [alert] = engine.active();
		expect(engine.acknowledge(alert!.id, 'rasa', 500)).toBe(true);
		expect(engine.acknowledge(alert!.id, 'rasa', 600)).toBe(false);
		expect(seen.map((t) => [t.transition, t.by])).toEqual([
			['start', null],
			['ack', 'rasa']
		]);
		expect(engine.active()[0]).toMatchObject({ acknowledgedAt: 500, acknowledgedBy: 'rasa' });
	});

	it('does not start again an alert restored from the log', () => {
		const seen: Transition[] = [];
		const engine = new AlertEngine((t) => seen.push(t));
		engine.setRules([rule]);
		engine.restore([{ id: 'queue:pensions:1', ruleId: 'queue', figure: 'waiting', scope: 'pensions', value: 16, threshold: 15, startedAt: 1, acknowledgedAt: null, sound: false }]);
		engine.evaluate(tick(20, 5_000), ['pensions']);
		expect(seen).toEqual([]);
		engine.evaluate(tick(0, 6_000), ['pensions']);
		expect(seen.map((t) => [t.transition, t.alert.id])).toEqual([['end', 'queue:pensions:1']]);
	});
});
