/**
 * Open written work judged by one rule (server/written/openWork.ts) in the live view's two
 * readings (LiveState.now's written queues, LiveState.backlogs) as in the report: an e-inquiry
 * is overdue from the close of its 20th working day, counted over holidays. The live view used
 * to wait for the 21st working day ("age > 20"), so on the due day after 17:00 the dashboard said
 * "due soon" while the report said "overdue".
 */
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../src/lib/server/calendar/workingDays.ts';
import { defaultConfig } from '../../../src/lib/server/config/defaults.ts';
import { writtenQueues } from '../../../src/lib/server/live/now.ts';
import { backlogs } from '../../../src/lib/server/live/liveState.ts';
import { ageWorkingDays, dueAt, judgeOpen, type OpenItems } from '../../../src/lib/server/written/openWork.ts';

const calendar = new WorkingCalendar(defaultConfig);
/** Vilnius is UTC+2 in November. */
const at = (local: string) => Date.parse(`${local}+02:00`);
// Friday 30 October 2026; Monday 2 November (Vėlinės) is a holiday, so the 20th working day is
// Monday 30 November, not Friday 27 November.
const item: OpenItems = { kind: 'einquiry', topic: 'other', day: '2026-10-30', open: 1 };

describe('open written work, one rule', () => {
	it('an e-inquiry received before a holiday is due at the close of its 20th working day', () => {
		expect(dueAt(calendar, 'einquiry', item.day, 20)).toBe(at('2026-11-30T17:00:00'));
		expect(ageWorkingDays(calendar, item.day, at('2026-11-30T12:00:00'))).toBe(20);
		expect(judgeOpen(calendar, 'einquiry', item.day, at('2026-11-27T16:00:00'), 20)).toBe('dueSoon');
	});

	it('the live view says overdue from the close of the 20th working day, as the report does', () => {
		const before = at('2026-11-30T16:59:00');
		const after = at('2026-11-30T17:01:00');
		expect(judgeOpen(calendar, 'einquiry', item.day, before, 20)).toBe('dueSoon');
		expect(judgeOpen(calendar, 'einquiry', item.day, after, 20)).toBe('overdue');
		const queue = (now: number) => writtenQueues([item], calendar, defaultConfig, now).find((q) => q.kind === 'einquiry')!;
		expect(queue(before)).toMatchObject({ open: 1, dueSoon: 1, overdue: 0, oldestAgeWorkingDays: 20 });
		expect(queue(after)).toMatchObject({ open: 1, dueSoon: 0, overdue: 1, oldestAgeWorkingDays: 20 });
		const byAge = (now: number) => Object.fromEntries(backlogs([item], calendar, defaultConfig, now).eInquiriesByAge.map((b) => [b.label, b.count]));
		expect(byAge(before)).toMatchObject({ '16-20': 1, overdue: 0 });
		expect(byAge(after)).toMatchObject({ '16-20': 0, overdue: 1 });
	});

	it('a callback is due at the close of the next working day, a holiday skipped', () => {
		const cb: OpenItems = { kind: 'callback', topic: 'other', day: '2026-10-30', open: 2 };
		expect(dueAt(calendar, 'callback', cb.day, 20)).toBe(at('2026-11-03T17:00:00'));
		const q = (now: number) => writtenQueues([cb], calendar, defaultConfig, now).find((x) => x.kind === 'callback')!;
		expect(q(at('2026-11-02T12:00:00'))).toMatchObject({ open: 2, dueSoon: 0, overdue: 0 });
		expect(q(at('2026-11-03T12:00:00'))).toMatchObject({ open: 2, dueSoon: 2, overdue: 0 });
		expect(q(at('2026-11-03T17:01:00'))).toMatchObject({ open: 2, dueSoon: 0, overdue: 2 });
		expect(backlogs([cb], calendar, defaultConfig, at('2026-11-03T17:01:00'))).toMatchObject({ callbacksWaiting: 2, callbacksOverdue: 2 });
	});
});
