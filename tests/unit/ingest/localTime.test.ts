import { describe, it, expect } from 'vitest';
import { localTimeToEpochMs } from '../../../ingest/parsers/localTime.ts';

const iso = (text: string, zone: string) => {
	const ms = localTimeToEpochMs(text, zone);
	return ms === null ? null : new Date(ms).toISOString();
};

// Expected instants checked with Intl.DateTimeFormat (longOffset) on either side of each change.
describe('local wall time to UTC', () => {
	it.each([
		['Europe/Vilnius', '2026-01-15 12:00:00', '2026-01-15T10:00:00.000Z'], // EET, +02:00
		['Europe/Vilnius', '2026-07-01 12:00:00', '2026-07-01T09:00:00.000Z'], // EEST, +03:00
		['America/New_York', '2026-01-15 12:00:00', '2026-01-15T17:00:00.000Z'], // EST, -05:00
		['America/New_York', '2026-07-01 12:00:00', '2026-07-01T16:00:00.000Z'], // EDT, -04:00
		['Australia/Lord_Howe', '2026-07-01 12:00:00', '2026-07-01T01:30:00.000Z'] // +10:30
	])('%s %s, away from any change, is %s', (zone, text, expected) => {
		expect(iso(text, zone)).toBe(expected);
	});

	it.each([
		// 03:00–04:00 EEST, then 03:00–04:00 EET: 00:30Z and 01:30Z both read 03:30.
		['Europe/Vilnius', '2026-10-25 03:30:00', '2026-10-25T01:30:00.000Z'],
		// 01:00–02:00 EDT, then EST: 05:30Z and 06:30Z both read 01:30.
		['America/New_York', '2026-11-01 01:30:00', '2026-11-01T06:30:00.000Z'],
		// 02:00 +11:00 becomes 01:30 +10:30: 14:45Z and 15:15Z both read 01:45.
		['Australia/Lord_Howe', '2026-04-05 01:45:00', '2026-04-04T15:15:00.000Z']
	])('%s %s happens twice: the later instant, %s', (zone, text, expected) => {
		expect(iso(text, zone)).toBe(expected);
	});

	it('keeps the half of the hour before a half-hour change on the offset before it', () => {
		// Same local hour as the repeated 01:45 above, but 01:15 happened once, at +11:00.
		expect(iso('2026-04-05 01:15:00', 'Australia/Lord_Howe')).toBe('2026-04-04T14:15:00.000Z');
	});

	it.each([
		// 03:00 EET became 04:00 EEST: 03:30 is taken as 04:30 EEST.
		['Europe/Vilnius', '2026-03-29 03:30:00', '2026-03-29T01:30:00.000Z'],
		// 02:00 EST became 03:00 EDT: 02:30 is taken as 03:30 EDT.
		['America/New_York', '2026-03-08 02:30:00', '2026-03-08T07:30:00.000Z'],
		// 02:00 +10:30 became 02:30 +11:00: 02:15 is taken as 02:45 +11:00.
		['Australia/Lord_Howe', '2026-10-04 02:15:00', '2026-10-03T15:45:00.000Z']
	])('%s %s never happened: moved forward by the gap, %s', (zone, text, expected) => {
		expect(iso(text, zone)).toBe(expected);
	});

	it.each(['Europe/Vilnius', 'America/New_York', 'Australia/Lord_Howe'])(
		'%s: every quarter hour of the change days reads back as the same local time',
		(zone) => {
			const fmt = new Intl.DateTimeFormat('sv-SE', {
				timeZone: zone,
				year: 'numeric',
				month: '2-digit',
				day: '2-digit',
				hour: '2-digit',
				minute: '2-digit',
				second: '2-digit',
				hourCycle: 'h23'
			});
			const days = ['2026-03-07', '2026-03-28', '2026-04-04', '2026-10-03', '2026-10-24', '2026-10-31'];
			const misread: string[] = [];
			for (const day of days) {
				for (let ms = Date.parse(`${day}T00:00:00Z`); ms < Date.parse(`${day}T00:00:00Z`) + 2 * 86_400_000; ms += 900_000) {
					const text = fmt.format(ms); // "2026-10-25 03:30:00"
					const back = localTimeToEpochMs(text, zone);
					if (back === null || fmt.format(back) !== text) misread.push(text);
					// The repeated hour reads back as its later pass, never an earlier instant.
					else if (back < ms) misread.push(`${text} before ${new Date(ms).toISOString()}`);
				}
			}
			expect(misread).toEqual([]);
		}
	);
});
