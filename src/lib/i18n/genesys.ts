/** Texts of the Genesys Cloud connector's section on the administration page (issue #15). */
import type { Lang } from './pick.ts';

export const lt = {
	title: 'Genesys Cloud jungtis',
	off: 'Jungtis neįjungta. Ją įjungia administratorius serverio nustatymuose (žr. README, „Genesys Cloud“).',
	state: 'Būsena',
	'state.starting': 'jungiamasi',
	'state.connected': 'prisijungta',
	'state.retrying': 'ryšys nutrūko, jungiamasi iš naujo',
	'state.stopped': 'sustabdyta',
	connectedSince: 'Prisijungta nuo',
	lastEvent: 'Paskutinė žinia iš Genesys',
	lastReconcile: 'Paskutinis suderinimas su kontaktų įrašais',
	checkpoint: 'Įrašai perskaityti iki',
	waiting: 'Dar nebaigti kontaktai',
	queues: 'Sekamos eilės',
	lastError: 'Paskutinė klaida',
	never: 'dar ne',
	none: 'nėra'
};
type Key = keyof typeof lt;

const en: Record<Key, string> = {
	title: 'Genesys Cloud connection',
	off: 'The connection is off. An administrator turns it on in the server\'s settings (see the README, "Genesys Cloud").',
	state: 'State',
	'state.starting': 'connecting',
	'state.connected': 'connected',
	'state.retrying': 'connection lost, reconnecting',
	'state.stopped': 'stopped',
	connectedSince: 'Connected since',
	lastEvent: 'Last word from Genesys',
	lastReconcile: 'Last check against the conversation records',
	checkpoint: 'Records read up to',
	waiting: 'Conversations still in progress',
	queues: 'Queues followed',
	lastError: 'Last error',
	never: 'not yet',
	none: 'none'
};

export function genesysText(lang: Lang): (key: Key) => string {
	const table = lang === 'en' ? en : lt;
	return (key) => table[key];
}
