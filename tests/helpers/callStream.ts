/**
 * A deterministic stream of canonical NDJSON events for N calls, interleaved in time the way
 * a busy centre produces them, with the totals they must add up to worked out while
 * generating (independently of the ingest code under test).
 */
export type StreamTotals = {
	offered: number;
	answered: number;
	abandoned: number;
	talkMs: number;
	holdMs: number;
	wrapMs: number;
	waitAnsweredMs: number;
	events: number;
};

export function callStream(calls: number, opts: { start?: number; prefix?: string } = {}): { lines: string[]; totals: StreamTotals } {
	const start = opts.start ?? Date.parse('2026-10-05T05:00:00Z');
	const prefix = opts.prefix ?? 'c';
	const topics = ['pensions', 'benefits', 'contributions', 'other'];
	const events: { ts: number; line: string }[] = [];
	const t: StreamTotals = { offered: 0, answered: 0, abandoned: 0, talkMs: 0, holdMs: 0, wrapMs: 0, waitAnsweredMs: 0, events: 0 };
	const push = (ts: number, obj: Record<string, unknown>) => events.push({ ts, line: JSON.stringify({ ts, ...obj }) });
	for (let i = 0; i < calls; i++) {
		const id = `${prefix}-${i}`;
		const q = start + i * 1_500; // a call every 1.5 s: about 40 open at once
		push(q, { type: 'call.queued', call_id: id, topic: topics[i % 4], channel: 'voice' });
		t.offered++;
		if (i % 5 === 0) {
			const wait = 3_000 + (i % 60) * 1_000;
			push(q + wait, { type: 'call.abandoned', call_id: id, wait_ms: wait });
			t.abandoned++;
			continue;
		}
		const wait = (i % 90) * 1_000;
		const hold = (i % 7) * 5_000;
		const talk = 60_000 + (i % 300) * 1_000;
		const wrap = (i % 4) * 10_000;
		push(q + wait, { type: 'call.answered', call_id: id, agent: `agent-${i % 35}`, site: 'siauliai' });
		push(q + wait + talk + hold, { type: 'call.ended', call_id: id, talk_ms: talk, hold_ms: hold });
		push(q + wait + talk + hold + wrap, { type: 'call.wrapup_ended', call_id: id, wrap_ms: wrap });
		t.answered++;
		t.talkMs += talk;
		t.holdMs += hold;
		t.wrapMs += wrap;
		t.waitAnsweredMs += wait;
	}
	events.sort((a, b) => a.ts - b.ts);
	t.events = events.length;
	return { lines: events.map((e) => e.line), totals: t };
}

/** What totalsBySource (tests/helpers/ingest.ts) must show for a stream's source, stored once. */
export function storedTotals(t: StreamTotals) {
	return {
		offered: t.offered,
		answered: t.answered,
		abandoned: t.abandoned,
		talk_ms: t.talkMs,
		hold_ms: t.holdMs,
		wrap_ms: t.wrapMs,
		wait_answered_ms: t.waitAnsweredMs,
		duplicate_ids: 0
	};
}
