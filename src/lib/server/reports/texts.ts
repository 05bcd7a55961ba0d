/**
 * The words inside a report (section and column titles, row labels, report-only definitions),
 * in both languages: the report carries them, so XLSX, CSV, PDF and the page say the same.
 * The period metrics' names and definitions are not repeated here: they come from
 * $lib/metrics/definitions.ts and METRIC_NAMES, their one home.
 */
import type { Bilingual, SectionKey } from './types.ts';
import { EWT_ACCURACY_DEFINITION } from '../../metrics/ewt.ts';

export const SECTION_TITLES: Record<SectionKey, Bilingual> = {
	summary: { lt: 'Suvestinė', en: 'Summary' },
	volumes: { lt: 'Apimtys', en: 'Volumes' },
	service_level: { lt: 'Aptarnavimo lygis', en: 'Service level' },
	handle_time: { lt: 'Aptarnavimo trukmė', en: 'Handle time' },
	heat_map: { lt: 'Savaitės diena × valanda', en: 'Weekday × hour' },
	site_load: { lt: 'Padalinių apkrova', en: 'Site load' },
	callbacks: { lt: 'Perskambinimai', en: 'Callbacks' },
	e_inquiries: { lt: 'E. užklausos', en: 'E-inquiries' },
	ewt_accuracy: { lt: 'Numatomo laukimo tikslumas', en: 'Estimated-wait accuracy' },
	forecast_accuracy: { lt: 'Prognozės tikslumas', en: 'Forecast accuracy' },
	comparison: { lt: 'Palyginimas', en: 'Comparison' },
	yearly_trend: { lt: 'Metinė tendencija', en: 'Yearly trend' }
};

export const T = {
	total: { lt: 'Iš viso', en: 'Total' },
	unknown: { lt: 'Nenurodyta', en: 'Not given' },
	yes: { lt: 'taip', en: 'yes' },
	no: { lt: 'ne', en: 'no' },
	metric: { lt: 'Rodiklis', en: 'Figure' },
	channel: { lt: 'Kanalas', en: 'Channel' },
	topic: { lt: 'Tema', en: 'Topic' },
	site: { lt: 'Padalinys', en: 'Site' },
	weekday: { lt: 'Savaitės diena', en: 'Weekday' },
	year: { lt: 'Metai', en: 'Year' },
	month: { lt: 'Mėnuo', en: 'Month' },
	from: { lt: 'Nuo', en: 'From' },
	to: { lt: 'Iki', en: 'To' },
	days: { lt: 'Kalendorinės dienos', en: 'Calendar days' },
	workingDays: { lt: 'Darbo dienos', en: 'Working days' },
	holidays: { lt: 'Šventinės dienos', en: 'Public holidays' },
	filter: { lt: 'Filtras', en: 'Filter' },
	// tables
	period: { lt: 'Laikotarpis', en: 'Period' },
	totals: { lt: 'Pagrindiniai rodikliai', en: 'Main figures' },
	byChannel: { lt: 'Pagal kanalą', en: 'By channel' },
	byTopic: { lt: 'Pagal temą', en: 'By topic' },
	bySite: { lt: 'Pagal padalinį', en: 'By site' },
	slTarget: { lt: 'Tikslinis laikas, s', en: 'Target, s' },
	slGoal: { lt: 'Siektinas lygis', en: 'Goal' },
	slMet: { lt: 'Pasiektas', en: 'Met' },
	heatCalls: { lt: 'Skambučiai', en: 'Calls' },
	heatWait: { lt: 'Visų skambinusiųjų vidutinė laukimo trukmė, s', en: 'Average wait of all callers, s' },
	heatAnswered: { lt: 'Atsiliepti skambučiai', en: 'Answered calls' },
	heatAsa: { lt: 'Vidutinis atsiliepimo laikas (ASA), s', en: 'Average speed of answer (ASA), s' },
	share: { lt: 'Atsilieptų dalis', en: 'Share of answered' },
	received: { lt: 'Gauta', en: 'Received' },
	requested: { lt: 'Paprašyta', en: 'Requested' },
	onTime: { lt: 'Laiku', en: 'On time' },
	late: { lt: 'Pavėluotai', en: 'Late' },
	// Callbacks are made (or not), e-inquiries answered (or not): the same columns, each in its own word.
	callbackOverdue: { lt: 'Neįvykdyta, terminas praėjęs', en: 'Open, overdue' },
	callbackPending: { lt: 'Neįvykdyta, terminas nepraėjęs', en: 'Open, not yet due' },
	einquiryOverdue: { lt: 'Neatsakyta, terminas praėjęs', en: 'Open, overdue' },
	einquiryPending: { lt: 'Neatsakyta, terminas nepraėjęs', en: 'Open, not yet due' },
	callbackPct: { lt: 'Iki kitos darbo dienos pabaigos', en: 'By the next working day' },
	einquiryPct: { lt: 'Per 20 darbo dienų', en: 'Within 20 working days' },
	// Each written channel in its own unit (metrics/units.ts), never in a call's seconds.
	covers: { lt: 'Laikotarpis', en: 'Covers' },
	callbackMean: { lt: 'Vid. laikas iki perskambinimo, val.', en: 'Mean time to call back, h' },
	einquiryMean: { lt: 'Vid. atsakymo laikas, darbo d.', en: 'Mean time to answer, working days' },
	current: { lt: 'Šis mėnuo', en: 'This month' },
	previousMonth: { lt: 'Ankstesnis mėnuo', en: 'Previous month' },
	sameMonthLastYear: { lt: 'Tas pats mėnuo pernai', en: 'Same month last year' },
	changePrev: { lt: 'Pokytis nuo ankstesnio', en: 'Change on previous' },
	changeYear: { lt: 'Pokytis per metus', en: 'Change on last year' },
	changePrevPp: { lt: 'Pokytis nuo ankstesnio, proc. punktais', en: 'Change on previous, percentage points' },
	changeYearPp: { lt: 'Pokytis per metus, proc. punktais', en: 'Change on last year, percentage points' },
	counts: { lt: 'Kiekiai', en: 'Counts' },
	rates: { lt: 'Dalys', en: 'Rates' },
	times: { lt: 'Trukmės', en: 'Times' },
	yearly: { lt: 'Gauti skambučiai per metus', en: 'Offered calls per year' },
	monthly: { lt: 'Gauti skambučiai per mėnesį', en: 'Offered calls per month' },
	yearBefore: { lt: 'Prieš metus', en: 'A year before' },
	yoy: { lt: 'Pokytis per metus', en: 'Year-on-year change' },
	// EWT accuracy
	method: { lt: 'Metodas', en: 'Method' },
	hour: { lt: 'Valanda', en: 'Hour' },
	allHours: { lt: 'visos valandos', en: 'all hours' },
	estimates: { lt: 'Įvertinimai', en: 'Estimates' },
	rmse: { lt: 'RMSE, s', en: 'RMSE, s' },
	bias: { lt: 'Sisteminė paklaida, s', en: 'Bias, s' },
	mae: { lt: 'MAE, s', en: 'MAE, s' },
	within30s: { lt: 'Paklaida ≤ 30 s', en: 'Within 30 s' },
	within20pct: { lt: 'Paklaida ≤ 20 %', en: 'Within 20 %' },
	rse: { lt: 'Santykinė kvadratinė paklaida', en: 'Relative squared error' },
	// Forecast accuracy
	horizon: { lt: 'Prognozės laikas', en: 'Horizon' },
	dayAhead: { lt: 'Prieš dieną', en: 'Day ahead' },
	hourAhead: { lt: 'Prieš valandą', en: 'Hour ahead' },
	intervals: { lt: '15 min. intervalai su kontaktais', en: 'Quarter hours with contacts' },
	mape: { lt: 'MAPE', en: 'MAPE' },
	forecastBias: { lt: 'Sisteminė paklaida', en: 'Systematic error' }
} satisfies Record<string, Bilingual>;

export const NOTES = {
	partialMonth: {
		lt: 'Nebaigtas mėnuo lyginamas su tomis pačiomis praėjusių metų dienomis, ne su visu mėnesiu.',
		en: 'A month not over is compared with the same days of the year before, not with the whole month.'
	},
	empty: {
		lt: 'Šį mėnesį kontaktų nebuvo: nei skambučių, nei rašytinių užklausų. Ataskaitoje nėra ko matuoti.',
		en: 'There was no traffic this month: no calls and no written inquiries. There is nothing to measure.'
	},
	inProgress: {
		lt: 'Mėnuo dar nesibaigė: skaičiai – nuo mėnesio pradžios iki sugeneravimo.',
		en: 'The month has not ended: figures are month to date.'
	},
	writtenFilter: {
		lt: 'Taikomas tik temos filtras: perskambinimai ir e. užklausos turi savo kanalą, o padalinys paaiškėja tik atsakius.',
		en: 'Only the topic filter applies: callbacks and e-inquiries are channels of their own, and the site is known only once answered.'
	},
	channelTotal: {
		lt: 'Eilutėje „Iš viso“ – visi kanalai kartu, todėl jos laukimo rodikliai apima ir e. užklausas (dienos), ir skambučius (sekundės). Kitose šio skyriaus lentelėse – tik skambučiai.',
		en: 'The Total row is every channel together, so its waits include e-inquiries (days) as well as calls (seconds). The section’s other tables show calls only.'
	},
	noForecast: { lt: 'Šį mėnesį prognozių neišsaugota: nėra ko vertinti.', en: 'No forecasts stored for this month: nothing to score.' },
	noEwt: { lt: 'Šį mėnesį numatomo laukimo įvertinimų neišsaugota.', en: 'No estimates stored for this month.' },
	ewtUnavailable: {
		lt: 'Numatomo laukimo tikslumo skaičiavimas dar neįdiegtas.',
		en: 'Estimated-wait accuracy is not available in this version.'
	},
	heatMapSite: {
		lt: 'Filtruojant pagal padalinį rodomi tik atsiliepti skambučiai ir ASA (laukiantieji priklauso temų eilėms).',
		en: 'Filtered to a site: answered calls and ASA only (callers waiting belong to the topic queues).'
	}
} satisfies Record<string, Bilingual>;

export const WEEKDAYS: Bilingual[] = [
	{ lt: 'Pirmadienis', en: 'Monday' },
	{ lt: 'Antradienis', en: 'Tuesday' },
	{ lt: 'Trečiadienis', en: 'Wednesday' },
	{ lt: 'Ketvirtadienis', en: 'Thursday' },
	{ lt: 'Penktadienis', en: 'Friday' },
	{ lt: 'Šeštadienis', en: 'Saturday' },
	{ lt: 'Sekmadienis', en: 'Sunday' }
];

/** Definitions of the figures only the report has (the period metrics have theirs already). */
export const REPORT_DEFINITIONS: Record<string, Bilingual> = {
	callbacks_on_time: {
		en: 'Callbacks requested in the month and made by the close of the next working day (Lithuanian public holidays and closed days skipped) ÷ those made or already overdue. Callbacks not yet due are left out and listed apart.',
		lt: 'Per mėnesį paprašyti perskambinimai, atlikti iki kitos darbo dienos pabaigos (švenčių ir nedarbo dienos praleidžiamos) ÷ atlikti arba jau pavėluoti. Dar nepasibaigusio termino perskambinimai neįskaičiuojami ir rodomi atskirai.'
	},
	einquiries_on_time: {
		en: 'E-inquiries received in the month and answered within 20 working days (by the close of the 20th working day after receipt) ÷ those answered or already overdue. Open ones not yet due are left out and listed apart.',
		lt: 'Per mėnesį gautos e. užklausos, atsakytos per 20 darbo dienų (iki 20-osios po gavimo einančios darbo dienos pabaigos) ÷ atsakytos arba jau pavėluotos. Neatsakytos, kurių terminas dar nepraėjo, neįskaičiuojamos ir rodomos atskirai.'
	},
	overdue: {
		en: 'A callback not made or an e-inquiry not answered, past its deadline when the report was generated.',
		lt: 'Perskambinimas neįvykdytas arba e. užklausa neatsakyta, o terminas ataskaitos sugeneravimo metu jau praėjęs.'
	},
	heat_map: {
		en: "Offered contacts and the average wait of all callers by weekday and hour of the centre's clock (Europe/Vilnius), summed over the month.",
		lt: 'Gauti kontaktai ir visų skambinusiųjų vidutinė laukimo trukmė pagal savaitės dieną ir valandą Lietuvos laiku, viso mėnesio duomenimis.'
	},
	site_share: {
		en: "A site's answered calls ÷ all answered calls of the centre in the month.",
		lt: 'Padalinio per mėnesį atsiliepti skambučiai ÷ visi centro per mėnesį atsiliepti skambučiai.'
	},
	ewt_accuracy: EWT_ACCURACY_DEFINITION,
	forecast_accuracy: {
		en: 'Each quarter hour\'s forecast as first stored (day ahead: made before the day began; hour ahead: made an hour before, with the day\'s running ratio) against the contacts offered in it. MAPE: the mean of |forecast − actual| ÷ actual over the quarter hours that had contacts. Systematic error (bias): (Σ forecast − Σ actual) ÷ Σ actual; above zero the forecast was too high. The same scoring as the dashboard\'s forecast panel.',
		lt: 'Kiekvieno 15 min. intervalo prognozė, kokia pirmą kartą išsaugota (prieš dieną – sudaryta dienai neprasidėjus; prieš valandą – likus valandai, pagal tos dienos eigą), palyginta su tame intervale gautais kontaktais. MAPE – |prognozė − faktas| ÷ faktas vidurkis per intervalus, kuriuose buvo kontaktų. Sisteminė paklaida – (Σ prognozė − Σ faktas) ÷ Σ faktas; teigiamas reiškia, kad prognozuota per daug. Skaičiuojama taip pat kaip suvestinės prognozės skydelyje.'
	},
	comparison: {
		en: 'The same figures for the previous calendar month and for the same month a year before, computed by the same definitions.',
		lt: 'Tie patys rodikliai už ankstesnį kalendorinį mėnesį ir tą patį mėnesį prieš metus, apskaičiuoti pagal tuos pačius apibrėžimus.'
	},
	frozen: {
		en: 'On the first working day of a month the previous month is stored with the definitions in force. A later recalculation makes a new revision listing every figure that changed; stored revisions are never overwritten.',
		lt: 'Pirmą mėnesio darbo dieną ankstesnio mėnesio ataskaita išsaugoma su tuo metu galiojusiais apibrėžimais. Vėlesnis perskaičiavimas sukuria naują versiją su kiekvienu pasikeitusiu skaičiumi; išsaugotos versijos niekada neperrašomos.'
	}
};
