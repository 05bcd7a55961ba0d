/**
 * The assembler: lifecycle events of one source → finished contacts (ingest/assemble/assembler.ts).
 * Every sequence here is hand-made with `ev(type, ts, fields)`; times are whole seconds after
 * T0 (Tuesday 24 Nov 2026, 10:00 in Vilnius) unless a test needs a particular calendar day.
 */
import { describe, expect, it } from 'vitest';
import {
	Assembler,
	STALE_MS,
	STALE_WRITTEN_MS,
	WRAP_WAIT_MS,
	type AssemblerOptions
} from '../../../ingest/assemble/assembler.ts';
import { contactRowBuilder } from '../../../ingest/rows.ts';
import type { CallEvent, CallEventType, ContactRecord } from '../../../ingest/types.ts';
import { WorkingCalendar } from '../../../src/lib/server/calendar/workingDays.ts';
import { loadConfig } from '../../../src/lib/server/config/index.ts';

const config = loadConfig({});
const cal = new WorkingCalendar(config);
const callbackDue = (ts: number) => cal.callbackDue(ts).getTime();
const eInquiryDue = (ts: number) => cal.eInquiryDue(ts, config.eInquiryDeadlineWorkingDays).getTime();

/** A source that reports wrap-up (NDJSON, Genesys) and one that does not (queue_log, CDR). */
const WITH_WRAP: AssemblerOptions = { reportsWrapUp: true, callbackDue, eInquiryDue };
const NO_WRAP: AssemblerOptions = { reportsWrapUp: false, callbackDue, eInquiryDue };

const T0 = Date.parse('2026-11-24T08:00:00Z');
/** T0 + n seconds. */
const s = (n: number) => T0 + n * 1000;
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null | undefined) => (ms == null ? ms : new Date(ms).toISOString());

/** One event. callId defaults to c1; the event id is derived from call, type and time unless given. */
function ev(type: CallEventType, ts: number, fields: Partial<CallEvent> = {}): CallEvent {
	const callId = fields.callId ?? 'c1';
	return { eventId: `${callId}/${type}/${ts}`, ts, callId, type, ...fields };
}

/** Applies events in order; returns every contact they finished, and the assembler. */
function run(events: CallEvent[], opts: AssemblerOptions = NO_WRAP, asm = new Assembler(opts)) {
	const contacts: ContactRecord[] = [];
	for (const e of events) asm.apply(e, contacts);
	return { contacts, asm };
}

function only(contacts: ContactRecord[]): ContactRecord {
	expect(contacts).toHaveLength(1);
	return contacts[0]!;
}

/** Every ordering of a list (for out-of-order delivery). */
function permutations<T>(xs: T[]): T[][] {
	if (xs.length <= 1) return [xs];
	return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

const aht = (c: ContactRecord) => c.talkMs + c.holdMs + c.wrapMs;

// ---------------------------------------------------------------------------------------------

describe('answered voice call', () => {
	const answeredWithHoldAndWrap = [
		ev('queued', s(0), { topic: 'pensions', channel: 'voice' }),
		ev('answered', s(20), { agent: 'ona', site: 'panevezys' }),
		ev('ended', s(320), { holdMs: 30_000 }),
		ev('wrapup_ended', s(380), { wrapMs: 60_000 })
	];

	it('becomes one whole contact: wait = answered − queued, talk = ended − answered − hold, hold, wrap', () => {
		const c = only(run(answeredWithHoldAndWrap, WITH_WRAP).contacts);
		expect(c).toEqual({
			contactId: `c1#${s(0)}`,
			channel: 'voice',
			topic: 'pensions',
			site: 'panevezys',
			agent: 'ona',
			queuedAt: s(0),
			answeredAt: s(20),
			endedAt: s(320),
			dueAt: null,
			outcome: 'answered',
			waitMs: 20_000,
			talkMs: 270_000,
			holdMs: 30_000,
			wrapMs: 60_000,
			announcedWaitS: null,
			simulated: false
		} satisfies ContactRecord);
	});

	it('AHT parts add up: talk + hold + wrap = (ended − answered) + wrap', () => {
		const c = only(run(answeredWithHoldAndWrap, WITH_WRAP).contacts);
		expect(aht(c)).toBe(c.endedAt - c.answeredAt! + 60_000);
		expect(aht(c)).toBe(360_000);
	});

	it.each([
		// [what, answered fields, ended fields, expected wait, talk, hold]
		['wait and talk derived, no hold', {}, {}, 20_000, 300_000, 0],
		['wait given by the answer (PBX holdtime) wins over the timestamps', { waitMs: 19_000 }, {}, 19_000, 300_000, 0],
		['talk given by the end event wins over the timestamps', {}, { talkMs: 250_000, holdMs: 30_000 }, 20_000, 250_000, 30_000],
		['hold only: talk derived as ended − answered − hold', {}, { holdMs: 45_000 }, 20_000, 255_000, 45_000],
		['hold longer than the call never gives a negative talk', {}, { holdMs: 400_000 }, 20_000, 0, 400_000]
	] as const)('%s', (_what, answered, ended, waitMs, talkMs, holdMs) => {
		const c = only(
			run([ev('queued', s(0)), ev('answered', s(20), answered), ev('ended', s(320), ended)], NO_WRAP).contacts
		);
		expect({ waitMs: c.waitMs, talkMs: c.talkMs, holdMs: c.holdMs, wrapMs: c.wrapMs, outcome: c.outcome }).toEqual({
			waitMs,
			talkMs,
			holdMs,
			wrapMs: 0,
			outcome: 'answered'
		});
	});

	it('keeps the topic of the queue entry, the agent of the answer and the announced wait', () => {
		const c = only(
			run([
				ev('queued', s(0), { topic: 'benefits' }),
				ev('wait_announced', s(2), { announcedWaitS: 90 }),
				ev('answered', s(30), { agent: 'petras', site: 'radviliskis' }),
				ev('ended', s(90))
			]).contacts
		);
		expect([c.topic, c.agent, c.site, c.announcedWaitS]).toEqual(['benefits', 'petras', 'radviliskis', 90]);
	});

	it('a call queued before midnight in Vilnius and answered after is one contact, queued at the queue time', () => {
		const queued = at('2026-11-24T21:59:50Z'); // 23:59:50 in Vilnius (EET, UTC+2)
		const answered = at('2026-11-24T22:00:30Z'); // 00:00:30 on the 25th
		const c = only(
			run([ev('queued', queued), ev('answered', answered), ev('ended', answered + 120_000)]).contacts
		);
		expect(c.queuedAt).toBe(queued);
		expect(c.contactId).toBe(`c1#${queued}`);
		expect(cal.localDate(c.queuedAt)).toBe('2026-11-24');
		expect(cal.localDate(c.answeredAt!)).toBe('2026-11-25');
		expect(c.waitMs).toBe(40_000);
	});
});

// ---------------------------------------------------------------------------------------------

describe('when an answered call completes', () => {
	const call = [ev('queued', s(0)), ev('answered', s(20)), ev('ended', s(320))];
	const ended = s(320);

	it('a source that never reports wrap-up: at the end event, with wrap 0', () => {
		const asm = new Assembler(NO_WRAP);
		expect(asm.apply(call[0]!)).toEqual([]);
		expect(asm.apply(call[1]!)).toEqual([]);
		const c = only(asm.apply(call[2]!));
		expect([c.outcome, c.endedAt, c.wrapMs]).toEqual(['answered', ended, 0]);
		expect(asm.openCount).toBe(0);
	});

	it('a source that reports wrap-up: not at the end event, but at wrapup_ended', () => {
		const { contacts, asm } = run(call, WITH_WRAP);
		expect(contacts).toEqual([]);
		expect(asm.openCount).toBe(1);
		const c = only(asm.apply(ev('wrapup_ended', s(350), { wrapMs: 30_000 })));
		expect(c.wrapMs).toBe(30_000);
		expect(asm.openCount).toBe(0);
	});

	it('wrapup_ended without a duration counts as wrap 0', () => {
		const c = only(run([...call, ev('wrapup_ended', s(330))], WITH_WRAP).contacts);
		expect(c.wrapMs).toBe(0);
	});

	it('no wrap-up seen: nothing before WRAP_WAIT_MS of event time, then wrap 0 via advance(now)', () => {
		const { asm } = run(call, WITH_WRAP);
		expect(asm.advance(ended + WRAP_WAIT_MS - 1)).toEqual([]);
		expect(asm.openCount).toBe(1);
		const c = only(asm.advance(ended + WRAP_WAIT_MS));
		expect([c.outcome, c.endedAt, c.wrapMs]).toEqual(['answered', ended, 0]);
		expect(asm.openCount).toBe(0);
		// The wrap-up that finally arrives does not reopen or re-emit it.
		expect(asm.apply(ev('wrapup_ended', ended + WRAP_WAIT_MS + 5000, { wrapMs: 700_000 }))).toEqual([]);
		expect(asm.stats.lateAfterCompletion).toBe(1);
		expect(asm.stats.emitted).toBe(1);
	});

	it('the wrap wait runs on event time: other calls’ events move it even when advance gets an older wall clock', () => {
		const { asm } = run(call, WITH_WRAP);
		asm.apply(ev('queued', ended + WRAP_WAIT_MS - 1, { callId: 'c2' }));
		expect(asm.advance(0)).toEqual([]);
		asm.apply(ev('queued', ended + WRAP_WAIT_MS, { callId: 'c3' }));
		const c = only(asm.advance(0));
		expect([c.contactId, c.wrapMs]).toEqual([`c1#${s(0)}`, 0]);
	});

	it('a wrap-up that arrives after WRAP_WAIT_MS but before anyone advanced the clock is still used', () => {
		const c = only(run([...call, ev('wrapup_ended', ended + WRAP_WAIT_MS + 1000, { wrapMs: 601_000 })], WITH_WRAP).contacts);
		expect(c.wrapMs).toBe(601_000);
	});
});

// ---------------------------------------------------------------------------------------------

describe('unanswered outcomes', () => {
	it.each([
		['abandoned', 'abandoned'],
		['timed_out', 'timed_out'],
		['left', 'left'],
		['callback_requested', 'callback_requested']
	] as const)('%s → outcome %s, finished at the terminal event, nothing answered', (type, outcome) => {
		const asm = new Assembler(WITH_WRAP);
		asm.apply(ev('queued', s(0), { topic: 'pensions' }));
		const c = only(asm.apply(ev(type, s(45), { waitMs: 45_000, agent: 'ona', site: 'panevezys' })));
		expect(c).toEqual({
			contactId: `c1#${s(0)}`,
			channel: 'voice',
			topic: 'pensions',
			site: '',
			agent: '',
			queuedAt: s(0),
			answeredAt: null,
			endedAt: s(45),
			dueAt: null,
			outcome,
			waitMs: 45_000,
			talkMs: 0,
			holdMs: 0,
			wrapMs: 0,
			announcedWaitS: null,
			simulated: false
		} satisfies ContactRecord);
	});

	it.each(['abandoned', 'timed_out', 'left', 'callback_requested'] as const)(
		'%s without a wait: wait = terminal − queued',
		(type) => {
			const c = only(run([ev('queued', s(0)), ev(type, s(37))]).contacts);
			expect(c.waitMs).toBe(37_000);
		}
	);

	it('an abandon after the answer does not turn an answered call into an abandoned one', () => {
		const c = only(run([ev('queued', s(0)), ev('answered', s(10)), ev('abandoned', s(11)), ev('ended', s(70))]).contacts);
		expect(c.outcome).toBe('answered');
	});

	it.each([
		// [what, type, topic, waitMs, short_abandon, in_service_level]
		['abandon after 3 s is a short abandon', 'abandoned', 'pensions', 3_000, 1, 0],
		['abandon just under 5 s is a short abandon', 'abandoned', 'pensions', 4_999, 1, 0],
		['abandon at exactly 5 s is not', 'abandoned', 'pensions', 5_000, 0, 0],
		['abandon after 60 s is not', 'abandoned', 'pensions', 60_000, 0, 0],
		['a 3 s timeout is not an abandon, short or not', 'timed_out', 'pensions', 3_000, 0, 0],
		['a 3 s left is not an abandon, short or not', 'left', 'pensions', 3_000, 0, 0]
	] as const)('row: %s', (_what, type, topic, waitMs, shortAbandon, inSl) => {
		const toRow = contactRowBuilder(config);
		const c = only(run([ev('queued', s(0), { topic }), ev(type, s(0) + waitMs, { waitMs })]).contacts);
		const row = toRow(c, 'test');
		expect([row.outcome, row.wait_ms, row.short_abandon, row.short_abandon_s, row.in_service_level]).toEqual([
			type,
			waitMs,
			shortAbandon,
			5,
			inSl
		]);
	});

	it.each([
		['pensions', 60_000, 60, 1],
		['pensions', 60_001, 60, 0],
		['other', 90_000, 90, 1],
		['other', 90_001, 90, 0]
	] as const)('row: answered %s after %i ms → target %i s, in service level %i', (topic, waitMs, target, inSl) => {
		const toRow = contactRowBuilder(config);
		const c = only(
			run([ev('queued', s(0), { topic }), ev('answered', s(0) + waitMs), ev('ended', s(0) + waitMs + 60_000)]).contacts
		);
		const row = toRow(c, 'test');
		expect([row.sl_target_s, row.in_service_level, row.short_abandon]).toEqual([target, inSl, 0]);
	});
});

// ---------------------------------------------------------------------------------------------

describe('out-of-order delivery gives the same contact as in order', () => {
	// Like queue_log, every event names its queue (topic) and channel.
	const q = { channel: 'voice', topic: 'pensions' } as const;
	const inOrder = [
		ev('queued', s(0), q),
		ev('answered', s(20), { ...q, waitMs: 20_000, agent: 'ona', site: 'panevezys' }),
		ev('ended', s(320), { ...q, holdMs: 30_000 }),
		ev('wrapup_ended', s(380), { ...q, wrapMs: 60_000 })
	];
	const expected = only(run(inOrder, WITH_WRAP).contacts);

	it.each(permutations(inOrder).map((p) => [p.map((e) => e.type).join(' → '), p] as const))(
		'reports wrap-up, %s',
		(_order, events) => {
			expect(run(events, WITH_WRAP).contacts).toEqual([expected]);
		}
	);

	// The answer carries no wait: nothing can be emitted before the queue entry is seen.
	const noWait = [ev('queued', s(0)), ev('answered', s(20)), ev('ended', s(320), { holdMs: 30_000 })];
	const expectedNoWait = only(run(noWait, NO_WRAP).contacts);

	it.each(permutations(noWait).map((p) => [p.map((e) => e.type).join(' → '), p] as const))(
		'no wrap-up, answer without a wait, %s',
		(_order, events) => {
			const { contacts, asm } = run(events, NO_WRAP);
			expect(contacts).toEqual([expectedNoWait]);
			expect(asm.openCount).toBe(0);
		}
	);

	// NDJSON's call.ended carries talk and hold but no wait: an end before its answer must wait
	// for the answer, which brings the agent, the site and the real answer time.
	const ndjsonEnd = [
		ev('queued', s(0), q),
		ev('answered', s(72), { ...q, waitMs: 72_000, agent: 'jonas', site: 'siauliai' }),
		ev('ended', s(340), { ...q, talkMs: 238_000, holdMs: 30_000 }),
		ev('wrapup_ended', s(400), { ...q, wrapMs: 60_000 })
	];
	const expectedNdjson = only(run(ndjsonEnd, WITH_WRAP).contacts);

	it.each(permutations(ndjsonEnd).map((p) => [p.map((e) => e.type).join(' → '), p] as const))(
		'an end with its talk time but no wait, %s',
		(_order, events) => {
			expect(run(events, WITH_WRAP).contacts).toEqual([expectedNdjson]);
		}
	);

	it('a generic end (talk 0) before the abandon does not make an abandoned call answered', () => {
		const { contacts } = run([ev('queued', s(0), q), ev('ended', s(40), { ...q, talkMs: 0 }), ev('abandoned', s(40), { ...q, waitMs: 40_000 })], NO_WRAP);
		expect(only(contacts)).toMatchObject({ outcome: 'abandoned', waitMs: 40_000, answeredAt: null });
	});

	it('an end that carries its wait (queue_log, the answer in the previous rotated file) is answered talk + hold before it', () => {
		const { contacts } = run([ev('ended', s(300), { ...q, waitMs: 6_000, talkMs: 294_000, holdMs: 0 })], NO_WRAP);
		expect(only(contacts)).toMatchObject({ outcome: 'answered', queuedAt: s(0), answeredAt: s(6), endedAt: s(300), waitMs: 6_000, talkMs: 294_000 });
	});

	it('ended before answered (answer without a wait): waits for the answer, then completes', () => {
		const asm = new Assembler(NO_WRAP);
		expect(asm.apply(noWait[0]!)).toEqual([]);
		expect(asm.apply(noWait[2]!)).toEqual([]);
		expect(asm.apply(noWait[1]!)).toEqual([expectedNoWait]);
	});

	it('an abandon (with its wait, no topic) before its queue entry waits for it: the same contact', () => {
		const events = [ev('queued', s(0)), ev('abandoned', s(8), { waitMs: 8_000 })];
		const expectedAbandon = only(run(events).contacts);
		const { contacts, asm } = run([events[1]!, events[0]!]);
		expect(contacts).toEqual([expectedAbandon]);
		expect(asm.openCount).toBe(0);
		expect(asm.stats.lateAfterCompletion).toBe(0);
	});

	it('an abandon that names its topic and wait finishes at once; the late queue entry is ignored', () => {
		const events = [ev('queued', s(0)), ev('abandoned', s(8), { waitMs: 8_000, topic: 'pensions' })];
		const expectedAbandon = only(run(events).contacts);
		const { contacts, asm } = run([events[1]!, events[0]!]);
		expect(contacts).toEqual([expectedAbandon]);
		expect(asm.stats.lateAfterCompletion).toBe(1);
	});

	it('an abandon without a wait before its queue entry waits for it', () => {
		const events = [ev('queued', s(0)), ev('abandoned', s(8))];
		expect(run([events[1]!, events[0]!]).contacts).toEqual(run(events).contacts);
	});

	it('an e-inquiry answered before its receipt is delivered: the same contact, due date included', () => {
		const events = [
			ev('queued', s(0), { channel: 'einquiry', topic: 'other' }),
			ev('answered', s(86_400), { channel: 'einquiry', agent: 'ona' })
		];
		const expectedInquiry = only(run(events).contacts);
		expect(run([events[1]!, events[0]!]).contacts).toEqual([expectedInquiry]);
	});

	// BUG: in NDJSON only call.queued carries the topic and channel. When the answer (with its
	// wait) and the end arrive before the queue entry, #maybeFinish derives the queue time from
	// the wait and emits at once, as channel 'voice' and topic ''; the queue entry that follows is
	// dropped as late. In order, the same call is a 'chat' contact on 'benefits'.
	it('a contact whose channel and topic come only with its queue entry keeps them when that entry arrives last', () => {
		const queued = ev('queued', s(0), { channel: 'chat', topic: 'benefits' });
		const rest = [
			ev('answered', s(20), { waitMs: 20_000, agent: 'ona' }),
			ev('ended', s(320)),
			ev('wrapup_ended', s(330), { wrapMs: 10_000 })
		];
		const expectedChat = only(run([queued, ...rest], WITH_WRAP).contacts);
		expect([expectedChat.channel, expectedChat.topic]).toEqual(['chat', 'benefits']);
		expect(run([...rest, queued], WITH_WRAP).contacts).toEqual([expectedChat]);
	});

	// BUG: a wait derived from the answer (queued = answered − holdtime) is kept even when the real
	// queue entry arrives before the contact is emitted, if it is later than the derived time.
	// queue_log holdtime and epoch are whole seconds and disagree by ±1 s (FORMATS.md §1.4), so
	// the same call gets a different queuedAt and contactId depending on delivery order.
	it('the queue entry’s own time wins over the time derived from the answer’s wait (holdtime 1 s longer)', () => {
		const q = ev('queued', s(0));
		const a = ev('answered', s(10), { waitMs: 11_000 }); // CONNECT holdtime rounded up
		const e = ev('ended', s(70));
		const expectedRounded = only(run([q, a, e]).contacts);
		expect(expectedRounded.queuedAt).toBe(s(0));
		expect(run([a, q, e]).contacts).toEqual([expectedRounded]);
	});
});

// ---------------------------------------------------------------------------------------------

describe('duplicates and late events', () => {
	const call = [ev('queued', s(0)), ev('answered', s(20)), ev('ended', s(80)), ev('wrapup_ended', s(100), { wrapMs: 20_000 })];
	const expected = only(run(call, WITH_WRAP).contacts);

	it('the same event twice changes nothing and is counted as a duplicate', () => {
		const { contacts, asm } = run(call.flatMap((e) => [e, e]), WITH_WRAP);
		expect(contacts).toEqual([expected]);
		// The second wrapup_ended comes after the contact completed: late, not a duplicate.
		expect(asm.stats.duplicates).toBe(3);
		expect(asm.stats.lateAfterCompletion).toBe(1);
		expect(asm.stats.emitted).toBe(1);
	});

	it('a redelivered answer with the same event id does not move the answer time', () => {
		const { contacts } = run([call[0]!, call[1]!, { ...call[1]!, ts: s(50) }, call[2]!, call[3]!], WITH_WRAP);
		expect(contacts).toEqual([expected]);
	});

	it('late duplicates after completion neither reopen nor re-emit', () => {
		const { contacts, asm } = run([...call, ...call], WITH_WRAP);
		expect(contacts).toEqual([expected]);
		expect(asm.openCount).toBe(0);
		expect(asm.stats.lateAfterCompletion).toBe(4);
		expect(asm.stats.emitted).toBe(1);
	});

	it('a late duplicate of an unanswered call (abandon, then its queue entry again) neither reopens nor re-emits', () => {
		const events = [ev('queued', s(0)), ev('abandoned', s(30))];
		const { contacts, asm } = run([...events, events[0]!, events[1]!]);
		expect(contacts).toHaveLength(1);
		expect(asm.openCount).toBe(0);
		expect(asm.stats.lateAfterCompletion).toBe(2);
	});

	it('pbx_other events are kept out of contacts', () => {
		const { contacts, asm } = run([ev('pbx_other', s(0), { reason: 'AGENTDUMP' })]);
		expect(contacts).toEqual([]);
		expect(asm.openCount).toBe(0);
	});
});

// ---------------------------------------------------------------------------------------------

describe('re-queue with the same callId (queue_log, FORMATS.md §1.7)', () => {
	const leg1 = [ev('queued', s(0)), ev('answered', s(10)), ev('ended', s(100), { talkMs: 90_000 })];
	const leg2 = [
		ev('queued', s(130)),
		ev('answered', s(140), { agent: 'petras' }),
		ev('ended', s(200), { talkMs: 60_000 })
	];

	it('queued again after it finished → a second contact with a different contactId', () => {
		const { contacts } = run([...leg1, ...leg2]);
		expect(contacts).toHaveLength(2);
		const [first, second] = contacts as [ContactRecord, ContactRecord];
		expect(first.contactId).toBe(`c1#${s(0)}`);
		expect(second.contactId).toBe(`c1#${s(130)}`);
		expect(second).toMatchObject({ queuedAt: s(130), waitMs: 10_000, talkMs: 60_000, agent: 'petras', outcome: 'answered' });
	});

	it('a timeout and the entry into the next queue in the same second (queue_log whole seconds): both legs count', () => {
		const { contacts } = run([
			ev('queued', s(0), { topic: 'pensions' }),
			ev('timed_out', s(300), { topic: 'pensions', waitMs: 300_000 }),
			ev('queued', s(300), { topic: 'benefits' }),
			ev('answered', s(300), { topic: 'benefits', agent: 'ona' }),
			// A late line of the first leg in that same second names the first queue: not the new leg's.
			ev('left', s(300), { topic: 'pensions' }),
			ev('ended', s(400), { topic: 'benefits' })
		]);
		expect(contacts.map((c) => [c.contactId, c.topic, c.outcome, c.waitMs])).toEqual([
			[`c1#${s(0)}`, 'pensions', 'timed_out', 300_000],
			[`c1#${s(300)}`, 'benefits', 'answered', 0]
		]);
	});

	it('a timeout and the entry back into the same queue in that second (a dialplan loop): both legs count', () => {
		const { contacts, asm } = run([
			ev('queued', s(0), { topic: 'pensions' }),
			ev('timed_out', s(300), { topic: 'pensions', waitMs: 300_000 }),
			ev('queued', s(300), { topic: 'pensions' }),
			ev('answered', s(320), { topic: 'pensions', agent: 'ona', waitMs: 20_000 }),
			ev('ended', s(400), { topic: 'pensions' })
		]);
		expect(contacts.map((c) => [c.contactId, c.outcome, c.waitMs])).toEqual([
			[`c1#${s(0)}`, 'timed_out', 300_000],
			[`c1#${s(300)}`, 'answered', 20_000]
		]);
		expect(asm.openCount).toBe(0);
	});

	it('a timed-out leg then an answered leg: two contacts, each with its own outcome', () => {
		const { contacts } = run([
			ev('queued', s(0)),
			ev('timed_out', s(300)),
			ev('queued', s(330)),
			ev('answered', s(340)),
			ev('ended', s(400))
		]);
		expect(contacts.map((c) => [c.contactId, c.outcome])).toEqual([
			[`c1#${s(0)}`, 'timed_out'],
			[`c1#${s(330)}`, 'answered']
		]);
	});

	// BUG: while the second leg is open, a redelivered event of the first leg is not recognised
	// (its id is only in the finished leg's `seen`, which is gone) and is applied to the second leg:
	// the old queued event pulls queuedAt (and so the contactId) back to the first leg's, and the old
	// ended event completes the second leg as soon as it is answered, with the first leg's talk.
	it('a late duplicate of the first leg’s events while the second leg is open does not change the second leg', () => {
		const clean = run([...leg1, ...leg2]).contacts;
		const { contacts } = run([...leg1, leg2[0]!, leg1[0]!, leg1[2]!, leg2[1]!, leg2[2]!]);
		expect(contacts).toEqual(clean);
	});
});

// ---------------------------------------------------------------------------------------------

describe('PBX restart (queue_log QUEUESTART)', () => {
	const restart = s(600);

	it('closes every open voice call: never answered or answered but not ended → unknown; answered and ended → answered', () => {
		const { contacts: before, asm } = run(
			[
				ev('queued', s(0), { callId: 'waiting', topic: 'pensions' }),
				ev('queued', s(0), { callId: 'talking' }),
				ev('answered', s(30), { callId: 'talking', agent: 'ona' }),
				ev('queued', s(0), { callId: 'wrapping' }),
				ev('answered', s(30), { callId: 'wrapping', agent: 'ona' }),
				ev('ended', s(200), { callId: 'wrapping', holdMs: 10_000 }),
				ev('queued', s(0), { callId: 'chat', channel: 'chat' }),
				ev('queued', s(0), { callId: 'cb' }),
				ev('callback_requested', s(40), { callId: 'cb', waitMs: 40_000 }),
				ev('answered', s(500), { callId: 'no-queue-entry' })
			],
			WITH_WRAP
		);
		// Only the call that asked for a callback has finished so far.
		expect(before.map((c) => [c.contactId, c.outcome])).toEqual([[`cb#${s(0)}`, 'callback_requested']]);
		const closed = asm.pbxRestart(restart);
		const byCall = Object.fromEntries(closed.map((c) => [c.contactId.split('#')[0], c]));
		expect(Object.keys(byCall).sort()).toEqual(['no-queue-entry', 'talking', 'waiting', 'wrapping']);
		expect(byCall.waiting).toMatchObject({ outcome: 'unknown', queuedAt: s(0), answeredAt: null, topic: 'pensions' });
		expect(byCall.talking).toMatchObject({ outcome: 'unknown', answeredAt: null, agent: '', talkMs: 0 });
		expect(byCall.wrapping).toMatchObject({
			outcome: 'answered',
			answeredAt: s(30),
			endedAt: s(200),
			talkMs: 160_000,
			holdMs: 10_000,
			wrapMs: 0,
			agent: 'ona'
		});
		// No queue entry and no wait: the last event stands in for the queue time.
		expect(byCall['no-queue-entry']).toMatchObject({ outcome: 'unknown', queuedAt: s(500) });
		expect(asm.stats.closedUnknown).toBe(3);
		// Chat is not on the PBX; the callback is answered days later: both stay open.
		expect(asm.openCount).toBe(2);
		expect(asm.snapshot().open.map((c) => c.callId).sort()).toEqual(['cb#callback', 'chat']);
	});

	it('a terminal event for a call the restart closed is late, not a second contact', () => {
		const asm = new Assembler(NO_WRAP);
		asm.apply(ev('queued', s(0)));
		expect(asm.pbxRestart(restart)).toHaveLength(1);
		expect(asm.apply(ev('abandoned', s(601), { waitMs: 601_000 }))).toEqual([]);
		expect(asm.stats.lateAfterCompletion).toBe(1);
	});

	it('a restart with nothing open emits nothing', () => {
		const { asm } = run([ev('queued', s(0)), ev('answered', s(5)), ev('ended', s(50))]);
		expect(asm.pbxRestart(restart)).toEqual([]);
		expect(asm.stats.closedUnknown).toBe(0);
	});
});

// ---------------------------------------------------------------------------------------------

describe('callbacks', () => {
	it('a request on Friday evening opens a callback due at Monday’s close; the call-back finishes it', () => {
		const requested = at('2026-11-27T18:30:00Z'); // Friday 20:30 in Vilnius
		const completed = at('2026-11-30T08:15:00Z'); // Monday 10:15
		const asm = new Assembler(WITH_WRAP);
		asm.apply(ev('queued', requested - 60_000, { topic: 'benefits' }));
		const origin = only(asm.apply(ev('callback_requested', requested, { waitMs: 60_000, topic: 'benefits' })));
		expect(origin).toMatchObject({
			contactId: `c1#${requested - 60_000}`,
			channel: 'voice',
			outcome: 'callback_requested',
			waitMs: 60_000
		});
		expect(asm.openCount).toBe(1);

		const cb = only(asm.apply(ev('callback_completed', completed, { agent: 'ona', site: 'panevezys' })));
		expect(cb).toEqual({
			contactId: `c1#callback#${requested}`,
			channel: 'callback',
			topic: 'benefits',
			site: 'panevezys',
			agent: 'ona',
			queuedAt: requested,
			answeredAt: completed,
			endedAt: completed,
			dueAt: at('2026-11-30T15:00:00Z'), // Monday 17:00 in Vilnius
			outcome: 'answered',
			waitMs: completed - requested,
			talkMs: 0,
			holdMs: 0,
			wrapMs: 0,
			announcedWaitS: null,
			simulated: false
		} satisfies ContactRecord);
		expect(asm.openCount).toBe(0);
	});

	it('a holiday Monday pushes the due time to Tuesday’s close (Statehood Day, 6 July 2026)', () => {
		const requested = at('2026-07-03T17:30:00Z'); // Friday 20:30 EEST
		const asm = new Assembler(WITH_WRAP);
		asm.apply(ev('callback_requested', requested, { topic: 'pensions' }));
		const cb = asm.snapshot().open.find((c) => c.channel === 'callback');
		expect(iso(cb!.dueAt)).toBe('2026-07-07T14:00:00.000Z'); // Tuesday 17:00 EEST
		expect(cb!.dueAt).toBe(cal.callbackDue(requested).getTime());
	});

	it('a request straight from the IVR (never queued, no wait) is not an offered call: only the callback counts', () => {
		const requested = at('2026-11-27T18:30:00Z');
		const { contacts, asm } = run([
			ev('callback_requested', requested, { topic: 'pensions' }),
			ev('callback_completed', at('2026-11-30T07:00:00Z'), { agent: 'ona' })
		]);
		expect(contacts.map((c) => [c.channel, c.outcome, c.topic, iso(c.dueAt)])).toEqual([
			['callback', 'answered', 'pensions', '2026-11-30T15:00:00.000Z']
		]);
		// The request's call waits for a queue entry until the stream's clock moves on (a tick).
		expect(asm.advance(at('2026-11-30T07:00:00Z'))).toEqual([]);
		expect(asm.openCount).toBe(0);
	});

	it('a repeated request does not open a second callback; a repeated call-back does not emit twice', () => {
		const req = ev('callback_requested', s(40), { topic: 'pensions', waitMs: 40_000 });
		const done = ev('callback_completed', s(4000), { agent: 'ona' });
		const { contacts, asm } = run([ev('queued', s(0)), req, req, done, done]);
		expect(contacts.map((c) => c.channel)).toEqual(['voice', 'callback']);
		expect(asm.openCount).toBe(0);
	});

	it('a call whose exit was lost is closed as unknown at its last event, not hours later at the clock', () => {
		const { asm } = run([ev('queued', s(0), { topic: 'pensions', channel: 'voice' }), ev('wait_announced', s(20), { announcedWaitS: 60 })]);
		expect(asm.advance(s(20) + STALE_MS - 1)).toEqual([]);
		const c = only(asm.advance(s(20) + STALE_MS + 3_600_000));
		// Known to have waited 20 s; closed at the clock it would count 13 hours of waiting.
		expect([c.outcome, c.waitMs, iso(c.endedAt)]).toEqual(['unknown', 20_000, iso(s(20))]);
	});

	it('a callback is not closed as stale after STALE_MS, only after STALE_WRITTEN_MS', () => {
		const { asm } = run([ev('callback_requested', s(0), { topic: 'pensions' })]);
		expect(asm.advance(s(0) + STALE_MS)).toEqual([]);
		expect(asm.openCount).toBe(1);
		const c = only(asm.advance(s(0) + STALE_WRITTEN_MS));
		expect([c.channel, c.outcome]).toEqual(['callback', 'unknown']);
	});

	// BUG: #openCallback looks the origin call up in #open for its topic, but #maybeFinish has
	// already emitted and removed it, so a request that does not repeat the topic (it is optional
	// in NDJSON call.callback_requested) gives a callback contact with topic ''.
	it('a callback inherits the topic of the call it was requested from when the request has none', () => {
		const { asm } = run([ev('queued', s(0), { topic: 'benefits' }), ev('callback_requested', s(40), { waitMs: 40_000 })]);
		const c = only(asm.apply(ev('callback_completed', s(4000), { agent: 'ona' })));
		expect(c.topic).toBe('benefits');
	});
});

// ---------------------------------------------------------------------------------------------

describe('written channels', () => {
	it('an e-inquiry is due 20 working days after receipt and finishes when answered: wait = answered − received', () => {
		const received = at('2026-12-14T09:00:00Z'); // Monday
		const answered = at('2026-12-21T10:00:00Z');
		const asm = new Assembler(WITH_WRAP);
		expect(asm.apply(ev('queued', received, { channel: 'einquiry', topic: 'other' }))).toEqual([]);
		const c = only(asm.apply(ev('answered', answered, { channel: 'einquiry', agent: 'ona', site: 'panevezys' })));
		expect(c).toMatchObject({
			channel: 'einquiry',
			topic: 'other',
			outcome: 'answered',
			queuedAt: received,
			answeredAt: answered,
			endedAt: answered,
			waitMs: answered - received,
			talkMs: 0,
			wrapMs: 0
		});
		// 24, 25 Dec and 1 Jan are holidays: the 20th working day is Thursday 14 Jan 2027, 17:00 EET.
		expect(iso(c.dueAt)).toBe('2027-01-14T15:00:00.000Z');
		expect(c.dueAt).toBe(eInquiryDue(received));
	});

	it('an e-mail finishes when answered, with no due time, even for a source that reports wrap-up', () => {
		const c = only(
			run([ev('queued', s(0), { channel: 'email' }), ev('answered', s(3600), { channel: 'email' })], WITH_WRAP).contacts
		);
		expect([c.channel, c.outcome, c.waitMs, c.dueAt]).toEqual(['email', 'answered', 3_600_000, null]);
	});

	it('an unanswered e-inquiry outlives STALE_MS and is closed unknown only after STALE_WRITTEN_MS', () => {
		const { asm } = run([ev('queued', s(0), { channel: 'einquiry' })]);
		expect(asm.advance(s(0) + STALE_MS)).toEqual([]);
		const c = only(asm.advance(s(0) + STALE_WRITTEN_MS));
		expect([c.channel, c.outcome, c.answeredAt]).toEqual(['einquiry', 'unknown', null]);
	});
});

describe('stale voice calls', () => {
	it('a voice call with no event for STALE_MS is closed as unknown', () => {
		const { asm } = run([ev('queued', s(0))]);
		expect(asm.advance(s(0) + STALE_MS - 1)).toEqual([]);
		const c = only(asm.advance(s(0) + STALE_MS));
		expect([c.outcome, c.queuedAt]).toEqual(['unknown', s(0)]);
		expect(asm.stats.closedUnknown).toBe(1);
	});
});

// ---------------------------------------------------------------------------------------------

/** One step of a source's life: an event, a clock tick, or a PBX restart. */
type Step = { event: CallEvent } | { advance: number } | { restart: number };

function step(asm: Assembler, st: Step, out: ContactRecord[]): void {
	if ('event' in st) asm.apply(st.event, out);
	else if ('advance' in st) asm.advance(st.advance, out);
	else asm.pbxRestart(st.restart, out);
}

/** A busy stretch: every path through the assembler, interleaved, out of order and redelivered. */
function busyDay(): Step[] {
	const E = (type: CallEventType, n: number, f: Partial<CallEvent> = {}): Step => ({ event: ev(type, s(n), f) });
	return [
		E('queued', 0, { callId: 'a', topic: 'pensions' }),
		E('queued', 1, { callId: 'b', topic: 'benefits' }),
		E('wait_announced', 2, { callId: 'a', announcedWaitS: 30 }),
		E('answered', 12, { callId: 'c', waitMs: 10_000, agent: 'jonas' }), // before its queue entry
		E('queued', 2, { callId: 'c', topic: 'other' }),
		E('answered', 20, { callId: 'a', agent: 'ona', site: 'panevezys' }),
		E('abandoned', 4, { callId: 'b', waitMs: 3_000 }),
		E('abandoned', 4, { callId: 'b', waitMs: 3_000 }), // redelivered
		E('ended', 200, { callId: 'a', holdMs: 20_000 }),
		E('queued', 210, { callId: 'e', channel: 'einquiry', topic: 'other' }),
		E('queued', 220, { callId: 'd', topic: 'pensions' }),
		E('callback_requested', 260, { callId: 'd', waitMs: 40_000 }),
		E('ended', 300, { callId: 'c', talkMs: 280_000 }),
		{ advance: s(400) },
		E('queued', 420, { callId: 'a' }), // a queued again around its wrap-up
		E('wrapup_ended', 430, { callId: 'a', wrapMs: 30_000 }),
		E('queued', 500, { callId: 'b', topic: 'benefits' }), // re-queue of b after its abandon
		E('timed_out', 800, { callId: 'b', waitMs: 300_000 }),
		E('queued', 900, { callId: 'f', channel: 'chat', topic: 'pensions' }),
		E('answered', 905, { callId: 'f', agent: 'petras' }),
		E('ended', 1_000, { callId: 'f' }),
		{ advance: s(1_000) + WRAP_WAIT_MS }, // c and f never report wrap-up
		E('queued', 2_000, { callId: 'g' }),
		E('answered', 2_010, { callId: 'g' }),
		{ restart: s(2_100) },
		E('ended', 2_200, { callId: 'g' }), // late after the restart closed it
		E('callback_completed', 3_000, { callId: 'd', agent: 'ona', site: 'panevezys' }),
		E('answered', 90_000, { callId: 'e', channel: 'einquiry', agent: 'jonas' }),
		E('queued', 91_000, { callId: 'h' }),
		{ advance: s(91_000) + STALE_MS }, // h goes stale; done ids older than REMEMBER_MS are forgotten
		E('ended', 2_200, { callId: 'c', talkMs: 1 }) // a stray event for c after its id was forgotten
	];
}

function runSteps(steps: Step[], opts: AssemblerOptions, asm = new Assembler(opts)) {
	const out: ContactRecord[] = [];
	for (const st of steps) step(asm, st, out);
	return { contacts: out, asm };
}

/** Snapshot → JSON text → parse → restore into a fresh assembler, as a checkpoint does. */
function reborn(asm: Assembler, opts: AssemblerOptions): Assembler {
	const next = new Assembler(opts);
	next.restore(JSON.parse(JSON.stringify(asm.snapshot())));
	return next;
}

describe('snapshot and restore', () => {
	describe.each([
		['reports wrap-up', WITH_WRAP],
		['no wrap-up', NO_WRAP]
	] as const)('%s', (_name, opts) => {
		const steps = busyDay();
		const whole = runSteps(steps, opts);

		it('the uninterrupted run emits a contact for every path', () => {
			expect(whole.contacts.length).toBeGreaterThanOrEqual(10);
			expect(new Set(whole.contacts.map((c) => c.outcome))).toEqual(
				new Set(['answered', 'abandoned', 'timed_out', 'callback_requested', 'unknown'])
			);
		});

		it.each(steps.map((_, i) => [i]))('split before step %i: snapshot → JSON → restore → continue = uninterrupted', (i) => {
			const first = runSteps(steps.slice(0, i), opts);
			const second = runSteps(steps.slice(i), opts, reborn(first.asm, opts));
			expect([...first.contacts, ...second.contacts]).toEqual(whole.contacts);
			expect(second.asm.snapshot()).toEqual(whole.asm.snapshot());
		});

		it('a restart after every single step still gives the uninterrupted contacts', () => {
			let asm = new Assembler(opts);
			const out: ContactRecord[] = [];
			for (const st of steps) {
				step(asm, st, out);
				asm = reborn(asm, opts);
			}
			expect(out).toEqual(whole.contacts);
		});

		it('the snapshot survives JSON unchanged (plain data only)', () => {
			for (let i = 0; i <= steps.length; i++) {
				const snap = runSteps(steps.slice(0, i), opts).asm.snapshot();
				expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
			}
		});
	});
});

describe('determinism', () => {
	it.each([
		['reports wrap-up', WITH_WRAP],
		['no wrap-up', NO_WRAP]
	] as const)('%s: the same sequence twice gives deep-equal contacts and state', (_name, opts) => {
		const one = runSteps(busyDay(), opts);
		const two = runSteps(busyDay(), opts);
		expect(two.contacts).toEqual(one.contacts);
		expect(two.asm.snapshot()).toEqual(one.asm.snapshot());
		expect(two.asm.stats).toEqual(one.asm.stats);
	});
});

describe('ties, late wrap-ups and callbacks out of order (issue 14)', () => {
	it('a queue entry in the very millisecond its leg was abandoned, sent after it, is that leg’s own, not a re-queue', () => {
		const { contacts, asm } = run([
			ev('abandoned', s(0), { topic: 'pensions', waitMs: 0 }),
			ev('queued', s(0), { topic: 'pensions', channel: 'voice' })
		]);
		expect(contacts.map((c) => [c.outcome, c.waitMs])).toEqual([['abandoned', 0]]);
		// No second leg left waiting for an outcome (it closed as "unknown" 12 hours later).
		expect(asm.openCount).toBe(0);
		expect(asm.advance(s(0) + STALE_MS)).toEqual([]);
	});

	it('a callback requested and queued in the same millisecond, the request sent first: one offered call and its callback', () => {
		const { contacts, asm } = run([
			ev('callback_requested', s(0), { topic: 'pensions' }),
			ev('queued', s(0), { topic: 'pensions', channel: 'voice' })
		]);
		expect(contacts.map((c) => [c.channel, c.outcome, c.topic])).toEqual([['voice', 'callback_requested', 'pensions']]);
		expect(asm.snapshot().open.map((c) => [c.callId, c.channel, c.topic])).toEqual([['c1#callback', 'callback', 'pensions']]);
		expect(asm.advance(s(0) + STALE_MS)).toEqual([]);
	});

	it('a call’s end sent after another call’s event 15 minutes later still waits for its own wrap-up', () => {
		const { contacts } = run(
			[
				ev('queued', s(0), { topic: 'pensions', channel: 'voice' }),
				ev('answered', s(20), { agent: 'ona' }),
				ev('queued', s(900), { callId: 'c2', topic: 'pensions', channel: 'voice' }),
				ev('ended', s(300)),
				ev('wrapup_ended', s(360), { wrapMs: 60_000 })
			],
			WITH_WRAP
		);
		const c = only(contacts);
		expect([c.contactId, c.talkMs, c.wrapMs]).toEqual([`c1#${s(0)}`, 280_000, 60_000]);
	});

	it('an end with no wrap-up is closed once the stream’s time has moved WRAP_WAIT_MS past the end’s arrival', () => {
		const { contacts, asm } = run(
			[
				ev('queued', s(0), { topic: 'pensions', channel: 'voice' }),
				ev('answered', s(20), { agent: 'ona' }),
				ev('queued', s(900), { callId: 'c2', topic: 'pensions', channel: 'voice' }),
				ev('ended', s(300))
			],
			WITH_WRAP
		);
		expect(contacts).toEqual([]);
		expect(asm.advance(s(900) + WRAP_WAIT_MS - 1)).toEqual([]);
		const c = only(asm.advance(s(900) + WRAP_WAIT_MS));
		expect([c.contactId, c.wrapMs]).toEqual([`c1#${s(0)}`, 0]);
	});

	it('a call whose first event arrives after 12 hours of other calls’ events is not closed as stale at once', () => {
		const asm = new Assembler(WITH_WRAP);
		asm.apply(ev('queued', s(0) + STALE_MS + 1000, { callId: 'later', topic: 'pensions', channel: 'voice' }));
		asm.apply(ev('queued', s(0), { topic: 'pensions', channel: 'voice' }));
		expect(asm.advance(s(0) + STALE_MS + 1000)).toEqual([]);
		const c = only(asm.apply(ev('abandoned', s(30), { waitMs: 30_000 })));
		expect([c.outcome, c.waitMs]).toEqual(['abandoned', 30_000]);
	});

	it('a call-back sent before its request: one callback contact, answered, and no voice call', () => {
		const requested = at('2026-11-24T08:03:30Z');
		const completed = at('2026-11-25T07:15:00Z');
		const { contacts, asm } = run([
			ev('callback_completed', completed, { agent: 'ona', site: 'siauliai' }),
			ev('queued', requested - 40_000, { topic: 'contributions', channel: 'voice' }),
			ev('callback_requested', requested, { topic: 'contributions' })
		]);
		expect(contacts.map((c) => [c.contactId, c.channel, c.outcome, c.topic, c.agent, iso(c.queuedAt), iso(c.answeredAt), iso(c.dueAt)])).toEqual([
			[`c1#${requested - 40_000}`, 'voice', 'callback_requested', 'contributions', '', iso(requested - 40_000), null, null],
			[`c1#callback#${requested}`, 'callback', 'answered', 'contributions', 'ona', iso(requested), iso(completed), iso(callbackDue(requested))]
		]);
		expect(asm.openCount).toBe(0);
		expect(asm.advance(completed + STALE_WRITTEN_MS)).toEqual([]);
	});

	it('a call-back whose request never comes is kept as a callback, never a voice call', () => {
		const { contacts, asm } = run([ev('callback_completed', s(0), { agent: 'ona' })]);
		expect(contacts).toEqual([]);
		expect(asm.advance(s(0) + STALE_MS)).toEqual([]);
		expect(asm.snapshot().open.map((c) => c.channel)).toEqual(['callback']);
	});

	it('a checkpoint written before heardAt and done topics restores', () => {
		const { asm } = run([ev('queued', s(0), { topic: 'pensions', channel: 'voice' })]);
		const state = asm.snapshot();
		const old = {
			open: state.open.map(({ heardAt: _, ...c }) => c),
			done: [['gone', s(0)]],
			watermark: state.watermark
		} as unknown as ReturnType<Assembler['snapshot']>;
		const again = new Assembler(NO_WRAP);
		again.restore(old);
		expect(again.apply(ev('queued', s(-10), { callId: 'gone', topic: 'pensions' }))).toEqual([]);
		expect(again.stats.lateAfterCompletion).toBe(1);
		const c = only(again.advance(s(0) + STALE_MS));
		expect([c.outcome, iso(c.endedAt)]).toEqual(['unknown', iso(s(0))]);
	});
});

describe('a callback request still waiting for its queue entry', () => {
	it('keeps waiting when its call-back, a day later, arrives before the queue entry in one body: the offered call is not lost', () => {
		const requested = s(0);
		const completed = requested + 86_400_000;
		const { contacts, asm } = run(
			[
				ev('callback_requested', requested, { topic: 'pensions' }),
				ev('callback_completed', completed, { agent: 'ona' }),
				ev('queued', requested - 40_000, { topic: 'pensions', channel: 'voice' })
			],
			WITH_WRAP
		);
		expect(contacts.map((c) => [c.contactId, c.channel, c.outcome])).toEqual([
			[`c1#callback#${requested}`, 'callback', 'answered'],
			[`c1#${requested - 40_000}`, 'voice', 'callback_requested']
		]);
		expect(asm.openCount).toBe(0);
	});

	it('is not made an offered call by a PBX restart: only its callback counts', () => {
		const { asm } = run([ev('callback_requested', s(0), { topic: 'pensions' })]);
		expect(asm.pbxRestart(s(60))).toEqual([]);
		expect(asm.snapshot().open.map((c) => c.channel)).toEqual(['callback']);
	});
});

describe('a re-queue answered in the millisecond the earlier leg timed out (issue 14, item 1)', () => {
	it('the answer, which names no queue (NDJSON), is the new leg’s: both legs count, the second answered', () => {
		const { contacts, asm } = run(
			[
				ev('queued', s(0), { topic: 'pensions', channel: 'voice' }),
				ev('timed_out', s(300), { waitMs: 300_000 }),
				ev('queued', s(300), { topic: 'benefits', channel: 'voice' }),
				ev('answered', s(300), { agent: 'ona', site: 'siauliai' }),
				ev('ended', s(400)),
				ev('wrapup_ended', s(430), { wrapMs: 30_000 })
			],
			WITH_WRAP
		);
		expect(contacts.map((c) => [c.contactId, c.topic, c.outcome, c.agent, c.waitMs, c.talkMs, c.wrapMs])).toEqual([
			[`c1#${s(0)}`, 'pensions', 'timed_out', '', 300_000, 0, 0],
			[`c1#${s(300)}`, 'benefits', 'answered', 'ona', 0, 100_000, 30_000]
		]);
		expect(asm.openCount).toBe(0);
	});

	it('after an answered leg, an answer with no queue in its finishing millisecond is still that leg’s, late', () => {
		const { contacts, asm } = run(
			[
				ev('queued', s(0), { topic: 'pensions', channel: 'voice' }),
				ev('answered', s(10), { agent: 'ona' }),
				ev('ended', s(100)),
				ev('queued', s(100), { topic: 'benefits', channel: 'voice' }),
				ev('answered', s(100), { agent: 'jonas', eventId: 'late-answer' })
			],
			NO_WRAP
		);
		expect(contacts.map((c) => [c.topic, c.agent])).toEqual([['pensions', 'ona']]);
		expect(asm.stats.lateAfterCompletion).toBe(1);
		expect(asm.snapshot().open.map((c) => [c.topic, c.answeredAt])).toEqual([['benefits', null]]);
	});
});
