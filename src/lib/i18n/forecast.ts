/**
 * Texts of the forecast panel (today's forecast against what happened, the rest of the day,
 * the next working days, the forecast's accuracy), Lithuanian by default and English. The
 * method is src/lib/server/forecast/model.ts; `method` says it in a manager's words.
 */
import type { Lang } from './pick.ts';

export const lt = {
	title: 'Prognozė: šiandien ir artimiausios dienos',
	'today.title': 'Šiandien: prognozė ir faktas',
	'today.topic': 'Tema',
	'today.channel': 'Kanalas',
	'today.dayAhead': 'Ryto prognozė dienai',
	'today.soFar': 'Iki dabar: faktas / prognozė',
	'today.projected': 'Numatoma per dieną',
	'today.ratio': 'Dienos eiga',
	'today.intervals': 'Kas 15 min.',
	'today.time': 'Laikas',
	'today.expected': 'Prognozė',
	'today.interval': '80 % intervalas',
	'today.actual': 'Faktas',
	'today.empty': 'Nėra istorijos prognozei.',
	'rest.title': 'Likusi dienos dalis su dabar dirbančiais konsultantais',
	'rest.serving': 'Aptarnauja dabar',
	'rest.slSoFar': 'Aptarnavimo lygis iki dabar',
	'rest.projected': 'Dienos pabaigoje',
	'rest.calls': 'Skambučių',
	'rest.sl': 'Aptarnavimo lygis',
	'rest.wait': 'Vid. laukimas, s',
	'rest.abandons': 'Atsisakys',
	'rest.needed': 'Reikia konsultantų',
	'rest.agents': 'Konsultantų po pertraukų',
	'rest.warnings': 'Pertraukų persidengimas',
	'rest.warningsNote': 'Tik šiandien: kitos darbo dienos konsultantų grafikas nežinomas.',
	'rest.closed': 'Šiandien centras nedirba arba jau uždarytas.',
	'upcoming.title': 'Artimiausios darbo dienos (skambučiai)',
	'upcoming.learnt': 'įvertinta iš istorijos',
	'upcoming.configured': 'numatyta nustatymuose',
	'upcoming.ordinary': 'įprasta diena',
	'accuracy.title': 'Prognozės tikslumas per 28 dienas',
	'accuracy.horizon': 'Prieš',
	'accuracy.day': 'dieną',
	'accuracy.hour': 'valandą',
	'accuracy.n': 'Intervalų',
	'accuracy.mape': 'MAPE',
	'accuracy.bias': 'Sisteminė paklaida',
	'accuracy.empty': 'Dar nėra įvertintų prognozių: jos saugomos nuo šio serverio paleidimo.',
	'method.title': 'Kaip skaičiuojama',
	method:
		'Dienos lygis: tos pačios savaitės dienos vidurkis per 6 savaites (išmokų ir kitų žinomų dienų poveikis pirma atimamas). Sezonas: kiek ta pati savaitė pernai skyrėsi nuo ankstesnių savaičių. Žinomos dienos (fondo kalendorius, diena po šventės): jų poveikis įvertinamas iš istorijos, kol jos nėra — imamas nustatytas. Dienos eiga kas 15 min. pagal tos savaitės dienos profilį. Dienos metu likusi prognozė dauginama iš šiandienos santykio „faktas / prognozė“, kuris ryte sveriamas mažiau. Likusiai dienai aptarnavimo lygis, laukimas ir atsisakymai skaičiuojami Erlang A modeliu su dabar prisijungusiais konsultantais, atėmus planuojamas pertraukas (kas dar nepietavo, pietaus pietų lange, tolygiai paskirstant; kas dabar pertraukoje, grįš po numatytos trukmės nuo jos pradžios), dabartine pokalbio trukme ir skambinančiųjų kantrybe; konsultantų poreikis — kiek reikia tikslui pasiekti. Tikslumas: kiekvieno 15 min. intervalo prognozė išsaugoma, kai padaroma (dieną ir valandą prieš), ir lyginama su tuo, kas įvyko: MAPE — vidutinė absoliuti procentinė paklaida, sisteminė paklaida — kiek prognozė vidutiniškai per didelė (+) ar per maža (−).'
};

export type ForecastKey = keyof typeof lt;

const en: Record<ForecastKey, string> = {
	title: 'Forecast: today and the next days',
	'today.title': 'Today: forecast and actual',
	'today.topic': 'Topic',
	'today.channel': 'Channel',
	'today.dayAhead': "This morning's forecast",
	'today.soFar': 'So far: actual / forecast',
	'today.projected': 'Day projected',
	'today.ratio': 'Running ratio',
	'today.intervals': 'By quarter hour',
	'today.time': 'Time',
	'today.expected': 'Forecast',
	'today.interval': '80 % interval',
	'today.actual': 'Actual',
	'today.empty': 'No history to forecast from.',
	'rest.title': 'Rest of the day with the consultants working now',
	'rest.serving': 'Serving now',
	'rest.slSoFar': 'Service level so far',
	'rest.projected': 'At close',
	'rest.calls': 'Calls',
	'rest.sl': 'Service level',
	'rest.wait': 'Avg. wait, s',
	'rest.abandons': 'Will abandon',
	'rest.needed': 'Consultants needed',
	'rest.agents': 'Consultants after breaks',
	'rest.warnings': 'Breaks overlapping',
	'rest.warningsNote': "Today only: the next working day's roster is not known.",
	'rest.closed': 'The centre is closed today or has closed.',
	'upcoming.title': 'Next working days (calls)',
	'upcoming.learnt': 'learnt from history',
	'upcoming.configured': 'as configured',
	'upcoming.ordinary': 'ordinary day',
	'accuracy.title': 'Forecast accuracy, last 28 days',
	'accuracy.horizon': 'Made',
	'accuracy.day': 'a day ahead',
	'accuracy.hour': 'an hour ahead',
	'accuracy.n': 'Intervals',
	'accuracy.mape': 'MAPE',
	'accuracy.bias': 'Systematic error',
	'accuracy.empty': 'No forecast has been scored yet: they are stored from this server’s start on.',
	'method.title': 'How it is computed',
	method:
		"Day level: the mean of the same weekday over 6 weeks (known days' effects taken out first). Season: how the same week last year differed from the weeks before it. Known days (the fund's calendar, the day after a holiday): their effect is learnt from history, the configured one until history has them. The day is spread over quarter hours by that weekday's profile. During the day the rest of the forecast is multiplied by today's running ratio, actual over forecast, weighed less early in the day. For the rest of the day, service level, wait and abandons come from Erlang A with the consultants logged in now less their planned breaks, the current handle time and callers' patience; consultants needed is how many reach the goal. Planned breaks: those who have not had lunch yet take it within the lunch window, spread evenly; one on a break now returns its planned length after it began; nobody not logged in is added. Accuracy: each quarter hour's forecast is stored when it is made (a day and an hour ahead) and compared with what happened: MAPE is the mean absolute percentage error, systematic error how much too high (+) or too low (−) the forecast was on average."
};

export function forecastText(lang: Lang): (key: ForecastKey) => string {
	const table = lang === 'en' ? en : lt;
	return (key) => table[key];
}
