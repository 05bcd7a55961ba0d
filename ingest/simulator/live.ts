/**
 * The centre running now, for the demo and for load tests: the caller drives the clock
 * (real time, or faster) and collects the lifecycle events up to it.
 *
 * The run starts at local midnight of `start`'s day, so the first advanceTo(now) returns the day
 * so far: the wallboard's "today" is full at once. Events are deterministic for a seed, a start
 * day and the parameters, and their ids include the start day: a restart on the same day resends
 * the same events (harmless repeats), a run begun on another day never collides with it.
 */
import type { Config } from '../../src/lib/server/config/schema.ts';
import { createContext } from './context.ts';
import { DayFrames } from './dayFrames.ts';
import { Engine } from './engine.ts';
import { LiveSink } from './liveSink.ts';
import type { SimParamsOverrides } from './params.ts';

export type LiveOptions = {
	config: Config;
	seed: number;
	start: Date;
	params?: SimParamsOverrides;
};

export type LiveSimulator = {
	/** Canonical NDJSON lines of the events with ts ≤ t not returned before, in time order. */
	advanceTo(t: number): string[];
	/** The latest t the simulator was advanced to. */
	readonly now: number;
};

/**
 * Local midnight of the day `at` falls in: where a live run started at `at` begins. A history
 * backfill that runs up to here and a live run from `at` cover the time between them once each.
 */
export function liveDayStart(config: Config, at: Date): Date {
	return new Date(new DayFrames(config, []).at(at.getTime()).start);
}

export function simulateLive(opts: LiveOptions): LiveSimulator {
	const start = opts.start.getTime();
	const startDay = new DayFrames(opts.config, []).at(start).date.replaceAll('-', '');
	const ctx = createContext(opts.config, opts.seed, opts.params, `sim${opts.seed}-live${startDay}`);
	const sink = new LiveSink(ctx);
	const engine = new Engine(ctx, sink, start);
	return {
		advanceTo(t: number): string[] {
			engine.runUntil(t);
			return sink.drain(t);
		},
		get now() {
			return engine.now;
		}
	};
}
