/**
 * The estimate as a caller hears it, in Lithuanian and English.
 *
 * Rounding: under a minute is "less than a minute"; up to 10 minutes the nearest whole minute;
 * up to 30 minutes the nearest 5 (a finer number would promise precision the estimate has not);
 * beyond 30 minutes "more than 30 minutes", where offering a call-back serves better than a number.
 *
 * Lithuanian: "apie" governs the accusative, so the phrase says "apie 1 minutę", "apie 3 minutes",
 * "apie 10 minučių", "apie 21 minutę" (the nominative forms minutė / minutės / minučių are
 * ltMinuteNominative, for captions). The plural class follows the last two digits.
 */

import { ltPluralClass } from '../../i18n/plural.ts';

export type SpeechLanguage = 'lt' | 'en';

/** Minutes announced, or 'under' (< 1 min) / 'over' (> 30 min). */
export type SpokenWait = { kind: 'under' } | { kind: 'about'; minutes: number } | { kind: 'over'; minutes: 30 };

const LONGEST_SPOKEN_MIN = 30;

export function roundForSpeech(seconds: number): SpokenWait {
	if (!(seconds >= 0)) throw new RangeError(`wait must be ≥ 0 seconds, got ${seconds}`);
	if (seconds < 60) return { kind: 'under' };
	const minutes = seconds / 60;
	if (minutes <= 10) return { kind: 'about', minutes: Math.round(minutes) };
	if (minutes <= LONGEST_SPOKEN_MIN) return { kind: 'about', minutes: Math.round(minutes / 5) * 5 };
	return { kind: 'over', minutes: LONGEST_SPOKEN_MIN };
}


const NOMINATIVE = { one: 'minutė', few: 'minutės', many: 'minučių' } as const;
const ACCUSATIVE = { one: 'minutę', few: 'minutes', many: 'minučių' } as const;

/** "1 minutė", "3 minutės", "10 minučių": the form used standing alone. */
export function ltMinuteNominative(n: number): string {
	return `${n} ${NOMINATIVE[ltPluralClass(n)]}`;
}

/** "1 minutę", "3 minutes", "10 minučių": the form after "apie". */
export function ltMinuteAccusative(n: number): string {
	return `${n} ${ACCUSATIVE[ltPluralClass(n)]}`;
}

/** The phrase to speak for a wait of `seconds`, e.g. "apie 3 minutes" / "about 3 minutes". */
export function speakWait(seconds: number, language: SpeechLanguage): string {
	const spoken = roundForSpeech(seconds);
	if (language === 'lt') {
		if (spoken.kind === 'under') return 'mažiau nei minutė';
		// "daugiau nei" takes the genitive; 30 is in the 'many' class, whose genitive is minučių.
		if (spoken.kind === 'over') return `daugiau nei ${spoken.minutes} minučių`;
		return `apie ${ltMinuteAccusative(spoken.minutes)}`;
	}
	if (spoken.kind === 'under') return 'less than a minute';
	if (spoken.kind === 'over') return `more than ${spoken.minutes} minutes`;
	return `about ${spoken.minutes} ${spoken.minutes === 1 ? 'minute' : 'minutes'}`;
}
