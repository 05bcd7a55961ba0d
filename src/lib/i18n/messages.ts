/**
 * UI texts in Lithuanian (default) and English. One key per text; a missing key in either
 * language is a type error, so the two never drift apart.
 */
import type { Lang } from './pick.ts';

export const lt = {
	'app.name': 'Kontaktų centro suvestinė',
	'login.title': 'Prisijungimas',
	'login.username': 'Naudotojo vardas',
	'login.password': 'Slaptažodis',
	'login.submit': 'Prisijungti',
	'login.failed': 'Neteisingas naudotojo vardas arba slaptažodis.',
	'login.throttled': 'Per daug nesėkmingų bandymų. Bandykite vėl po {minutes} min.',
	'setup.title': 'Pirmasis administratorius',
	'setup.intro': 'Sukurkite administratoriaus paskyrą. Ši nuoroda veikia vieną kartą.',
	'setup.password2': 'Pakartokite slaptažodį',
	'setup.submit': 'Sukurti ir prisijungti',
	'setup.invalid': 'Nuoroda netinka arba jau panaudota. Paleiskite serverį iš naujo, kad gautumėte naują.',
	'setup.mismatch': 'Slaptažodžiai nesutampa.',
	'setup.badUsername': 'Naudotojo vardą sudaro 2–64 simboliai: lotyniškos raidės be diakritikos ženklų, skaitmenys, „.“, „_“ arba „-“.',
	'setup.shortPassword': 'Slaptažodį turi sudaryti bent {count}.',
	'setup.exists': 'Toks naudotojo vardas jau užimtas. Pasirinkite kitą.',
	'setup.refused': 'Paskyros sukurti nepavyko. Patikrinkite naudotojo vardą ir slaptažodį.',
	'nav.dashboard': 'Suvestinė',
	'nav.wallboard': 'Ekranas',
	'nav.signout': 'Atsijungti',
	'lang.switch': 'English',
	'dashboard.title': 'Vadovo suvestinė',
	'dashboard.pending': 'Tiesioginiai rodikliai rodomi, kai įkeliami duomenys.'
} as const;

type Key = keyof typeof lt;

const en: Record<Key, string> = {
	'app.name': 'Contact centre board',
	'login.title': 'Sign in',
	'login.username': 'Username',
	'login.password': 'Password',
	'login.submit': 'Sign in',
	'login.failed': 'Wrong username or password.',
	'login.throttled': 'Too many failed attempts. Try again in {minutes} min.',
	'setup.title': 'First administrator',
	'setup.intro': 'Create the administrator account. This link works once.',
	'setup.password2': 'Repeat the password',
	'setup.submit': 'Create and sign in',
	'setup.invalid': 'This link is not valid or was already used. Restart the server to print a new one.',
	'setup.mismatch': 'The passwords differ.',
	'setup.badUsername': 'A username is 2–64 characters: Latin letters without diacritics, digits, ".", "_" or "-".',
	'setup.shortPassword': 'A password needs at least {count}.',
	'setup.exists': 'This username is already taken. Choose another one.',
	'setup.refused': 'The account could not be created. Check the username and the password.',
	'nav.dashboard': 'Dashboard',
	'nav.wallboard': 'Wallboard',
	'nav.signout': 'Sign out',
	'lang.switch': 'Lietuviškai',
	'dashboard.title': 'Supervisor dashboard',
	'dashboard.pending': 'Live figures appear once data is ingested.'
};

export type MessageKey = Key;

export function translator(lang: Lang): (key: Key) => string {
	const table: Record<Key, string> = lang === 'en' ? en : lt;
	return (key) => table[key];
}
