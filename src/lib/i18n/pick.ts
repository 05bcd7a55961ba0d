/** Lithuanian by default; English when chosen (cookie) or when the browser asks only for it. */
export type Lang = 'lt' | 'en';

export function pickLanguage(cookie: string | undefined, acceptLanguage: string | null): Lang {
	if (cookie === 'lt' || cookie === 'en') return cookie;
	const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
	return first.startsWith('en') ? 'en' : 'lt';
}
