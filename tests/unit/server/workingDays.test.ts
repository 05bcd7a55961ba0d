import { describe, expect, it } from 'vitest';
import { easterSunday, lithuanianHolidays } from '../../../src/lib/server/calendar/holidays.ts';
import { WorkingCalendar } from '../../../src/lib/server/calendar/workingDays.ts';
import { loadConfig } from '../../../src/lib/server/config/index.ts';

const cal = new WorkingCalendar(loadConfig({}));
const iso = (d: Date) => d.toISOString();

describe('Lithuanian calendar', () => {
	it.each([
		[2016, [3, 27]],
		[2019, [4, 21]],
		[2024, [3, 31]],
		[2025, [4, 20]],
		[2026, [4, 5]]
	])('Easter Sunday %i', (year, expected) => {
		expect(easterSunday(year)).toEqual(expected);
	});

	it('adds Vėlinės (2 November) from 2020 and Kūčios (24 December) from 2012', () => {
		expect(lithuanianHolidays(2019).map((h) => h.date)).not.toContain('2019-11-02');
		expect(lithuanianHolidays(2020).map((h) => h.date)).toContain('2020-11-02');
		expect(lithuanianHolidays(2011).map((h) => h.date)).not.toContain('2011-12-24');
		expect(lithuanianHolidays(2016).map((h) => h.date)).toContain('2016-12-24');
	});

	it.each([
		['2026-11-23', true], // Monday
		['2026-11-28', false], // Saturday
		['2026-04-06', false], // Easter Monday
		['2026-02-16', false], // Restoration of the State
		['2026-07-06', false] // Statehood Day (a Monday in 2026)
	])('%s is a working day: %s', (date, expected) => {
		expect(cal.isWorkingDay(date)).toBe(expected);
	});
});

describe('callback and e-inquiry deadlines', () => {
	it('a Friday-evening callback is due at Monday closing time (17:00 Vilnius = 15:00 UTC in winter)', () => {
		const fridayEvening = Date.parse('2026-11-27T18:30:00Z'); // 20:30 in Vilnius
		expect(iso(cal.callbackDue(fridayEvening))).toBe('2026-11-30T15:00:00.000Z');
	});

	it('a callback before a holiday skips it: Thursday 2 April 2026 → Tuesday 7 April (Easter Monday skipped)', () => {
		// Friday 3 April 2026 is a working day in Lithuania (Good Friday is not a holiday).
		expect(cal.nextWorkingDay('2026-04-02')).toBe('2026-04-03');
		expect(cal.nextWorkingDay('2026-04-03')).toBe('2026-04-07');
		expect(iso(cal.callbackDue(Date.parse('2026-04-03T14:00:00Z')))).toBe('2026-04-07T14:00:00.000Z'); // 17:00 EEST
	});

	it('a callback asked after midnight but before opening is due the next working day, not the same day', () => {
		// 06:00 Vilnius on Tuesday 24 Nov 2026: the centre opens at 08:00, due Wednesday.
		expect(iso(cal.callbackDue(Date.parse('2026-11-24T04:00:00Z')))).toBe('2026-11-25T15:00:00.000Z');
	});

	it('an e-inquiry is due after 20 working days, holidays not counted', () => {
		// Received Monday 14 Dec 2026: 24, 25 Dec are holidays (26th is Saturday), 1 Jan is a holiday.
		const due = cal.eInquiryDue(Date.parse('2026-12-14T09:00:00Z'), 20);
		expect(cal.localDate(due)).toBe('2027-01-14');
		expect(cal.workingDaysBetween('2026-12-14', '2027-01-14')).toBe(20);
	});

	it('uses the shorter Friday hours for the deadline instant', () => {
		expect(iso(cal.closingTime('2026-11-27'))).toBe('2026-11-27T13:45:00.000Z'); // 15:45 EET
	});

	it('knows when the centre is open', () => {
		expect(cal.isOpen(Date.parse('2026-11-24T07:00:00Z'))).toBe(true); // 09:00 Tuesday
		expect(cal.isOpen(Date.parse('2026-11-24T16:00:00Z'))).toBe(false); // 18:00
		expect(cal.isOpen(Date.parse('2026-11-28T09:00:00Z'))).toBe(false); // Saturday
	});
});
