/**
 * Call-backs and e-inquiries in generated history keep the centre's deadlines, as
 * WorkingCalendar (the Lithuanian calendar) defines them: a call-back is due at the close of the
 * next working day, an e-inquiry within 20 working days. December 2025 is used because its
 * holidays (24–26 December, then 1 January) make "next working day" non-trivial.
 */
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../../../src/lib/server/calendar/workingDays.ts';
import { config, history } from './simHelpers.ts';

const cal = new WorkingCalendar(config);
const contacts = history('2025-12-01T00:00:00+02:00', '2026-01-20T00:00:00+02:00');
const callbacks = contacts.filter((c) => c.channel === 'callback');
const local = (iso: string) => cal.localDate(Date.parse(iso));
const requestedOn = (date: string) => callbacks.filter((c) => local(c.queued_at) === date);

describe('call-backs', () => {
	it('come from the IVR after hours and from callers who heard a long wait', () => {
		expect(callbacks.length).toBeGreaterThan(500);
		const requested = contacts.filter((c) => c.outcome === 'callback_requested');
		// Every call that asked for one from the queue has its call-back (made or still due after the window).
		const made = new Set(callbacks.map((c) => c.contact_id));
		const early = requested.filter((c) => local(c.queued_at) < '2026-01-15');
		expect(early.every((c) => made.has(`${c.contact_id}#callback`))).toBe(true);
	});

	it('every one is due at the close of the next working day (WorkingCalendar.callbackDue)', () => {
		for (const c of callbacks) expect(c.due_at, c.contact_id).toBe(cal.callbackDue(Date.parse(c.queued_at)).toISOString());
	});

	it('a Friday-evening request is due on Monday at closing', () => {
		const friday = requestedOn('2025-12-19').filter((c) => Date.parse(c.queued_at) > Date.parse('2025-12-19T13:45:00Z'));
		expect(friday.length).toBeGreaterThan(0);
		// Monday 22 December, 17:00 in Vilnius (UTC+2).
		for (const c of friday) expect(c.due_at).toBe('2025-12-22T15:00:00.000Z');
	});

	it('holidays are skipped: a request on 23 December is due on 29 December', () => {
		// 24, 25 and 26 December are public holidays, 27–28 a weekend.
		const tuesday = requestedOn('2025-12-23');
		expect(tuesday.length).toBeGreaterThan(0);
		for (const c of tuesday) expect(c.due_at).toBe('2025-12-29T15:00:00.000Z');
		expect(callbacks.some((c) => ['2025-12-24', '2025-12-25', '2025-12-26', '2025-12-27', '2025-12-28'].includes(local(c.answered_at!)))).toBe(false);
	});

	it('are made by a consultant on the day they are due, before the deadline', () => {
		for (const c of callbacks) {
			expect(c.agent).toBeTruthy();
			expect(local(c.answered_at!), c.contact_id).toBe(local(c.due_at!));
			expect(Date.parse(c.answered_at!)).toBeLessThanOrEqual(Date.parse(c.due_at!));
		}
	});
});

describe('e-inquiries', () => {
	const received = contacts.filter((c) => c.channel === 'einquiry' && local(c.queued_at) <= '2025-12-05');

	it('are all answered within 20 working days, mostly well before', () => {
		expect(received.length).toBeGreaterThan(500);
		const days = received.map((c) => {
			expect(c.due_at).toBe(cal.eInquiryDue(Date.parse(c.queued_at), config.eInquiryDeadlineWorkingDays).toISOString());
			expect(Date.parse(c.answered_at!)).toBeLessThanOrEqual(Date.parse(c.due_at!));
			expect(cal.isWorkingDay(local(c.answered_at!))).toBe(true);
			return cal.workingDaysBetween(local(c.queued_at), local(c.answered_at!));
		});
		days.sort((a, b) => a - b);
		expect(days[Math.floor(days.length / 2)]!).toBeLessThanOrEqual(5);
		expect(days[Math.floor(days.length * 0.95)]!).toBeLessThan(15);
	});

	it('and e-mails are answered in opening hours on working days', () => {
		const mails = contacts.filter((c) => c.channel === 'email');
		expect(mails.length).toBeGreaterThan(500);
		for (const c of mails) expect(cal.isOpen(Date.parse(c.answered_at!))).toBe(true);
	});
});
