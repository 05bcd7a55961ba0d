/**
 * Simulated years with known arrival rates for the forecast's bench and tests: the simulator's
 * day plans (the arrivals it draws, before any queueing) counted per topic and local quarter
 * hour, beside the rate each quarter hour was drawn from (the day's expected calls with its
 * noise, the topic's share, the half-hour profile): the parameters are the truth.
 */
import type { Config } from '../src/lib/server/config/schema.ts';
import { createContext } from '../ingest/simulator/context.ts';
import { dayIndexOf, type DayFrame } from '../ingest/simulator/dayFrames.ts';
import { planCalls } from '../ingest/simulator/dayPlan.ts';
import { windowWeight } from '../ingest/simulator/arrivals.ts';
import { CALL_VOICE } from '../ingest/simulator/model.ts';
import type { SimParamsOverrides } from '../ingest/simulator/params.ts';
import { SLOTS, type Series } from '../src/lib/server/forecast/model.ts';

const Q = 15 * 60_000;

export type SimulatedSeries = {
	topics: string[];
	/** Voice calls offered per topic (first attempts) and for all topics together. */
	counts: Map<string, Series>;
	total: Series;
	/** The rate each quarter hour was drawn from, expected calls, per topic. */
	rates: Map<string, Series>;
};

export function simulatedSeries(config: Config, from: string, to: string, seed: number, params: SimParamsOverrides): SimulatedSeries {
	const ctx = createContext(config, seed, params, `fc${seed}`);
	const topics = ctx.topicIds;
	const counts = new Map(topics.map((t) => [t, new Map() as Series]));
	const rates = new Map(topics.map((t) => [t, new Map() as Series]));
	const total: Series = new Map();
	const shares = topics.map((t) => ctx.params.topicShares[t] ?? 0);
	const shareSum = shares.reduce((a, b) => a + b, 0);
	let dayRate = 0;
	ctx.onDayRate = (_f: DayFrame, expected: number) => (dayRate = expected);
	for (let i = dayIndexOf(from); i < dayIndexOf(to); i++) {
		const frame = ctx.frames.byIndex(i);
		dayRate = 0;
		const { calls } = planCalls(ctx, frame);
		const perTopic = topics.map(() => new Float64Array(SLOTS));
		const all = new Float64Array(SLOTS);
		for (const c of calls) {
			if (c.kind !== CALL_VOICE) continue;
			const s = Math.min(SLOTS - 1, Math.floor((c.t - frame.start) / Q));
			perTopic[c.topic]![s]!++;
			all[s]!++;
		}
		const w = frame.serviceOpen === 0 ? 0 : windowWeight(frame, ctx.params.profile.halfHour, frame.serviceOpen, frame.serviceClose);
		topics.forEach((t, k) => {
			counts.get(t)!.set(frame.date, perTopic[k]!);
			const r = new Float64Array(SLOTS);
			if (w > 0) {
				for (let s = 0; s < SLOTS; s++) {
					const a = Math.max(frame.serviceOpen, frame.start + s * Q);
					const b = Math.min(frame.serviceClose, frame.start + (s + 1) * Q);
					if (b > a) r[s] = (dayRate * (shares[k]! / shareSum) * windowWeight(frame, ctx.params.profile.halfHour, a, b)) / w;
				}
			}
			rates.get(t)!.set(frame.date, r);
		});
		total.set(frame.date, all);
	}
	return { topics, counts, total, rates };
}
