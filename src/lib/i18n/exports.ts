/** Texts of scheduled exports: the admin page's block (ScheduledExports.svelte) and the e-mail sent. */
import type { Lang } from './pick.ts';

export const lt = {
	title: 'Suplanuotos ataskaitos',
	help: 'Uždaryto mėnesio ataskaita siunčiama pirmą darbo dieną, kai mėnuo užfiksuotas; intervalų ataskaita – kasdien už vakar. Failai įrašomi į aplanką ir (arba) siunčiami el. paštu.',
	kind: 'Ataskaita',
	'kind.monthly': 'Mėnesio',
	'kind.interval': 'Intervalų (vakar)',
	format: 'Formatas',
	minutes: 'Intervalas, min',
	filter: 'Filtras',
	lang: 'Kalba',
	targets: 'Kur',
	folder: 'Į aplanką',
	emails: 'El. pašto adresai (per kablelį)',
	add: 'Pridėti',
	remove: 'Pašalinti',
	sendNow: 'Siųsti dabar',
	actions: 'Veiksmai',
	log: 'Išsiuntimo žurnalas',
	when: 'Kada',
	period: 'Laikotarpis',
	file: 'Failas',
	result: 'Rezultatas',
	'result.sent': 'išsiųsta',
	'result.retry': 'bus kartojama',
	'result.failed': 'nepavyko',
	none: 'Nėra.',
	all: 'visas centras',
	error: 'Klaida:',
	'problem.targets': 'Pasirinkite aplanką, el. pašto adresus arba abu.',
	'problem.email': 'Neteisingas el. pašto adresas:'
};
type Key = keyof typeof lt;
const en: Record<Key, string> = {
	title: 'Scheduled exports',
	help: "The closed month's report is sent on the first working day once the month is frozen; the interval report daily, for yesterday. Files go to a folder and/or by e-mail.",
	kind: 'Report',
	'kind.monthly': 'Monthly',
	'kind.interval': 'Intervals (yesterday)',
	format: 'Format',
	minutes: 'Interval, min',
	filter: 'Filter',
	lang: 'Language',
	targets: 'Where',
	folder: 'To the folder',
	emails: 'E-mail addresses (comma-separated)',
	add: 'Add',
	remove: 'Remove',
	sendNow: 'Send now',
	actions: 'Actions',
	log: 'Send log',
	when: 'When',
	period: 'Period',
	file: 'File',
	result: 'Result',
	'result.sent': 'sent',
	'result.retry': 'will retry',
	'result.failed': 'failed',
	none: 'None.',
	all: 'whole centre',
	error: 'Error:',
	'problem.targets': 'Choose a folder, e-mail recipients, or both.',
	'problem.email': 'Not an e-mail address:'
};

export function exportsText(lang: Lang): (key: Key) => string {
	const table: Record<Key, string> = lang === 'en' ? en : lt;
	return (key) => table[key];
}

/** The e-mail's subject and body for one delivery. */
export function exportMailText(lang: Lang, kind: 'monthly' | 'interval', period: string): { subject: string; body: string } {
	if (lang === 'en')
		return kind === 'monthly'
			? { subject: `callboard: monthly report ${period}`, body: `The monthly report for ${period} is attached.\r\n\r\ncallboard` }
			: { subject: `callboard: interval report ${period}`, body: `The interval report for ${period} is attached.\r\n\r\ncallboard` };
	return kind === 'monthly'
		? { subject: `callboard: mėnesio ataskaita ${period}`, body: `Pridedama ${period} mėnesio ataskaita.\r\n\r\ncallboard` }
		: { subject: `callboard: intervalų ataskaita ${period}`, body: `Pridedama ${period} intervalų ataskaita.\r\n\r\ncallboard` };
}

/** The interval report's XLSX (server/exports/intervalXlsx.ts). */
const INTERVAL_XLSX = {
	lt: {
		sheet: 'Intervalai',
		title: 'Intervalų ataskaita',
		date: 'Data',
		interval: 'Intervalas',
		filter: 'Filtras',
		all: 'visas centras',
		generated: 'Sugeneruota',
		partial: 'Dalinė diena',
		partialNote: (time: string) => `Diena dar nesibaigė: duomenys iki ${time}; pažymėtas intervalas dar nesibaigęs.`,
		underWay: '(nebaigtas)',
		empty: 'Šią dieną kontaktų nebuvo.'
	},
	en: {
		sheet: 'Intervals',
		title: 'Interval report',
		date: 'Date',
		interval: 'Interval',
		filter: 'Filter',
		all: 'whole centre',
		generated: 'Generated',
		partial: 'Partial day',
		partialNote: (time: string) => `The day has not ended: figures up to ${time}; the marked interval is still under way.`,
		underWay: '(under way)',
		empty: 'There was no traffic this day.'
	}
};

export const intervalXlsxText = (lang: Lang) => INTERVAL_XLSX[lang];
