/**
 * Wallboard texts in Lithuanian (default) and English, kept apart from messages.ts so the
 * wallboard can grow without touching the shared table. Same rule: a key missing in either
 * language is a type error.
 */
import type { Lang } from './pick.ts';

export const lt = {
	'wb.title': 'Kontaktų centro ekranas',
	'wb.centre': 'Visas centras',
	'wb.asOf': 'atnaujinta',
	'wb.noData': 'Laukiama pirmųjų duomenų…',
	'wb.staleSince': 'Duomenys pasenę nuo',
	'wb.staleAgoS': 'Pasenę: prieš {n} s',
	'wb.staleAgoMin': 'Pasenę: prieš {n} min',
	'wb.centreWide': 'viso centro',
	'wb.connecting': 'Jungiamasi…',
	'wb.reconnecting': 'Ryšys nutrūko, jungiamasi iš naujo',
	'wb.live': 'Tiesiogiai',
	'wb.waiting': 'Laukia eilėje',
	'wb.longestWait': 'Ilgiausiai laukia',
	'wb.sl': 'Aptarnavimo lygis',
	'wb.slTarget': 'tikslas {goal} per {target} s',
	'wb.asa': 'Vid. atsiliepimo laikas (ASA)',
	'wb.avgWait': 'Vid. laukimo trukmė (visų)',
	'wb.abandonRate': 'Atsisakymų dalis',
	'wb.agents': 'Laisvi / prisijungę konsultantai',
	'wb.today': 'šiandien',
	'wb.targetMax': 'tikslas ≤ {value}',
	'wb.targetMin': 'tikslas ≥ {value}',
	'wb.siteAgents': 'Konsultantai',
	'wb.siteStates': 'Konsultantų būsenos',
	'wb.available': 'Laisvi',
	'wb.onCall': 'Pokalbyje',
	'wb.wrapUp': 'Darbas po pokalbio',
	'wb.notReady': 'Nepasiekiami',
	'wb.loggedIn': 'Prisijungę',
	'wb.answeredToday': 'Atsiliepta šiandien',
	'wb.shareOfLoad': 'visų centro atsilieptų skambučių',
	'wb.occupancy': 'Užimtumas dabar',
	'wb.level.ok': 'Gerai',
	'wb.level.warn': 'Dėmesio',
	'wb.level.alarm': 'Pavojus',
	'wb.level.none': 'Nėra duomenų',
	'wb.refused.title': 'Serveris neleidžia rodyti šio ekrano',
	'wb.refused.token': 'Šio ekrano raktas atšauktas arba nežinomas. Paprašykite administratoriaus naujos ekrano nuorodos.',
	'wb.refused.signIn': 'Reikia prisijungti. Atveriamas prisijungimo puslapis…',
	'wb.refused.forbidden': 'Šis raktas skirtas kitam padaliniui arba neleidžia rodyti šio vaizdo. Paprašykite administratoriaus tinkamos nuorodos.',
	'wb.forecast': 'Prognozė',
	'wb.forecastTitle': 'Prognozė šiandien',
	'wb.forecastHint': 'Kur link eina šiandienos aptarnavimo lygis, jei skambins kaip prognozuota, o dirbs tiek konsultantų, kiek dabar',
	'wb.slSoFar': 'Aptarnavimo lygis iki šiol',
	'wb.consultantsTitle': 'Konsultantai pagal būseną',
	'wb.site': 'Padalinys',
	'wb.topic': 'Tema',
	'wb.total': 'Iš viso',
	'wb.next': 'Toliau: {view} (po {n} s)'
} as const;

export type WallboardKey = keyof typeof lt;

const en: Record<WallboardKey, string> = {
	'wb.title': 'Contact centre wallboard',
	'wb.centre': 'Whole centre',
	'wb.asOf': 'as of',
	'wb.noData': 'Waiting for the first figures…',
	'wb.staleSince': 'Figures stale since',
	'wb.staleAgoS': 'Stale: {n} s ago',
	'wb.staleAgoMin': 'Stale: {n} min ago',
	'wb.centreWide': 'whole centre',
	'wb.connecting': 'Connecting…',
	'wb.reconnecting': 'Connection lost, reconnecting',
	'wb.live': 'Live',
	'wb.waiting': 'Calls waiting',
	'wb.longestWait': 'Longest wait',
	'wb.sl': 'Service level',
	'wb.slTarget': 'goal {goal} within {target} s',
	'wb.asa': 'Average speed of answer (ASA)',
	'wb.avgWait': 'Average wait, all callers',
	'wb.abandonRate': 'Abandon rate',
	'wb.agents': 'Consultants available / logged in',
	'wb.today': 'today',
	'wb.targetMax': 'target ≤ {value}',
	'wb.targetMin': 'target ≥ {value}',
	'wb.siteAgents': 'Consultants',
	'wb.siteStates': 'Consultants by state',
	'wb.available': 'Available',
	'wb.onCall': 'On call',
	'wb.wrapUp': 'Wrap-up',
	'wb.notReady': 'Not ready',
	'wb.loggedIn': 'Logged in',
	'wb.answeredToday': 'Answered today',
	'wb.shareOfLoad': "of the centre's answered calls",
	'wb.occupancy': 'Occupancy now',
	'wb.level.ok': 'OK',
	'wb.level.warn': 'Warning',
	'wb.level.alarm': 'Alarm',
	'wb.level.none': 'No data',
	'wb.refused.title': 'The server refuses this screen',
	'wb.refused.token': "This screen's token is revoked or unknown. Ask an administrator for a new wallboard link.",
	'wb.refused.signIn': 'Sign-in needed. Opening the sign-in page…',
	'wb.refused.forbidden': 'This token is for another site or may not show this view. Ask an administrator for the right link.',
	'wb.forecast': 'Forecast',
	'wb.forecastTitle': "Today's forecast",
	'wb.forecastHint': "Where today's service level is heading if calls come as forecast and as many consultants work as now",
	'wb.slSoFar': 'Service level so far',
	'wb.consultantsTitle': 'Consultants by state',
	'wb.site': 'Site',
	'wb.topic': 'Topic',
	'wb.total': 'Total',
	'wb.next': 'Next: {view} (in {n} s)'
};

/** `t('wb.slTarget', { goal: '80 %', target: 60 })` fills `{name}` placeholders. */
export function wallboardTranslator(lang: Lang): (key: WallboardKey, vars?: Record<string, string | number>) => string {
	const table: Record<WallboardKey, string> = lang === 'en' ? en : lt;
	return (key, vars) => {
		let text = table[key];
		if (vars) for (const [name, value] of Object.entries(vars)) text = text.replaceAll(`{${name}}`, String(value));
		return text;
	};
}
