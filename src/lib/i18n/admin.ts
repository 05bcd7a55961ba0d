/** Texts of the administration page (/admin): people who sign in, and tokens for TVs and connectors. */
import type { Lang } from './pick.ts';

const lt = {
	title: 'Administravimas',
	link: 'Administravimas',
	back: 'Atgal į suvestinę',
	users: 'Naudotojai',
	'users.help': 'Vadovai ir administratoriai prisijungia vardu ir slaptažodžiu. Slaptažodis sugeneruojamas ir parodomas vieną kartą.',
	username: 'Vardas',
	displayName: 'Rodomas vardas',
	role: 'Vaidmuo',
	site: 'Padalinys',
	allSites: 'visi padaliniai',
	state: 'Būsena',
	active: 'aktyvus',
	disabled: 'išjungtas',
	revoked: 'atšauktas',
	addUser: 'Pridėti naudotoją',
	disable: 'Išjungti',
	resetPassword: 'Naujas slaptažodis',
	'role.supervisor': 'vadovas',
	'role.admin': 'administratorius',
	'role.wallboard': 'ekranas',
	'role.ingest': 'duomenų siuntimas',
	tokens: 'Prieigos raktai',
	'tokens.help':
		'Ekranams (TV) ir PBX jungtims. Raktas parodomas vieną kartą; ekranui – iškart ir nuoroda, kurią atidaryti TV naršyklėje. Atšauktas raktas nustoja veikti per 5 sekundes, ir atviri ekranai užsidaro.',
	name: 'Pavadinimas',
	streams: 'Srautai',
	'streams.help': 'kableliais; * – bet kuris',
	created: 'Sukurtas',
	createToken: 'Sukurti raktą',
	revoke: 'Atšaukti',
	'once.password': 'Slaptažodis (rodomas tik dabar):',
	'once.token': 'Raktas (rodomas tik dabar):',
	'once.link': 'Ekrano nuoroda:',
	'done.disabled': 'Naudotojas išjungtas; jo sesijos baigtos.',
	'done.revoked': 'Raktas atšauktas.',
	'problem.username': 'Naudotojo vardą sudaro 2–64 simboliai: lotyniškos raidės be diakritikos ženklų, skaitmenys, „.“, „_“ arba „-“.',
	'problem.exists': 'Toks naudotojas jau yra.',
	'problem.self': 'Savęs išjungti negalima: paprašykite kito administratoriaus.',
	'problem.other': 'Nepavyko:',
	'confirm.disable': 'Išjungti naudotoją {name}? Jo sesijos bus baigtos.',
	'confirm.revoke': 'Atšaukti raktą „{name}“? Juo naudojantys ekranai ir jungtys nustos veikti.',
	none: 'Nėra.'
} as const;

type Key = keyof typeof lt;

const en: Record<Key, string> = {
	title: 'Administration',
	link: 'Administration',
	back: 'Back to the dashboard',
	users: 'Users',
	'users.help': 'Supervisors and administrators sign in with a name and password. The password is generated and shown once.',
	username: 'Name',
	displayName: 'Display name',
	role: 'Role',
	site: 'Site',
	allSites: 'all sites',
	state: 'State',
	active: 'active',
	disabled: 'disabled',
	revoked: 'revoked',
	addUser: 'Add user',
	disable: 'Disable',
	resetPassword: 'New password',
	'role.supervisor': 'supervisor',
	'role.admin': 'administrator',
	'role.wallboard': 'wallboard',
	'role.ingest': 'ingest',
	tokens: 'Access tokens',
	'tokens.help':
		'For wallboard TVs and PBX connectors. A token is shown once; for a wallboard, with the link to open in the TV’s browser. A revoked token stops working within 5 seconds, and open screens close.',
	name: 'Name',
	streams: 'Streams',
	'streams.help': 'comma-separated; * for any',
	created: 'Created',
	createToken: 'Create token',
	revoke: 'Revoke',
	'once.password': 'Password (shown only now):',
	'once.token': 'Token (shown only now):',
	'once.link': 'Wallboard link:',
	'done.disabled': 'User disabled; their sessions have ended.',
	'done.revoked': 'Token revoked.',
	'problem.username': 'A username is 2–64 characters: Latin letters without diacritics, digits, ".", "_" or "-".',
	'problem.exists': 'That user already exists.',
	'problem.self': 'You cannot disable yourself: ask another administrator.',
	'problem.other': 'Refused:',
	'confirm.disable': 'Disable {name}? Their sessions will end.',
	'confirm.revoke': 'Revoke the token "{name}"? Screens and connectors using it will stop.',
	none: 'None.'
};

export type AdminKey = Key;

export function adminText(lang: Lang): (key: Key, vars?: Record<string, string>) => string {
	const table: Record<Key, string> = lang === 'en' ? en : lt;
	return (key, vars) => (vars ? table[key].replace(/\{(\w+)\}/g, (_, v: string) => vars[v] ?? '') : table[key]);
}
