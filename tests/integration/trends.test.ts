/**
 * Trend series on a real embedded ClickHouse: a hand-made set of contacts goes through the
 * real ingest path, and every figure below is worked out by hand from the table.
 * The centre's zone is Europe/Vilnius (+02:00 in winter, +03:00 from 2025-03-30 03:00).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { ingestPath } from '../helpers/ingest.ts';
import { queryRows } from '../../src/lib/server/clickhouse/sql.ts';
import { localDateRange } from '../../src/lib/server/stats/periodRange.ts';
import { ahtByTopic, intradayProfile, monthlyOffered, monthlyWaits, yearlyOffered } from '../../src/lib/server/stats/trends.ts';
import type { ContactRow, TrendFilter } from '../../src/lib/charts/types.ts';

const TZ = 'Europe/Vilnius';
const voice: TrendFilter = { channel: 'voice', topic: null, site: null };
const TOPICS = ['pensions', 'benefits', 'contributions', 'other'];

type C = [id: string, queued: string, channel: string, topic: string, outcome: string, waitS: number, talkS?: number, holdS?: number, wrapS?: number];
// id   queued (local, with its offset)  channel topic outcome wait talk hold wrap
const CONTACTS: C[] = [
	['L', '2022-06-01T10:00:00+03:00', 'voice', 'pensions', 'answered', 10, 100, 0, 0],
	['A', '2024-03-10T10:00:00+02:00', 'voice', 'pensions', 'answered', 20, 100, 10, 30],
	['B', '2024-03-20T11:00:00+02:00', 'voice', 'benefits', 'answered', 40, 200, 0, 20],
	['C', '2024-12-31T23:50:00+02:00', 'voice', 'pensions', 'abandoned', 60],
	// 2025-01-01 00:30 in Vilnius is 2024-12-31 22:30 UTC: a 2025 call, a January call.
	['D', '2025-01-01T00:30:00+02:00', 'voice', 'pensions', 'answered', 10, 60, 0, 0],
	// 1 March 00:30 local = 28 February 22:30 UTC: March, not February.
	['E', '2025-03-01T00:30:00+02:00', 'voice', 'benefits', 'answered', 30, 120, 20, 40],
	['K', '2025-03-15T10:00:00+02:00', 'chat', 'pensions', 'answered', 0, 300, 0, 0],
	['J', '2025-03-23T04:20:00+02:00', 'voice', 'pensions', 'abandoned', 90],
	// DST Sunday 30 March 2025: 03:00 local never happens (02:59:59+02:00 → 04:00:00+03:00).
	['F', '2025-03-30T02:10:00+02:00', 'voice', 'pensions', 'abandoned', 3],
	['G', '2025-03-30T04:20:00+03:00', 'voice', 'pensions', 'answered', 15, 90, 0, 10],
	['H', '2025-03-31T23:30:00+03:00', 'voice', 'contributions', 'answered', 50, 100, 0, 20],
	// 1 April 00:30 local = 31 March 21:30 UTC: April.
	['I', '2025-04-01T00:30:00+03:00', 'voice', 'other', 'answered', 5, 50, 5, 5]
];

function line([id, queued, channel, topic, outcome, waitS, talkS = 0, holdS = 0, wrapS = 0]: C): string {
	const q = Date.parse(queued);
	const answered = outcome === 'answered';
	return JSON.stringify({
		type: 'contact',
		contact_id: `trend-${id}`,
		channel,
		topic,
		site: 'panevezys',
		agent: answered ? 'jonas' : null,
		queued_at: q,
		answered_at: answered ? q + waitS * 1000 : null,
		ended_at: q + (waitS + talkS + holdS) * 1000,
		outcome,
		wait_ms: waitS * 1000,
		talk_ms: talkS * 1000,
		hold_ms: holdS * 1000,
		wrap_ms: wrapS * 1000
	});
}

let db: Embedded;
beforeAll(async () => {
	db = await openEmbedded();
	const file = join(db.dir, 'trends.ndjson');
	writeFileSync(file, CONTACTS.map(line).join('\n') + '\n');
	await ingestPath(db.store.client, db.config, file, 'ndjson', 'trends');
}, 60_000);
afterAll(async () => db.close());

describe('trends from the 15-minute rollup, in the centre’s zone', () => {
	it('offered per year: local years, gap years as 0', async () => {
		// 2022: L. 2023: none. 2024: A B C (D is 2024 in UTC but 2025 here). 2025: D E J F G H I.
		expect(await yearlyOffered(db.store.client, voice, TZ)).toEqual([
			// The history starts in June 2022: a year of seven months, marked as such.
			{ year: 2022, offered: 1, partial: { from: '2022-06-01', to: null } },
			{ year: 2023, offered: 0 },
			{ year: 2024, offered: 3 },
			{ year: 2025, offered: 7 }
		]);
	});

	it('channel filter: chat has its own volume', async () => {
		expect(await yearlyOffered(db.store.client, { ...voice, channel: 'chat' }, TZ)).toEqual([{ year: 2025, offered: 1, partial: { from: '2025-03-15', to: null } }]);
		expect(await yearlyOffered(db.store.client, { ...voice, channel: null }, TZ)).toContainEqual({ year: 2025, offered: 8 });
	});

	it('calls per month for the last 24 months with year-on-year change', async () => {
		const months = await monthlyOffered(db.store.client, voice, TZ, Date.parse('2025-04-15T12:00:00Z'));
		expect(months).toHaveLength(24);
		expect(months[0]!.month).toBe('2023-05');
		expect(months.at(-1)!.month).toBe('2025-04');
		const by = Object.fromEntries(months.map((m) => [m.month, m]));
		// March 2025 (the DST month): E J F G H = 5; March 2024: A B = 2 → +150 %.
		expect(by['2025-03']).toEqual({ month: '2025-03', offered: 5, offeredYearBefore: 2, yoy: 1.5 });
		// E sits in UTC February, I in UTC March: local bucketing moves both.
		expect(by['2025-02']).toEqual({ month: '2025-02', offered: 0, offeredYearBefore: 0, yoy: null });
		// April 2025 is counted to the 15th (the day `now` falls in): partial, to date.
		expect(by['2025-04']).toEqual({ month: '2025-04', offered: 1, offeredYearBefore: 0, yoy: null, partial: { from: null, to: '2025-04-15' } });
		expect(by['2025-01']!.offered).toBe(1);
		expect(by['2024-12']!.offered).toBe(1);
		expect(by['2024-03']).toEqual({ month: '2024-03', offered: 2, offeredYearBefore: 0, yoy: null });
		expect(months.reduce((s, m) => s + m.offered, 0)).toBe(10);
	});

	it('partial periods: cut at the last day counted, marked, and compared with the same days of the year before', async () => {
		const client = db.store.client;
		const years = await yearlyOffered(client, voice, TZ, Date.parse('2025-03-20T12:00:00Z'));
		// 2025 to the 20th of March: D and E; the year is marked "to 20 March".
		expect(years.at(-1)).toEqual({ year: 2025, offered: 2, partial: { from: null, to: '2025-03-20' } });
		// A September-like cut: nothing after the cut's day is counted (I, on 1 April, is not).
		const march = await monthlyOffered(client, voice, TZ, Date.parse('2025-03-31T20:59:59Z'), 2);
		expect(march.at(-1)).toEqual({ month: '2025-03', offered: 5, offeredYearBefore: 2, yoy: 1.5 });
		// March 2025 to the 15th (E only) against 1–15 March 2024 (A on the 10th; B, on the 20th, is not the same days).
		const mid = await monthlyOffered(client, voice, TZ, Date.parse('2025-03-15T12:00:00Z'), 2);
		expect(mid.at(-1)).toEqual({ month: '2025-03', offered: 1, offeredYearBefore: 1, yoy: 0, partial: { from: null, to: '2025-03-15' } });
		// A whole year is not marked.
		expect(years.find((y) => y.year === 2024)).toEqual({ year: 2024, offered: 3 });
	});

	it('average wait of all callers and ASA per month, every month of the data', async () => {
		const waits = await monthlyWaits(db.store.client, voice, TZ);
		// 2022-06 … 2025-04: 7 + 12 + 12 + 4 months.
		expect(waits).toHaveLength(35);
		expect(waits[0]!.month).toBe('2022-06');
		const by = Object.fromEntries(waits.map((m) => [m.month, m]));
		// March 2025: waits E 30, J 90, F 3, G 15, H 50 = 188 s over 5; answered E G H = 95 s over 3.
		expect(by['2025-03']!.offered).toBe(5);
		expect(by['2025-03']!.avgWaitS).toBeCloseTo(37.6, 9);
		expect(by['2025-03']!.asaS).toBeCloseTo(95 / 3, 9);
		// December 2024: only C, abandoned after 60 s: an average wait but no ASA.
		expect(by['2024-12']).toEqual({ month: '2024-12', offered: 1, answered: 0, avgWaitS: 60, asaS: null });
		expect(by['2023-01']).toEqual({ month: '2023-01', offered: 0, answered: 0, avgWaitS: null, asaS: null });
	});

	it('for one site: ASA, but no average wait of all callers or service level (they belong to the queues)', async () => {
		const site = { ...voice, site: 'panevezys' };
		const march = (await monthlyWaits(db.store.client, site, TZ)).find((m) => m.month === '2025-03')!;
		expect([march.avgWaitS, march.asaS]).toEqual([null, 95 / 3]);
		const day = await intradayProfile(db.store.client, site, TZ, '2025-03-30');
		expect(day.slots.find((x) => x.slot === '04:15')!.today).toEqual({ offered: 1, avgWaitS: null, serviceLevel: null });
	});

	it('intraday: the DST Sunday against the Sunday before, every quarter hour', async () => {
		const day = await intradayProfile(db.store.client, voice, TZ, '2025-03-30');
		expect(day.lastWeekDate).toBe('2025-03-23');
		expect(day.slots).toHaveLength(96);
		expect(day.slots[0]!.slot).toBe('00:00');
		expect(day.slots.at(-1)!.slot).toBe('23:45');
		const by = Object.fromEntries(day.slots.map((s) => [s.slot, s]));
		// F: a 3 s abandon at 02:10 (short: out of service level, which has nothing left to measure).
		expect(by['02:00']!.today).toEqual({ offered: 1, avgWaitS: 3, serviceLevel: null });
		// 03:00–03:59 did not exist that day.
		expect(by['03:00']!.today).toEqual({ offered: 0, avgWaitS: null, serviceLevel: null });
		// G answered in 15 s (target 60 s) at 04:20 +03:00; J abandoned after 90 s at 04:20 +02:00 a week before.
		expect(by['04:15']).toEqual({
			slot: '04:15',
			today: { offered: 1, avgWaitS: 15, serviceLevel: 1 },
			lastWeek: { offered: 1, avgWaitS: 90, serviceLevel: 0 }
		});
		expect(day.slots.reduce((s, x) => s + x.today.offered, 0)).toBe(2);
		expect(day.slots.reduce((s, x) => s + x.lastWeek.offered, 0)).toBe(1);
	});

	it('AHT by topic with talk, hold and wrap for March 2025 (local dates)', async () => {
		const range = localDateRange('2025-03-01', '2025-03-31', TZ);
		const aht = await ahtByTopic(db.store.client, voice, TZ, range, TOPICS);
		expect(aht).toEqual([
			{ topic: 'pensions', answered: 1, ahtS: 100, talkS: 90, holdS: 0, wrapS: 10 },
			{ topic: 'benefits', answered: 1, ahtS: 180, talkS: 120, holdS: 20, wrapS: 40 },
			{ topic: 'contributions', answered: 1, ahtS: 120, talkS: 100, holdS: 0, wrapS: 20 },
			// I is 31 March in UTC but 1 April here.
			{ topic: 'other', answered: 0, ahtS: null, talkS: null, holdS: null, wrapS: null }
		]);
	});

	it('drill-down lists the raw contacts behind a figure, newest first', async () => {
		const range = localDateRange('2025-03-01', '2025-03-31', TZ);
		const list = (outcome: string, limit = 500) =>
			queryRows<ContactRow>(db.store.client, 'contacts/list', {
				from: Math.floor(range.fromMs / 1000),
				to: Math.floor(range.toMs / 1000),
				topic: '',
				site: '',
				channel: 'voice',
				outcome,
				// Newest first, the drill-down's default order.
				sort: 'time',
				desc: 1,
				limit,
				offset: 0
			});
		expect((await list('')).map((c) => c.contact_id)).toEqual(['trend-H', 'trend-G', 'trend-F', 'trend-J', 'trend-E']);
		expect((await list('abandoned')).map((c) => c.contact_id)).toEqual(['trend-F', 'trend-J']);
		expect((await list('short_abandoned')).map((c) => c.contact_id)).toEqual(['trend-F']);
		expect((await list('', 2)).map((c) => c.contact_id)).toEqual(['trend-H', 'trend-G']);
		const [h] = await list('', 1);
		expect(h).toMatchObject({ queued_at_ms: Date.parse('2025-03-31T23:30:00+03:00'), wait_ms: 50_000, outcome: 'answered', in_service_level: 1 });
	});
});
