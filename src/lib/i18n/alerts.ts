/**
 * Alert texts: the dashboard's banner, the TV's tile, the webhook's message and the admin page's
 * rules, in Lithuanian (default) and English.
 */
import type { Lang } from './pick.ts';
import type { ActiveAlert, AlertFigure, AlertTransition } from '../live/alerts.ts';

export const FIGURE_NAMES: Record<AlertFigure, Record<Lang, string>> = {
	waiting: { lt: 'laukia eilėje', en: 'callers waiting' },
	longest_wait: { lt: 'ilgiausiai laukia', en: 'longest wait' },
	service_level: { lt: 'aptarnavimo lygis šiandien', en: 'service level today' },
	available: { lt: 'laisvi konsultantai', en: 'consultants free' },
	long_not_ready: { lt: 'ilgai nepasiekiami konsultantai', en: 'consultants not ready too long' },
	callbacks_overdue: { lt: 'pavėluoti perskambinimai', en: 'callbacks overdue' },
	written_overdue: { lt: 'pavėluotos e. užklausos ir laiškai', en: 'e-inquiries and e-mails overdue' },
	written_at_risk: { lt: 'e. užklausos ir laiškai prie termino', en: 'e-inquiries and e-mails near their deadline' },
	staffing_gap_ahead: { lt: 'per pertraukas netrukus trūks konsultantų', en: 'consultants short over breaks ahead' }
};

const TRANSITIONS: Record<AlertTransition, Record<Lang, string>> = {
	start: { lt: 'Perspėjimas', en: 'Alert' },
	ack: { lt: 'Perspėjimas priimtas', en: 'Alert acknowledged' },
	end: { lt: 'Perspėjimas baigėsi', en: 'Alert over' }
};

/** A figure's value in its unit: m:ss for waits, % for service level, a count otherwise. */
export function figureValueText(figure: AlertFigure, value: number, lang: Lang): string {
	if (figure === 'longest_wait') {
		const s = Math.max(0, Math.round(value));
		return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
	}
	if (figure === 'service_level') return `${Math.round(value * 100)}${lang === 'lt' ? '\u00a0' : ''}%`;
	return String(Math.round(value));
}

/** "Perspėjimas: Pensijos — laukia eilėje 16 (riba 15)". */
export function alertText(lang: Lang, a: Pick<ActiveAlert, 'figure' | 'value' | 'threshold'>, topicName: string | null, transition: AlertTransition = 'start'): string {
	const where = topicName ?? (lang === 'lt' ? 'Visas centras' : 'Whole centre');
	const limit = lang === 'lt' ? 'riba' : 'limit';
	return `${TRANSITIONS[transition][lang]}: ${where} — ${FIGURE_NAMES[a.figure][lang]} ${figureValueText(a.figure, a.value, lang)} (${limit} ${figureValueText(a.figure, a.threshold, lang)})`;
}

export const lt = {
	'alerts.title': 'Perspėjimai',
	'alerts.ack': 'Priimti',
	'alerts.acked': 'Priėmė {who} {time}',
	'alerts.since': 'nuo {time}',
	'alerts.sound': 'Garsas',
	'alerts.notify': 'Pranešti, kai skirtukas paslėptas',
	'rules.title': 'Perspėjimų taisyklės',
	'rules.intro': 'Perspėjimas prasideda, kai rodiklis pasiekia ribą „Pradėti“, ir baigiasi tik rodikliui grįžus iki ribos „Baigti“ (kad nemirksėtų). Tikrinama kartą per sekundę serveryje.',
	'rules.id': 'Pavadinimas',
	'rules.figure': 'Rodiklis',
	'rules.scope': 'Kam',
	'rules.on': 'Pradėti ties',
	'rules.off': 'Baigti ties',
	'rules.webhook': 'Pranešimų adresas (webhook)',
	'rules.sound': 'Garsas',
	'rules.add': 'Pridėti taisyklę',
	'rules.remove': 'Pašalinti',
	'rules.save': 'Išsaugoti taisykles',
	'rules.saved': 'Išsaugota.',
	'rules.savedBy': 'Paskutinį kartą keitė {who} {time}',
	'rules.fromConfig': 'Taikomos konfigūracijos taisyklės.',
	'rules.each': 'Kiekviena tema',
	'rules.centre': 'Visas centras',
	'log.title': 'Perspėjimų žurnalas (7 d.)',
	'log.start': 'Pradžia',
	'log.ack': 'Priimta',
	'log.end': 'Pabaiga',
	'log.what': 'Kas',
	'log.none': 'Perspėjimų nebuvo.'
};

const en: Record<keyof typeof lt, string> = {
	'alerts.title': 'Alerts',
	'alerts.ack': 'Acknowledge',
	'alerts.acked': 'Acknowledged by {who} at {time}',
	'alerts.since': 'since {time}',
	'alerts.sound': 'Sound',
	'alerts.notify': 'Notify while the tab is hidden',
	'rules.title': 'Alert rules',
	'rules.intro': "An alert starts when its figure reaches 'Start at' and ends only once it is back at 'End at' (so it does not flap). Checked once a second on the server.",
	'rules.id': 'Name',
	'rules.figure': 'Figure',
	'rules.scope': 'For',
	'rules.on': 'Start at',
	'rules.off': 'End at',
	'rules.webhook': 'Webhook address',
	'rules.sound': 'Sound',
	'rules.add': 'Add a rule',
	'rules.remove': 'Remove',
	'rules.save': 'Save the rules',
	'rules.saved': 'Saved.',
	'rules.savedBy': 'Last changed by {who} at {time}',
	'rules.fromConfig': "The configuration's rules apply.",
	'rules.each': 'Each topic',
	'rules.centre': 'Whole centre',
	'log.title': 'Alert log (7 days)',
	'log.start': 'Started',
	'log.ack': 'Acknowledged',
	'log.end': 'Ended',
	'log.what': 'What',
	'log.none': 'No alerts.'
};

export type AlertKey = keyof typeof lt;

export function alertsText(lang: Lang): (key: AlertKey, vars?: Record<string, string | number>) => string {
	const table: Record<AlertKey, string> = lang === 'en' ? en : lt;
	return (key, vars) => (vars ? table[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? '')) : table[key]);
}
