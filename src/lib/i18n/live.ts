/**
 * Texts of the supervisor's live view on `/` and `/consultants`: consultants one by one, the
 * queues now per topic, callers waiting. Lithuanian (default) and English; a key missing in
 * either language is a type error. In the words a Lithuanian contact centre uses.
 */
import type { Lang } from './pick.ts';

const lt = {
	'consultants.title': 'Konsultantai dabar',
	'consultants.pageTitle': 'Konsultantai',
	'consultants.allLink': 'Visi konsultantai',
	'consultants.none': 'Šiandien dar niekas neprisijungė.',
	'consultants.unavailable': 'Konsultantų sąrašas dabar nepasiekiamas.',
	'consultants.notAllowed': 'Konsultantų sąrašą mato tik vadovai ir administratoriai.',
	'consultants.count': 'Rodoma {shown} iš {total}',
	'consultants.definitions': 'Kaip skaičiuojama',
	'consultants.pageLink': 'Atskirame puslapyje',
	'consultants.limits': 'Išskiriama: pokalbis ilgesnis nei {call} min, nepasiruošęs ilgiau nei {notReady} min.',
	'col.name': 'Konsultantas',
	'col.site': 'Padalinys',
	'col.state': 'Būsena',
	'col.inState': 'Būsenoje',
	'col.handled': 'Atsiliepta šiandien',
	'col.aht': 'AHT šiandien',
	'col.occupancy': 'Užimtumas šiandien',
	'col.topics': 'Temos',
	'filter.site': 'Padalinys',
	'filter.state': 'Būsena',
	'filter.topic': 'Tema',
	'filter.all': 'Visi',
	'sort.by': 'Rikiuoti pagal',
	'state.available': 'Laisvas',
	'state.on_call': 'Kalba',
	'state.wrap_up': 'Darbas po pokalbio',
	'state.not_ready': 'Nepasiruošęs',
	'state.logged_in': 'Prisijungęs',
	'state.logged_out': 'Atsijungęs',
	'reason.break': 'pertrauka',
	'reason.lunch': 'pietūs',
	'reason.training': 'mokymai',
	'reason.meeting': 'susirinkimas',
	'reason.coaching': 'instruktažas',
	'reason.admin': 'administracinis darbas',
	'reason.other': 'kita',
	'flag.long_call': 'Ilgas pokalbis',
	'flag.long_not_ready': 'Ilgai nepasiruošęs',
	'live.stale': 'Duomenys pasenę',
	'live.connecting': 'Jungiamasi…',
	'live.asOf': 'atnaujinta'
};

const en: Record<keyof typeof lt, string> = {
	'consultants.title': 'Consultants now',
	'consultants.pageTitle': 'Consultants',
	'consultants.allLink': 'All consultants',
	'consultants.none': 'Nobody has logged in today yet.',
	'consultants.unavailable': 'The list of consultants is unavailable now.',
	'consultants.notAllowed': 'Only supervisors and administrators see the list of consultants.',
	'consultants.count': 'Showing {shown} of {total}',
	'consultants.definitions': 'How these are counted',
	'consultants.pageLink': 'On its own page',
	'consultants.limits': 'Marked: a call longer than {call} min, not ready longer than {notReady} min.',
	'col.name': 'Consultant',
	'col.site': 'Site',
	'col.state': 'State',
	'col.inState': 'In state',
	'col.handled': 'Answered today',
	'col.aht': 'AHT today',
	'col.occupancy': 'Occupancy today',
	'col.topics': 'Topics',
	'filter.site': 'Site',
	'filter.state': 'State',
	'filter.topic': 'Topic',
	'filter.all': 'All',
	'sort.by': 'Sort by',
	'state.available': 'Available',
	'state.on_call': 'On a call',
	'state.wrap_up': 'After-call work',
	'state.not_ready': 'Not ready',
	'state.logged_in': 'Logged in',
	'state.logged_out': 'Logged out',
	'reason.break': 'break',
	'reason.lunch': 'lunch',
	'reason.training': 'training',
	'reason.meeting': 'meeting',
	'reason.coaching': 'coaching',
	'reason.admin': 'administrative work',
	'reason.other': 'other',
	'flag.long_call': 'Long call',
	'flag.long_not_ready': 'Long not ready',
	'live.stale': 'Figures are stale',
	'live.connecting': 'Connecting…',
	'live.asOf': 'as of'
};

export type LiveKey = keyof typeof lt;

export function liveText(lang: Lang): (key: LiveKey, vars?: Record<string, string | number>) => string {
	const table: Record<LiveKey, string> = lang === 'en' ? en : lt;
	return (key, vars) => (vars ? table[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? '')) : table[key]);
}

/** A not-ready reason in words: the known ones translated, any other as the source sent it. */
export function reasonText(lang: Lang, reason: string): string {
	const key = `reason.${reason.toLowerCase()}` as LiveKey;
	return key in lt ? liveText(lang)(key) : reason;
}
