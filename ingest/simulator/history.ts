/**
 * Years of history for bulk backfill: one canonical `contact` line per finished contact, day by
 * day. The engine starts empty at local midnight of `from`'s day and runs to `to`; each day's
 * contacts come out once the day is simulated, in the order they ended (ended_at), which is the
 * order the assembler would have finished them. A contact appears when it was queued at or after
 * `from` and ended before `to`: an e-inquiry still unanswered at `to` is not history yet.
 */
import type { Config } from '../../src/lib/server/config/schema.ts';
import { createContext } from './context.ts';
import { Engine } from './engine.ts';
import { HistorySink } from './historySink.ts';
import type { SimParamsOverrides } from './params.ts';

export type HistoryOptions = {
	config: Config;
	seed: number;
	from: Date;
	to: Date;
	params?: SimParamsOverrides;
};

export function* simulateHistory(opts: HistoryOptions): Generator<string> {
	const from = opts.from.getTime();
	const to = opts.to.getTime();
	if (!(from < to)) return;
	const ctx = createContext(opts.config, opts.seed, opts.params, `sim${opts.seed}`);
	const sink = new HistorySink(ctx, from);
	const engine = new Engine(ctx, sink, from);
	for (let day = ctx.frames.at(from); day.start < to; day = ctx.frames.byIndex(day.index + 1)) {
		const until = Math.min(day.end, to);
		// Times are whole milliseconds: everything before `until` has happened once this returns.
		engine.runUntil(until - 1);
		yield* sink.drain(until);
	}
}
