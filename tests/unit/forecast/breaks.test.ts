/**
 * Planned breaks in the projection of the rest of the day (issue #19), on the smallest inputs
 * that show each part of the rule (src/lib/server/forecast/breaks.ts): a consultant on lunch
 * returns after the planned length; lunches not yet taken are spread evenly over the window;
 * breaks already taken are not taken again; the projection with breaks is worse in the lunch
 * quarter hours than without; and a minimal roster whose lunches overlap gets the warning.
 */
import { describe, expect, it } from 'vitest';
import { breakRuleSchema, type BreakRule } from '../../../src/lib/server/config/schema.ts';
import { addConsultantBreaks, awayByTopic, breakRulesFor, emptyAway, type ConsultantBreaks } from '../../../src/lib/server/forecast/breaks.ts';
import { breakWarnings } from '../../../src/lib/server/forecast/breakWarnings.ts';
import { restInterval } from '../../../src/lib/server/forecast/rest.ts';
import { loadConfig } from '../../../src/lib/server/config/index.ts';

// A day whose local midnight is t = 0: quarter hour i starts at i × 15 min.
const MID = 0;
const at = (hhmm: string) => MID + (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) * 60_000;
const slot = (hhmm: string) => Math.round(at(hhmm) / 900_000);
const LUNCH: BreakRule = { id: 'lunch', kind: 'lunch', minutes: 45, from: '11:00', to: '14:00', reasons: ['lunch', 'pietūs'] };
const MORNING: BreakRule = { id: 'morning', kind: 'short', minutes: 10, from: '10:30', to: '11:30', reasons: ['break'] };
const AFTERNOON: BreakRule = { id: 'afternoon', kind: 'short', minutes: 10, from: '14:45', to: '16:00', reasons: ['break'] };
const ready = (over: Partial<ConsultantBreaks> = {}): ConsultantBreaks => ({ site: 'panevezys', topics: ['pensions'], state: 'available', reason: '', sinceMs: at('08:00'), pastBreaks: [], ...over });
const breaksOf = (c: ConsultantBreaks, rules: BreakRule[], now: string) => {
	const a = emptyAway(96);
	addConsultantBreaks(a, c, rules, MID, at(now));
	return a;
};

describe('planned breaks', () => {
	it('a consultant on lunch since 11:50 with a 45-minute lunch is back at 12:35', () => {
		const a = breaksOf(ready({ state: 'not_ready', reason: 'lunch', sinceMs: at('11:50') }), [LUNCH], '12:00');
		expect(a.total[slot('11:45')]).toBeCloseTo(2 / 3); // 11:50–12:00 of 11:45–12:00
		expect(a.total[slot('12:00')]).toBeCloseTo(1);
		expect(a.total[slot('12:15')]).toBeCloseTo(1);
		expect(a.total[slot('12:30')]).toBeCloseTo(1 / 3); // back at 12:35
		expect(a.total[slot('12:45')]).toBe(0);
		// The lunch he is on is his lunch: he takes no other later.
		expect(a.total.slice(slot('12:45')).reduce((x, y) => x + y, 0)).toBe(0);
		expect(a.lunch[slot('12:00')]).toBeCloseTo(1);
	});

	it('the reason codes match whatever the case: "Pietūs" is lunch', () => {
		const a = breaksOf(ready({ state: 'not_ready', reason: 'Pietūs', sinceMs: at('11:50') }), [LUNCH], '12:00');
		expect(a.total[slot('12:15')]).toBeCloseTo(1);
	});

	it('10 consultants not yet at lunch over a 3-hour window: 2.5 on lunch in every quarter hour of it', () => {
		const people = Array.from({ length: 10 }, () => ready());
		const away = awayByTopic({ breaks: { schedule: [LUNCH], sites: {} } }, people, MID, at('10:00'), 96).get('pensions')!;
		for (let s = slot('11:00'); s < slot('14:00'); s++) expect(away.total[s]).toBeCloseTo(2.5);
		expect(away.total[slot('10:45')]).toBe(0);
		expect(away.total[slot('14:00')]).toBe(0);
		// 10 lunches of 45 minutes in all.
		expect(away.total.reduce((x, y) => x + y, 0) * 15).toBeCloseTo(450);
	});

	it('from 12:00 the lunches still owed are spread over what is left of the window', () => {
		const away = awayByTopic({ breaks: { schedule: [LUNCH], sites: {} } }, Array.from({ length: 8 }, () => ready()), MID, at('12:00'), 96).get('pensions')!;
		expect(away.total[slot('11:45')]).toBe(0);
		for (let s = slot('12:00'); s < slot('14:00'); s++) expect(away.total[s]).toBeCloseTo((8 * 45) / 120);
	});

	it('a lunch already taken today is not expected again; the second "break" of the day is the afternoon one', () => {
		const rules = [MORNING, LUNCH, AFTERNOON];
		const done = breaksOf(ready({ pastBreaks: ['break', 'lunch', 'break'] }), rules, '15:00');
		expect(done.total.reduce((x, y) => x + y, 0)).toBe(0);
		const morningOnly = breaksOf(ready({ pastBreaks: ['break'] }), rules, '10:00');
		expect(morningOnly.total[slot('10:30')]).toBe(0);
		expect(morningOnly.total.slice(slot('14:45'), slot('16:00')).reduce((x, y) => x + y, 0) * 15).toBeCloseTo(10);
		expect(morningOnly.lunch.reduce((x, y) => x + y, 0) * 15).toBeCloseTo(45);
	});

	it('a break whose window closed before now is not expected any more; one still open is stretched to fit', () => {
		const rules = [MORNING, LUNCH];
		const a = breaksOf(ready(), rules, '12:10');
		expect(a.total.reduce((x, y) => x + y, 0) * 15 - a.lunch.reduce((x, y) => x + y, 0) * 15).toBeCloseTo(0);
		const late = breaksOf(ready(), [LUNCH], '13:45');
		// 45 minutes owed with 15 left of the window: 13:45–14:30, all of it.
		expect(late.total[slot('13:45')]).toBeCloseTo(1);
		expect(late.total[slot('14:15')]).toBeCloseTo(1);
		expect(late.total[slot('14:30')]).toBe(0);
	});

	it('a break past its length is over now; training is no planned break', () => {
		const late = breaksOf(ready({ state: 'not_ready', reason: 'lunch', sinceMs: at('11:00') }), [LUNCH], '12:30');
		expect(late.total.slice(slot('12:30')).reduce((x, y) => x + y, 0)).toBe(0);
		const training = breaksOf(ready({ state: 'not_ready', reason: 'training', sinceMs: at('11:00'), pastBreaks: ['lunch'] }), [LUNCH], '12:00');
		expect(training.total.reduce((x, y) => x + y, 0)).toBe(0);
	});

	it("a site's own schedule replaces the centre's", () => {
		const config = { breaks: { schedule: [LUNCH], sites: { siauliai: [{ ...LUNCH, from: '12:00', to: '13:00' }] } } };
		expect(breakRulesFor(config, 'siauliai')[0]!.from).toBe('12:00');
		expect(breakRulesFor(config, 'panevezys')[0]!.from).toBe('11:00');
	});

	it('the default configuration plans a 45-minute lunch and two 10-minute breaks, reason codes in Lithuanian too', () => {
		const rules = loadConfig({}).breaks.schedule;
		expect(rules.map((r) => [r.kind, r.minutes])).toEqual([
			['short', 10],
			['lunch', 45],
			['short', 10]
		]);
		expect(rules.find((r) => r.kind === 'lunch')!.reasons).toContain('pietūs');
		// A 45-minute lunch cannot be taken between 11:00 and 11:30: the config is refused.
		expect(breakRuleSchema.safeParse({ ...LUNCH, to: '11:30' }).success).toBe(false);
		expect(breakRuleSchema.safeParse(LUNCH).success).toBe(true);
	});
});

describe('the projection with breaks', () => {
	const input = { agents: 20, ahtS: 300, patienceS: 180, targetS: 60, goal: 0.8 };
	const rules = [LUNCH];
	const people = Array.from({ length: 20 }, () => ready());
	const away = awayByTopic({ breaks: { schedule: rules, sites: {} } }, people, MID, at('10:00'), 96).get('pensions')!;
	// 200 calls a quarter hour at 300 s: 66.7 erlangs on 20 people would drown; 50 calls (16.7 erlangs) is the test.
	const calls = 50;

	it('is lower in the lunch quarter hours than without breaks, and the same outside them', () => {
		const without = restInterval(slot('12:00'), calls, input);
		const withBreaks = restInterval(slot('12:00'), calls, { ...input, agents: input.agents - away.total[slot('12:00')]! });
		expect(withBreaks.serviceLevel!).toBeLessThan(without.serviceLevel! - 0.05);
		expect(withBreaks.meanWaitS!).toBeGreaterThan(without.meanWaitS!);
		const morning = restInterval(slot('10:30'), calls, { ...input, agents: input.agents - away.total[slot('10:30')]! });
		expect(morning.serviceLevel).toBeCloseTo(without.serviceLevel!);
	});

	it('an expected 17.5 consultants lies between 17 and 18', () => {
		const sl = (n: number) => restInterval(0, calls, { ...input, agents: n }).serviceLevel!;
		expect(sl(17.5)).toBeGreaterThan(sl(17));
		expect(sl(17.5)).toBeLessThan(sl(18));
		expect(sl(17.5)).toBeCloseTo((sl(17) + sl(18)) / 2);
	});
});

describe('the lunch-overlap warning', () => {
	it('warns where the lunches leave fewer than needed, one warning per stretch, in both languages', () => {
		// Minimal roster: 4 consultants, each quarter hour needs 4, all owe a 45-minute lunch 12:00–13:00.
		const rules: BreakRule[] = [{ ...LUNCH, from: '12:00', to: '13:00' }];
		const away = awayByTopic({ breaks: { schedule: rules, sites: {} } }, Array.from({ length: 4 }, () => ready()), MID, at('11:00'), 96).get('pensions')!;
		const slots = [];
		for (let s = slot('11:00'); s < slot('14:00'); s++) slots.push({ slot: s, time: `${String(Math.floor(s / 4)).padStart(2, '0')}:${String((s % 4) * 15).padStart(2, '0')}`, agents: 4 - away.total[s]!, onBreak: away.total[s]!, onLunch: away.lunch[s]!, needed: 4 });
		const warnings = breakWarnings(slots);
		expect(warnings).toHaveLength(1);
		expect(warnings[0]).toMatchObject({ from: '12:00', to: '13:00', agents: 1, needed: 4, kind: 'lunch' });
		expect(warnings[0]!.text.lt).toBe('12:00–13:00: pietų pertraukos palieka 1 konsultantą, reikia 4');
		expect(warnings[0]!.text.en).toBe('12:00–13:00: lunch breaks leave 1 consultant, 4 needed');
	});

	it('no warning where the breaks still leave enough, nor where there is no break', () => {
		const base = { slot: 48, time: '12:00', onLunch: 2.5, needed: 17 };
		expect(breakWarnings([{ ...base, agents: 17.5, onBreak: 2.5 }])).toEqual([]);
		expect(breakWarnings([{ ...base, agents: 10, onBreak: 0, onLunch: 0 }])).toEqual([]);
		expect(breakWarnings([{ ...base, agents: 14.2, onBreak: 2.5 }])[0]!.text.lt).toBe('12:00–12:15: pietų pertraukos palieka 14 konsultantų, reikia 17');
		expect(breakWarnings([{ ...base, agents: 3.9, onBreak: 1, onLunch: 0, needed: 5 }])[0]!.text.lt).toBe('12:00–12:15: pertraukos palieka 3 konsultantus, reikia 5');
	});
});
