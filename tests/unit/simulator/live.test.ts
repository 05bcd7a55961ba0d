/**
 * The live simulator: lifecycle events that callboard's own parser and assembler turn into
 * exactly the contacts the history generator writes for the same seed and day, with consultant
 * states that agree with the calls they take.
 */
import { describe, expect, it } from 'vitest';
import { Assembler } from '../../../ingest/assemble/assembler.ts';
import { liveDayStart, simulateLive } from '../../../ingest/simulator/index.ts';
import type { ContactRecord } from '../../../ingest/types.ts';
import { WorkingCalendar } from '../../../src/lib/server/calendar/workingDays.ts';
import { checkLine, parseContext } from './ndjsonCheck.ts';
import { config, PINNED } from './simHelpers.ts';
import { parseNdjsonLine } from '../../../ingest/parsers/ndjson.ts';
import { simulateHistory } from '../../../ingest/simulator/index.ts';

const cal = new WorkingCalendar(config);
// Monday to Wednesday of the overloaded February 2025: every outcome happens.
const START = Date.parse('2025-02-03T00:00:00+02:00');
const END = Date.parse('2025-02-05T00:00:00+02:00');
const MINUTE = 60_000;

type Ev = { type: string; id: string; ts: string; call_id?: string; agent?: string; state?: string; reason?: string; wrap_ms?: number };

/** Drives a live run minute by minute, as a server would, collecting every line. */
function drive(seed: number, start = START, end = END): string[] {
	const live = simulateLive({ config, seed, start: new Date(start), params: PINNED });
	const lines: string[] = [];
	for (let t = start; t <= end; t += MINUTE) lines.push(...live.advanceTo(t));
	return lines;
}

const lines = drive(5);
const events = lines.map((l) => JSON.parse(l) as Ev);

describe('live events', () => {
	it('are valid canonical NDJSON, simulated, with unique ids, returned up to the clock in time order', () => {
		expect(lines.length).toBeGreaterThan(20_000);
		const ids = new Set<string>();
		let last = 0;
		for (const line of lines) {
			const r = checkLine(line);
			expect(r.kind === 'call' || r.kind === 'agent').toBe(true);
			const e = r.kind === 'call' || r.kind === 'agent' ? r.event : null;
			expect(e!.simulated).toBe(true);
			expect(ids.has(e!.eventId)).toBe(false);
			ids.add(e!.eventId);
			expect(e!.ts).toBeGreaterThanOrEqual(last);
			last = e!.ts;
		}
		expect(last).toBeLessThanOrEqual(END);
		const types = new Set(events.map((e) => e.type));
		for (const t of ['call.queued', 'call.wait_announced', 'call.answered', 'call.ended', 'call.wrapup_ended', 'call.abandoned', 'call.callback_requested', 'call.callback_completed', 'agent.state', 'einquiry.received', 'einquiry.answered', 'email.received', 'email.answered']) {
			expect(types.has(t), t).toBe(true);
		}
		const states = new Set(events.filter((e) => e.type === 'agent.state').map((e) => e.state));
		expect([...states].sort()).toEqual(['available', 'logged_in', 'logged_out', 'not_ready', 'on_call', 'wrap_up']);
	});

	it('assemble into exactly the contacts the history generator writes for the same seed and days', () => {
		const asm = new Assembler({
			reportsWrapUp: true,
			callbackDue: (t) => cal.callbackDue(t).getTime(),
			eInquiryDue: (t) => cal.eInquiryDue(t, config.eInquiryDeadlineWorkingDays).getTime()
		});
		const fromLive: ContactRecord[] = [];
		for (const line of lines) {
			const r = parseNdjsonLine(line, parseContext)[0]!;
			if (r.kind === 'call') asm.apply(r.event, fromLive);
		}
		asm.advance(END, fromLive);
		const fromHistory: ContactRecord[] = [];
		for (const line of simulateHistory({ config, seed: 5, from: new Date(START), to: new Date(END), params: PINNED })) {
			const r = parseNdjsonLine(line, parseContext)[0]!;
			if (r.kind === 'contact') fromHistory.push(r.contact);
		}
		// Ids differ by design (live ids carry the run); everything else must match. The last
		// minutes are left out: the assembler emits a call only once its wrap-up has ended.
		const key = (c: ContactRecord) =>
			[c.channel, c.topic, c.site, c.agent, c.queuedAt, c.answeredAt, c.endedAt, c.dueAt ?? null, c.outcome, c.waitMs, c.talkMs, c.holdMs, c.wrapMs, c.announcedWaitS ?? null].join('|');
		const settled = (c: ContactRecord) => c.endedAt < END - 30 * MINUTE;
		const a = fromLive.filter(settled).map(key).sort();
		const b = fromHistory.filter(settled).map(key).sort();
		expect(a.length).toBeGreaterThan(10_000);
		expect(a).toEqual(b);
	});

	it('never give a consultant two calls at once, and mark each answer with on_call', () => {
		const busy = new Map<string, { from: number; to: number }[]>();
		const wrapEnd = new Map<string, number>();
		for (const e of events) if (e.type === 'call.wrapup_ended') wrapEnd.set(e.call_id!, Date.parse(e.ts));
		for (const e of events) {
			if (e.type !== 'call.answered') continue;
			const list = busy.get(e.agent!) ?? [];
			list.push({ from: Date.parse(e.ts), to: wrapEnd.get(e.call_id!) ?? Infinity });
			busy.set(e.agent!, list);
		}
		for (const [, list] of busy) {
			list.sort((x, y) => x.from - y.from);
			for (let i = 1; i < list.length; i++) expect(list[i]!.from).toBeGreaterThanOrEqual(list[i - 1]!.to);
		}
		// Each answer comes with the consultant's on_call at the same instant.
		const onCall = new Set(events.filter((e) => e.type === 'agent.state' && e.state === 'on_call').map((e) => `${e.agent} ${e.ts}`));
		for (const e of events) if (e.type === 'call.answered') expect(onCall.has(`${e.agent} ${e.ts}`)).toBe(true);
	});

	it('a consultant logs in before anything else and out at the end of his shift', () => {
		const byAgent = new Map<string, Ev[]>();
		for (const e of events) if (e.type === 'agent.state') byAgent.set(e.agent!, [...(byAgent.get(e.agent!) ?? []), e]);
		expect(byAgent.size).toBeGreaterThan(30);
		for (const [agent, list] of byAgent) {
			expect(list[0]!.state, agent).toBe('logged_in');
			expect(list[list.length - 1]!.state, agent).toBe('logged_out');
			for (let i = 1; i < list.length; i++) {
				if (list[i]!.state === 'logged_in') expect(list[i - 1]!.state).toBe('logged_out');
			}
		}
	});

	it('are the same for the same seed, and other for another', () => {
		const day = START + 24 * 60 * MINUTE;
		expect(drive(5, START, day)).toEqual(lines.filter((l) => Date.parse((JSON.parse(l) as Ev).ts) <= day));
		expect(drive(6, START, day)).not.toEqual(drive(5, START, day));
	});

	it('restarted later the same day, resends the same events under the same ids (repeats, not new calls)', () => {
		const restart = Date.parse('2025-02-03T14:00:00+02:00');
		const again = simulateLive({ config, seed: 5, start: new Date(restart), params: PINNED }).advanceTo(restart);
		expect(again.length).toBeGreaterThan(5_000);
		expect(again).toEqual(lines.filter((l) => Date.parse((JSON.parse(l) as Ev).ts) <= restart));
		// A history backfill up to here and this run cover the day once between them.
		expect(liveDayStart(config, new Date(restart)).toISOString()).toBe('2025-02-02T22:00:00.000Z');
	});
});
