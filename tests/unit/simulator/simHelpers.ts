/** Shared set-up of the simulator tests: the default config, a pinned year, contact parsing. */
import { loadConfig } from '../../../src/lib/server/config/index.ts';
import { simulateHistory } from '../../../ingest/simulator/index.ts';
import type { SimParamsOverrides } from '../../../ingest/simulator/params.ts';

export const config = loadConfig({});

/** The defaults with the curve's "current year" pinned, so the tests mean the same next year. */
export const PINNED: SimParamsOverrides = { volume: { currentYear: 2026 } };

export type Contact = {
	contact_id: string;
	channel: string;
	topic: string;
	site?: string;
	agent: string | null;
	queued_at: string;
	answered_at: string | null;
	ended_at: string;
	due_at?: string;
	outcome: string;
	wait_ms: number;
	talk_ms: number;
	hold_ms: number;
	wrap_ms: number;
	announced_wait_s?: number;
};

export function history(from: string, to: string, params: SimParamsOverrides = PINNED, seed = 1): Contact[] {
	const out: Contact[] = [];
	for (const line of simulateHistory({ config, seed, from: new Date(from), to: new Date(to), params })) {
		out.push(JSON.parse(line) as Contact);
	}
	return out;
}

/** Mean of a list (NaN when empty). */
export const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
