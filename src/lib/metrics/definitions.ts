/**
 * The closed list of period metrics: one definition each, shown to users in the glossary
 * and the README, and computed in exactly one place (computePeriodMetrics below).
 * Asking for a metric that is not here is an error, not a silent zero.
 */
import type { Bilingual } from '../i18n/pick.ts';
import { ltCount } from '../i18n/plural.ts';
import { WAIT_LIMIT_MS } from '../../../ingest/parsers/limits.ts';

export const PERIOD_METRICS = [
	'offered',
	'answered',
	'abandoned',
	'short_abandoned',
	'abandon_rate',
	'asa_s',
	'avg_wait_s',
	'service_level',
	'aht_s',
	'talk_s',
	'hold_s',
	'wrap_s',
	'max_wait_s'
] as const;
export type PeriodMetric = (typeof PERIOD_METRICS)[number];

export const DEFINITIONS: Record<PeriodMetric, Bilingual> = {
	offered: {
		en: 'Contacts that entered a topic queue in the period (counted by the time they were queued). Callbacks and e-inquiries count when they arrive, whether done or still open, as in the deadline tables; rates and waits are of the finished ones.',
		lt: 'Kontaktai, patekę į temos eilę per laikotarpį (skaičiuojama pagal patekimo į eilę laiką). Perskambinimai ir e. užklausos skaičiuojami gavus, nesvarbu, ar jau atlikti, ar dar laukia, kaip ir terminų lentelėse; dalys ir laukimo trukmės – tik baigtų.'
	},
	answered: { en: 'Offered contacts a consultant answered.', lt: 'Gauti kontaktai, į kuriuos atsiliepė konsultantas.' },
	abandoned: {
		en: 'Callers who hung up while waiting, short abandons included.',
		lt: 'Skambinusieji, kurie padėjo ragelį nesulaukę atsiliepimo, įskaitant trumpus atsisakymus.'
	},
	short_abandoned: {
		en: 'Abandons after less than the short-abandon threshold (default 5 s): misdials and hang-ups before anyone could answer. They are left out of service level and abandon rate.',
		lt: 'Atsisakymai, kai ragelis padedamas nepraėjus trumpo atsisakymo ribai (numatytoji – 5 s): klaidingi skambučiai ir skambučiai, nutraukti dar nespėjus atsiliepti. Į aptarnavimo lygį ir atsisakymų dalį neįskaičiuojami.'
	},
	abandon_rate: {
		en: '(Abandoned − short abandons) ÷ (offered − short abandons).',
		lt: '(Atsisakę − trumpi atsisakymai) ÷ (gauti − trumpi atsisakymai).'
	},
	asa_s: {
		en: 'Mean time in queue of answered contacts only, seconds.',
		lt: 'Tik atsilieptų kontaktų laiko eilėje vidurkis, sekundėmis.'
	},
	avg_wait_s: {
		en: 'Mean time in queue of every offered contact (answered or not), seconds. Higher than ASA when callers give up.',
		lt: 'Kiekvieno gauto kontakto (atsiliepto ar ne) laiko eilėje vidurkis, sekundėmis. Viršija ASA, kai skambinantieji nesulaukia atsiliepimo.'
	},
	service_level: {
		en: "Answered within the topic's target ÷ (offered − short abandons). Every other outcome (abandoned after the threshold, timed out, left, callback requested) counts as missed.",
		lt: 'Atsiliepti per temos tikslinį laiką ÷ (gauti − trumpi atsisakymai). Visos kitos baigtys (nutraukta laukiant po ribos, nutraukta pasibaigus laukimo laikui, išeita iš eilės, paprašyta perskambinti) laikomos neatitinkančiomis tikslo.'
	},
	aht_s: {
		en: 'Average handle time: (talk + hold + wrap-up) ÷ answered, seconds.',
		lt: 'Vidutinė aptarnavimo trukmė: (pokalbio trukmė + sulaikymas + darbas po pokalbio) ÷ atsiliepti, sekundėmis.'
	},
	talk_s: { en: 'Mean talk time per answered contact, seconds (hold excluded).', lt: 'Vidutinė pokalbio trukmė vienam atsilieptam kontaktui, sekundėmis (be sulaikymo).' },
	hold_s: { en: 'Mean hold time per answered contact, seconds.', lt: 'Vidutinė sulaikymo trukmė vienam atsilieptam kontaktui, sekundėmis.' },
	wrap_s: { en: 'Mean wrap-up (after-call work) time per answered contact, seconds.', lt: 'Vidutinė darbo po pokalbio trukmė vienam atsilieptam kontaktui, sekundėmis.' },
	max_wait_s: { en: 'Longest wait of any offered contact in the period, seconds.', lt: 'Ilgiausias gauto kontakto laukimas per laikotarpį, sekundėmis.' }
};

/** Sums over contacts, as the rollup keeps them. */
export type PeriodSums = {
	offered: number;
	answered: number;
	abandoned: number;
	short_abandoned: number;
	answered_in_sl: number;
	wait_answered_ms: number;
	wait_all_ms: number;
	talk_ms: number;
	hold_ms: number;
	wrap_ms: number;
	max_wait_ms: number;
};

export type PeriodMetrics = Record<PeriodMetric, number | null>;

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);
const seconds = (ms: number, den: number): number | null => (den > 0 ? ms / den / 1000 : null);

/** The one computation of every period metric. null means "no contacts to measure", never 0. */
export function computePeriodMetrics(s: PeriodSums): PeriodMetrics {
	const counted = s.offered - s.short_abandoned;
	return {
		offered: s.offered,
		answered: s.answered,
		abandoned: s.abandoned,
		short_abandoned: s.short_abandoned,
		abandon_rate: ratio(s.abandoned - s.short_abandoned, counted),
		asa_s: seconds(s.wait_answered_ms, s.answered),
		avg_wait_s: seconds(s.wait_all_ms, s.offered),
		service_level: ratio(s.answered_in_sl, counted),
		aht_s: seconds(s.talk_ms + s.hold_ms + s.wrap_ms, s.answered),
		talk_s: seconds(s.talk_ms, s.answered),
		hold_s: seconds(s.hold_ms, s.answered),
		wrap_s: seconds(s.wrap_ms, s.answered),
		max_wait_s: s.offered > 0 ? s.max_wait_ms / 1000 : null
	};
}

export const emptySums = (): PeriodSums => ({
	offered: 0,
	answered: 0,
	abandoned: 0,
	short_abandoned: 0,
	answered_in_sl: 0,
	wait_answered_ms: 0,
	wait_all_ms: 0,
	talk_ms: 0,
	hold_ms: 0,
	wrap_ms: 0,
	max_wait_ms: 0
});

/** The live ("now") figures on wallboards and the dashboard; computed in src/lib/server/live/liveState.ts. */
export const LIVE_METRICS = [
	'waiting',
	'longest_wait',
	'estimated_wait',
	'agents_available',
	'occupancy',
	'share_of_load',
	'callbacks_waiting',
	'einquiries_open',
	'time_in_state',
	'consultant_occupancy_today',
	'consultant_aht_today',
	'consultants_after_breaks'
] as const;
export type LiveMetric = (typeof LIVE_METRICS)[number];

export const LIVE_DEFINITIONS: Record<LiveMetric, Bilingual> = {
	waiting: {
		en: 'Callers in the topic queue now (voice): queued and not yet answered or gone, counted in the queue they entered last; a caller still waiting after an hour is taken as gone (his exit was lost). The estimated wait counts the same callers ahead.',
		lt: 'Skambinantieji temos eilėje dabar (balsu): patekę į eilę, kurių skambučiai dar neatsiliepti ir kurie nepasitraukė iš eilės, skaičiuojami paskutinėje eilėje, į kurią pateko; eilėje laukiantis ilgiau nei valandą laikomas pasitraukusiu (jo išėjimo įvykis prarastas). Numatomas laukimo laikas skaičiuoja tuos pačius prieš jį laukiančius.'
	},
	longest_wait: {
		en: 'How long the caller who has waited longest in the queue has been waiting; the screen counts it up every second.',
		lt: 'Kiek laiko eilėje jau laukia ilgiausiai laukiantis skambinantysis; ekranas skaičiuoja kas sekundę.'
	},
	estimated_wait: {
		en: "The wait a caller arriving now is told (what the IVR announces): by the announced estimator, Erlang-A unless the centre chose another. In the first seconds after a start, before it has read the last hour, by the centre's rule: callers ahead × average handle time (last hour, else today) ÷ consultants serving the topic. Blank when unknown.",
		lt: 'Laukimas, kurį išgirsta dabar skambinantysis (tai, ką jam praneša IVR): pagal skelbiamą įvertinimo būdą – Erlang-A, nebent centras pasirinko kitą. Pirmosiomis sekundėmis po paleidimo, kol dar nenuskaityti pastarosios valandos duomenys, pagal centro taisyklę: laukiantieji prieš jį × vidutinė aptarnavimo trukmė (pastarosios valandos, kitaip šiandienos) ÷ temą aptarnaujantys konsultantai. Tuščia, kai nežinoma.'
	},
	agents_available: {
		en: 'Logged-in consultants serving the topic who are free to take a call now.',
		lt: 'Prisijungę temą aptarnaujantys konsultantai, kurie dabar gali priimti skambutį.'
	},
	occupancy: {
		en: "Consultants on a call or in wrap-up ÷ consultants logged in, now, per site.",
		lt: 'Kalbantys arba atliekantys darbą po pokalbio ÷ prisijungę konsultantai, dabar, pagal padalinį.'
	},
	share_of_load: {
		en: "A site's calls answered today ÷ all calls the centre answered today.",
		lt: 'Padalinio šiandien atsiliepti skambučiai ÷ visi centro šiandien atsiliepti skambučiai.'
	},
	callbacks_waiting: {
		en: 'Callback requests not yet called back; due at the close of the next working day (Lithuanian holidays excluded); overdue after that.',
		lt: 'Prašymai perskambinti, pagal kuriuos dar nepaskambinta; terminas – kitos darbo dienos pabaiga (be švenčių dienų); vėliau – pavėluoti.'
	},
	einquiries_open: {
		en: 'E-inquiries (and e-mails) received and not yet answered, by age in working days from the day received (holidays excluded) against the 20-working-day deadline: overdue from the close of the 20th working day. The monthly report\'s deadline tables count open work by the same rule.',
		lt: 'Gautos, bet dar neatsakytos e. užklausos (ir el. laiškai) pagal tai, kiek darbo dienų (be švenčių dienų) jos laukia nuo gavimo dienos, lyginant su 20 darbo dienų terminu: pavėluotos nuo 20-osios darbo dienos pabaigos. Mėnesio ataskaitos terminų lentelės neatsakytas užklausas skaičiuoja pagal tą pačią taisyklę.'
	},
	// Consultants one by one (src/lib/server/live/consultants.ts, sql/queries/live/consultants_now.sql).
	time_in_state: {
		en: "How long a consultant has been in the current state (and not-ready reason), from the first event of that state: a source repeating the same state does not restart it.",
		lt: 'Kiek laiko konsultantas yra dabartinėje būsenoje (ir su ta pačia pertraukos priežastimi), nuo pirmojo tos būsenos įvykio: pakartotas tos pačios būsenos įvykis laiko nepradeda iš naujo.'
	},
	consultant_occupancy_today: {
		en: "One consultant's time today on calls and in after-call work ÷ (that time + time available). Time not ready is left out. Not the sites' occupancy now, which counts consultants.",
		lt: 'Vieno konsultanto šiandienos laikas pokalbiuose ir darbe po pokalbio ÷ (tas laikas + laikas, kai buvo laisvas). Laikas, kai nepasiekiamas, neskaičiuojamas. Tai ne padalinio užimtumas dabar, kuris skaičiuoja konsultantus.'
	},
	consultant_aht_today: {
		en: "AHT (talk + hold + after-call work ÷ answered) of the calls one consultant answered today and has finished; the calls (voice) are counted beside it.",
		lt: 'AHT ((pokalbio trukmė + sulaikymas + darbas po pokalbio) ÷ atsiliepti) tų skambučių, kuriuos konsultantas šiandien atsiliepė ir baigė; šalia nurodomas jų skaičius (balso skambučiai).'
	},
	// The projection of the rest of the day (src/lib/server/forecast/breaks.ts, breakWarnings.ts).
	consultants_after_breaks: {
		en: "Per remaining quarter hour of today, a topic's consultants logged in now less those expected on a planned break (config breaks: a site's schedule and the not-ready reasons that mean each break). One not yet at lunch takes it within the lunch window, spread evenly (10 owing 45 minutes over 3 hours: 2.5 away every quarter hour); one on a break now returns its planned length after it began; nobody not logged in is added. Where someone is on a break and the whole consultants left are fewer than the quarter hour needs for the topic's goal, the forecast warns (today only: the next day's roster is not known).",
		lt: 'Kiekvienam likusiam šiandienos ketvirčiui: dabar prisijungę temos konsultantai, atėmus tuos, kurie tuo metu tikėtinai bus planuojamoje pertraukoje (nustatymai breaks: padalinio grafikas ir pertraukas žyminčios nepasiekiamumo priežastys). Dar nepietavęs pietaus pietų lange, tolygiai paskirstant (10 konsultantų po 45 min per 3 val.: kas ketvirtį 2,5 pertraukoje); dabar pertraukoje esantis grįš po numatytos trukmės nuo jos pradžios; neprisijungusių nepridedama. Kai kas nors pertraukoje, o likusių sveikų konsultantų mažiau, nei ketvirčiui reikia temos tikslui, prognozė perspėja (tik šiandien: kitos dienos grafikas nežinomas).'
	}
};

/**
 * Call figures are the voice channel's unless a channel is chosen (`channel=all` for every
 * channel): chat, callbacks, e-mail and e-inquiries wait minutes to days, and mixed into calls
 * they would move ASA and service level by what they are, not by how the phones went.
 */
export const CALL_CHANNEL = 'voice';

export const CHANNEL_SCOPE_NOTE: Bilingual = {
	en: 'Call figures are for the voice channel unless another channel (or all of them) is chosen: chat, callbacks, e-mail and e-inquiries wait minutes to days.',
	lt: 'Skambučių rodikliai skaičiuojami balso kanalui, nebent pasirinktas kitas kanalas (arba visi): pokalbiai internetu, perskambinimai, el. laiškai ir e. užklausos laukia nuo minučių iki dienų.'
};

/**
 * Per site, only figures about answered calls are meaningful: every site serves the same
 * topic queues, and a call nobody answered belongs to no site. Offered, abandoned, the abandon
 * rate, service level, average wait of all callers and the longest wait are queue-wide and are
 * left empty (null) per site, rather than silently computed over answered calls only.
 */
export const SITE_SCOPE_NOTE: Bilingual = {
	en: 'Per site: answered calls only (answered, ASA, AHT and its parts). Offered, abandons, service level and the waits of all callers belong to the topic queues, which every site serves, and are not shown per site.',
	lt: 'Pagal padalinį: tik atsiliepti skambučiai (atsiliepta, ASA, AHT ir jo dalys). Gauti, atsisakymai, aptarnavimo lygis ir visų skambinusiųjų laukimo trukmė priklauso temų eilėms, kurias aptarnauja visi padaliniai, todėl pagal padalinį nerodomi.'
};

/**
 * Rules of the ingest that move the figures above, said where the figures are defined. The
 * numbers come from the code that applies them: WRAP_WAIT_MS in ingest/assemble/assembler.ts
 * (kept equal to WRAP_WAIT_MIN by tests/unit/server/periodMetrics.test.ts; the assembler is not
 * imported here, this module reaches the browser) and ingest/parsers/limits.ts.
 */
export const WRAP_WAIT_MIN = 10;

export const WRAP_UP_RULE_NOTE: Bilingual = {
	en: `Wrap-up: a call that ended with no wrap-up reported counts 0 s of wrap-up once its source's own time (its events' times, running on with the clock only while the source sends live) has moved ${WRAP_WAIT_MIN} minutes past the call's latest event. Sources that never report wrap-up (Asterisk queue_log and CDR) count 0 s at the call's end.`,
	lt: `Darbas po pokalbio: jei pasibaigus skambučiui šaltinis nepraneša darbo po pokalbio, skaičiuojama 0 s, kai šaltinio laikas (jo įvykių laikas, kuris kartu su laikrodžiu slenka tik tol, kol šaltinis siunčia duomenis realiu laiku) pasislenka ${ltCount(WRAP_WAIT_MIN, { one: 'minutę', few: 'minutes', many: 'minučių' })} po paskutinio skambučio įvykio. Šaltiniams, kurie darbo po pokalbio niekada nepraneša (Asterisk eilių žurnalas ir CDR), skambučio pabaigoje skaičiuojama 0 s.`
};

const hours = (ms: number) => ms / 3_600_000;
const days = (ms: number) => ms / 86_400_000;

export const WAIT_LIMITS_NOTE: Bilingual = {
	en: `Longest wait a record may carry: ${hours(WAIT_LIMIT_MS.voice)} hours for calls and chat, ${days(WAIT_LIMIT_MS.einquiry)} days for callbacks, e-inquiries and e-mail (an overdue e-inquiry may be answered weeks late). A longer wait is a unit mistake: the record is rejected with its reason, shown on the admin page, and never counted in a figure.`,
	lt: `Ilgiausias laukimas, kurį gali nurodyti įrašas: ${ltCount(hours(WAIT_LIMIT_MS.voice), { one: 'valanda', few: 'valandos', many: 'valandų' })} skambučiams ir pokalbiams internetu, ${ltCount(days(WAIT_LIMIT_MS.einquiry), { one: 'diena', few: 'dienos', many: 'dienų' })} perskambinimams, e. užklausoms ir el. laiškams (pavėluota e. užklausa gali būti atsakyta po kelių savaičių). Ilgesnis laukimas – matavimo vienetų klaida: įrašas atmetamas nurodant priežastį, rodomas administravimo puslapyje ir į rodiklius neįskaičiuojamas.`
};

export function answeredOnly(m: PeriodMetrics): PeriodMetrics {
	return {
		...m,
		offered: null,
		abandoned: null,
		short_abandoned: null,
		abandon_rate: null,
		avg_wait_s: null,
		service_level: null,
		max_wait_s: null
	};
}
