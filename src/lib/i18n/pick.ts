/**
 * Lithuanian by default; English only when chosen with the switch (a cookie). The browser's
 * Accept-Language is deliberately ignored: the centre works in Lithuanian, and a TV or kiosk
 * browser set up in English must not change what the room sees.
 */
export type Lang = 'lt' | 'en';

/** A text in both UI languages. */
export type Bilingual = Record<Lang, string>;

export function pickLanguage(cookie: string | undefined): Lang {
	return cookie === 'en' ? 'en' : 'lt';
}

/** The Intl locale of a UI language (numbers and dates as its readers write them). */
export const locale = (lang: Lang): string => (lang === 'en' ? 'en-GB' : 'lt-LT');
