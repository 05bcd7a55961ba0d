/**
 * The dashboard's calendar in the browser: the centre's today in Europe/Vilnius whatever the
 * machine's zone, which ranges are still live, and what a view of "today" does at midnight.
 */
import { describe, expect, it } from 'vitest';
import { centreDate, followToday, rangeEnd, rangeIncludes } from '../../src/routes/dashboardDates.ts';

const VILNIUS = 'Europe/Vilnius';
const at = (iso: string) => Date.parse(iso);

describe("the centre's date", () => {
	it.each([
		// Winter, UTC+2: the centre's midnight is 22:00 UTC the evening before.
		['2025-01-14T21:59:59Z', '2025-01-14'],
		['2025-01-14T22:00:00Z', '2025-01-15'],
		// Summer, UTC+3: midnight is 21:00 UTC.
		['2025-07-14T20:59:59Z', '2025-07-14'],
		['2025-07-14T21:00:00Z', '2025-07-15'],
		// New Year in Vilnius while it is still the old year in UTC.
		['2025-12-31T22:30:00Z', '2026-01-01'],
		// DST-change Sundays: the day is 23 h (30 March) and 25 h (26 October) long.
		['2025-03-30T20:59:59Z', '2025-03-30'],
		['2025-03-30T21:00:00Z', '2025-03-31'],
		['2025-10-26T21:59:59Z', '2025-10-26'],
		['2025-10-26T22:00:00Z', '2025-10-27']
	])('%s is %s in Vilnius', (iso, date) => {
		expect(centreDate(VILNIUS, at(iso))).toBe(date);
	});
	it('does not depend on the zone asked before (each zone has its own formatter)', () => {
		expect(centreDate('America/New_York', at('2025-01-15T03:00:00Z'))).toBe('2025-01-14');
		expect(centreDate(VILNIUS, at('2025-01-15T03:00:00Z'))).toBe('2025-01-15');
	});
	it('is a date string the date inputs and the API take', () => {
		expect(centreDate(VILNIUS)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});
});

describe('whether a range still changes (includes today)', () => {
	const today = '2025-05-20';
	it.each([
		['today only', today, today, true],
		['a week up to today', '2025-05-14', today, true],
		['yesterday only', '2025-05-19', '2025-05-19', false],
		['last month', '2025-04-01', '2025-04-30', false],
		['today with a to before from (asked as from only)', today, '2025-05-01', true],
		['yesterday with a to after (today)', '2025-05-19', today, true]
	])('%s', (_name, from, to, live) => {
		expect(rangeIncludes(from, to, today)).toBe(live);
	});
	it('treats a to before from as from, like the query the page sends', () => {
		expect(rangeEnd('2025-05-20', '2025-05-01')).toBe('2025-05-20');
		expect(rangeEnd('2025-05-01', '2025-05-20')).toBe('2025-05-20');
	});
});

describe('at the centre\'s midnight', () => {
	const before = '2025-05-20';
	const after = '2025-05-21';
	it('moves a view of today to the new today', () => {
		expect(followToday({ from: before, to: before }, before, after)).toEqual({ from: after, to: after });
	});
	it.each([
		['a range ending today', { from: '2025-05-14', to: before }],
		['an earlier day', { from: '2025-05-19', to: '2025-05-19' }],
		['a range starting today with to before from', { from: before, to: '2025-05-01' }]
	])('leaves %s as the user picked it', (_name, range) => {
		expect(followToday(range, before, after)).toBe(range);
	});
});
