/**
 * Numbers in Lithuanian text take one of three forms of the noun, chosen by the number's last
 * two digits: 1, 21, 31, 101… ("1 darbo diena"), 2–9, 22–29… ("3 darbo dienos"), and 0,
 * 10–20, 30, 111… ("10 darbo dienų"). English has two ("1 working day", "2 working days").
 * The one home of the rule: the spoken wait (server/ewt/speech.ts) uses it too.
 */

export type LtPluralClass = 'one' | 'few' | 'many';

/** Lithuanian plural class: 'one' (1, 21, 101…), 'few' (2–9, 22–29…), 'many' (0, 10–20, 30, 111…). */
export function ltPluralClass(n: number): LtPluralClass {
	const lastTwo = n % 100;
	const last = n % 10;
	if (lastTwo >= 10 && lastTwo <= 20) return 'many';
	if (last === 1) return 'one';
	if (last === 0) return 'many';
	return 'few';
}

/** "1 darbo diena", "3 darbo dienos", "10 darbo dienų": the number and the form its class takes. */
export function ltCount(n: number, forms: Record<LtPluralClass, string>): string {
	return `${n} ${forms[ltPluralClass(n)]}`;
}

/** "1 working day", "3 working days". */
export function enCount(n: number, one: string, other: string): string {
	return `${n} ${n === 1 ? one : other}`;
}
