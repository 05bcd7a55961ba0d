import { describe, expect, it } from 'vitest';
import { judgeTopic } from '../../src/lib/live/now.ts';
import { defaultConfig } from '../../src/lib/server/config/defaults.ts';

const t = defaultConfig.wallboard.thresholds; // waiting 5/15, longest 1×/2× target, SL margin 0.1, available 1/0
const topic = { slTargetS: 60, slGoal: 0.8 };
const now = 1_000_000_000;
const q = (over: Partial<{ waiting: number; oldestQueuedAt: number | null; agentsAvailable: number; agentsServing: number }>) => ({
	waiting: 0,
	oldestQueuedAt: null,
	agentsAvailable: 3,
	agentsServing: 5,
	...over
});

describe("a topic's level and its reason", () => {
	it('is normal with nothing past a limit, and says no reason', () => {
		expect(judgeTopic(q({ waiting: 2, oldestQueuedAt: now - 20_000 }), 0.9, topic, t, now)).toEqual({ level: 'ok', reasons: [] });
	});

	it('names every figure at the worst level, with the limit it reached', () => {
		const j = judgeTopic(q({ waiting: 16, oldestQueuedAt: now - 214_000, agentsAvailable: 0 }), 0.85, topic, t, now);
		expect(j.level).toBe('alarm');
		expect(j.reasons).toEqual([
			{ figure: 'waiting', level: 'alarm', value: 16, limit: 15 },
			{ figure: 'longest_wait', level: 'alarm', value: 214, limit: 120 },
			{ figure: 'available', level: 'alarm', value: 0, limit: 0 }
		]);
	});

	it('judges service level today against the goal minus the margin', () => {
		expect(judgeTopic(q({}), 0.75, topic, t, now)).toEqual({ level: 'warn', reasons: [{ figure: 'service_level', level: 'warn', value: 0.75, limit: 0.8 }] });
		expect(judgeTopic(q({}), 0.6, topic, t, now).reasons).toEqual([{ figure: 'service_level', level: 'alarm', value: 0.6, limit: expect.closeTo(0.7, 9) }]);
	});

	it('does not judge a closed centre (nobody logged in, nobody waiting)', () => {
		expect(judgeTopic(q({ agentsAvailable: 0, agentsServing: 0 }), null, topic, t, now).level).toBe('ok');
	});
});
