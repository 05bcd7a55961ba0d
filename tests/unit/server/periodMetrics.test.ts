import { describe, expect, it } from 'vitest';
import {
	computePeriodMetrics,
	emptySums,
	PERIOD_METRICS,
	DEFINITIONS,
	WAIT_LIMITS_NOTE,
	WRAP_UP_RULE_NOTE,
	WRAP_WAIT_MIN
} from '../../../src/lib/metrics/definitions.ts';
import { WRAP_WAIT_MS } from '../../../ingest/assemble/assembler.ts';
import { WAIT_LIMIT_MS } from '../../../ingest/parsers/limits.ts';
import { localDateRange } from '../../../src/lib/server/stats/periodRange.ts';
import { isIsoDate } from '../../../src/lib/calendar/localDate.ts';

describe('period metrics, one definition each', () => {
	// 10 offered: 6 answered (waits 10, 20, 30, 40, 50, 90 s; target 60 s → 5 in SL),
	// 3 abandoned (one short, after 2 s; others after 70 and 100 s), 1 timed out after 300 s.
	const sums = {
		offered: 10,
		answered: 6,
		abandoned: 3,
		short_abandoned: 1,
		answered_in_sl: 5,
		wait_answered_ms: 240_000,
		wait_all_ms: 240_000 + 2_000 + 70_000 + 100_000 + 300_000,
		talk_ms: 6 * 200_000,
		hold_ms: 6 * 20_000,
		wrap_ms: 6 * 40_000,
		max_wait_ms: 300_000
	};
	const m = computePeriodMetrics(sums);

	it('ASA counts answered calls only; average wait counts every caller', () => {
		expect(m.asa_s).toBe(40);
		expect(m.avg_wait_s).toBeCloseTo(71.2, 6);
	});

	it('service level leaves short abandons out of the denominator', () => {
		expect(m.service_level).toBeCloseTo(5 / 9, 9);
		expect(m.abandon_rate).toBeCloseTo(2 / 9, 9);
	});

	it('AHT is talk + hold + wrap-up per answered call', () => {
		expect(m.aht_s).toBe(260);
		expect([m.talk_s, m.hold_s, m.wrap_s]).toEqual([200, 20, 40]);
	});

	it('an empty period has no averages (null), not zeros', () => {
		const e = computePeriodMetrics(emptySums());
		expect(e.offered).toBe(0);
		expect(e.asa_s).toBeNull();
		expect(e.service_level).toBeNull();
		expect(e.max_wait_s).toBeNull();
	});

	it('every metric has a definition in both languages', () => {
		for (const k of PERIOD_METRICS) {
			expect(DEFINITIONS[k].lt.length).toBeGreaterThan(10);
			expect(DEFINITIONS[k].en.length).toBeGreaterThan(10);
		}
	});
});

describe("the centre's day", () => {
	it('is 23 hours long on the spring DST Sunday and 25 on the autumn one', () => {
		const spring = localDateRange('2026-03-29', null, 'Europe/Vilnius');
		expect((spring.toMs - spring.fromMs) / 3600_000).toBe(23);
		const autumn = localDateRange('2026-10-25', null, 'Europe/Vilnius');
		expect((autumn.toMs - autumn.fromMs) / 3600_000).toBe(25);
	});

	it('"today" follows Vilnius: 23:30 UTC on 24 Nov is already 25 Nov there', () => {
		const r = localDateRange(null, null, 'Europe/Vilnius', Date.parse('2026-11-24T23:30:00Z'));
		expect(r.fromDate).toBe('2026-11-25');
		expect(new Date(r.fromMs).toISOString()).toBe('2026-11-24T22:00:00.000Z');
	});

	it('refuses a bad date or an inverted range', () => {
		expect(() => localDateRange('2026-13-01', null, 'Europe/Vilnius')).toThrow(/from must be a date/);
		expect(() => localDateRange('2026-11-02', '2026-11-01', 'Europe/Vilnius')).toThrow(/before from/);
	});

	it('refuses a day the month does not have, which Date.parse rolls into the next month', () => {
		expect(() => localDateRange('2026-02-30', null, 'Europe/Vilnius')).toThrow('from must be a date YYYY-MM-DD, got "2026-02-30"');
		expect(() => localDateRange('2026-04-01', '2026-04-31', 'Europe/Vilnius')).toThrow('to must be a date YYYY-MM-DD, got "2026-04-31"');
	});
});

describe('isIsoDate', () => {
	it.each(['2024-02-29', '2026-12-31', '2026-01-01'])('%s is a date', (v) => {
		expect(isIsoDate(v)).toBe(true);
	});

	it.each([
		'2026-02-30', // 2 March to Date.parse
		'2026-04-31',
		'2025-02-29', // not a leap year
		'2026-13-01',
		'2026-00-10',
		'2026-02-00',
		'2026-2-3',
		'2026-02-03T00:00',
		''
	])('%s is not', (v) => {
		expect(isIsoDate(v)).toBe(false);
	});
});

describe('the ingest rules the glossary states', () => {
	it('says the wrap-up wait the assembler applies', () => {
		expect(WRAP_WAIT_MIN * 60_000).toBe(WRAP_WAIT_MS);
		expect(WRAP_UP_RULE_NOTE.en).toContain(`${WRAP_WAIT_MS / 60_000} minutes`);
		expect(WRAP_UP_RULE_NOTE.lt).toContain(`${WRAP_WAIT_MS / 60_000} minučių`);
	});

	it('says each channel’s longest wait as limits.ts has it', () => {
		expect(WAIT_LIMIT_MS.chat).toBe(WAIT_LIMIT_MS.voice);
		expect(WAIT_LIMIT_MS.callback).toBe(WAIT_LIMIT_MS.einquiry);
		expect(WAIT_LIMIT_MS.email).toBe(WAIT_LIMIT_MS.einquiry);
		expect(WAIT_LIMITS_NOTE.en).toContain(`${WAIT_LIMIT_MS.voice / 3_600_000} hours for calls and chat, ${WAIT_LIMIT_MS.einquiry / 86_400_000} days`);
		expect(WAIT_LIMITS_NOTE.lt).toContain(`${WAIT_LIMIT_MS.voice / 3_600_000} valandos`);
	});
});
