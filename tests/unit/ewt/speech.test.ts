import { describe, expect, it } from 'vitest';
import { ltMinuteAccusative, ltMinuteNominative, roundForSpeech, speakWait } from '../../../src/lib/server/ewt/speech.ts';
import { ltPluralClass } from '../../../src/lib/i18n/plural.ts';

describe('Lithuanian plural of minutė', () => {
	it.each([
		[1, 'minutė', 'minutę'],
		[2, 'minutės', 'minutes'],
		[9, 'minutės', 'minutes'],
		[10, 'minučių', 'minučių'],
		[11, 'minučių', 'minučių'],
		[15, 'minučių', 'minučių'],
		[20, 'minučių', 'minučių'],
		[21, 'minutė', 'minutę'],
		[22, 'minutės', 'minutes'],
		[30, 'minučių', 'minučių'],
		[101, 'minutė', 'minutę'],
		[111, 'minučių', 'minučių'],
		[112, 'minučių', 'minučių']
	])('%i → %s (nominative), %s (accusative)', (n, nominative, accusative) => {
		expect(ltMinuteNominative(n)).toBe(`${n} ${nominative}`);
		expect(ltMinuteAccusative(n)).toBe(`${n} ${accusative}`);
	});

	it('classes follow the last two digits', () => {
		expect([1, 2, 5, 10, 19, 20, 21, 25, 40, 91].map(ltPluralClass)).toEqual(['one', 'few', 'few', 'many', 'many', 'many', 'one', 'few', 'many', 'one']);
	});
});

describe('rounding for speech', () => {
	it.each([
		[0, { kind: 'under' }],
		[59.9, { kind: 'under' }],
		[60, { kind: 'about', minutes: 1 }],
		[89, { kind: 'about', minutes: 1 }],
		[90, { kind: 'about', minutes: 2 }],
		[600, { kind: 'about', minutes: 10 }],
		[601, { kind: 'about', minutes: 10 }],
		[13 * 60, { kind: 'about', minutes: 15 }],
		[30 * 60, { kind: 'about', minutes: 30 }],
		[31 * 60, { kind: 'over', minutes: 30 }]
	])('%f s → %o', (s, spoken) => {
		expect(roundForSpeech(s)).toEqual(spoken);
	});

	it('refuses a negative or missing wait', () => {
		expect(() => roundForSpeech(-1)).toThrow(RangeError);
		expect(() => roundForSpeech(NaN)).toThrow(RangeError);
	});
});

describe('phrases', () => {
	it.each([
		[30, 'mažiau nei minutė', 'less than a minute'],
		[65, 'apie 1 minutę', 'about 1 minute'],
		[180, 'apie 3 minutes', 'about 3 minutes'],
		[9 * 60, 'apie 9 minutes', 'about 9 minutes'],
		[10 * 60, 'apie 10 minučių', 'about 10 minutes'],
		[20 * 60, 'apie 20 minučių', 'about 20 minutes'],
		[25 * 60, 'apie 25 minutes', 'about 25 minutes'],
		[45 * 60, 'daugiau nei 30 minučių', 'more than 30 minutes']
	])('%i s: "%s" / "%s"', (s, lt, en) => {
		expect(speakWait(s, 'lt')).toBe(lt);
		expect(speakWait(s, 'en')).toBe(en);
	});
});
