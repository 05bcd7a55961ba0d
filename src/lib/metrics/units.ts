/**
 * The one place durations become text, on the dashboard, the drill-down, the report page and
 * its PDF (XLSX and CSV keep the raw seconds, their column titles saying ", s"). A person reads
 * "4:05 min", not "245,0 s", and "3,4 d.", not "293 760 s": each figure takes the largest unit
 * it fills, and says which.
 *
 * Each channel is also measured in its own unit against its own deadline: calls and chats in
 * seconds against the topic's service-level target; callbacks in hours against the close of the
 * next working day; e-inquiries in working days against the N-working-day deadline. A written
 * channel is never judged against a call's seconds target (periodStats leaves its service
 * level empty; its on-time share comes from the deadlines, reports/writtenWork.ts).
 */
import type { Bilingual, Lang } from '../i18n/pick.ts';

export const DASH = '–';

export type ChannelUnit = 'seconds' | 'hours' | 'working_days';

/** Channels answered by deadline rather than by a seconds target, and the unit each is read in. */
export const WRITTEN_CHANNELS = { callback: 'hours', einquiry: 'working_days' } as const satisfies Record<string, ChannelUnit>;
export type WrittenChannel = keyof typeof WRITTEN_CHANNELS;

export const isWrittenChannel = (channel: string | null | undefined): channel is WrittenChannel =>
	channel != null && Object.hasOwn(WRITTEN_CHANNELS, channel);

export function channelUnit(channel: string | null | undefined): ChannelUnit {
	return isWrittenChannel(channel) ? WRITTEN_CHANNELS[channel] : 'seconds';
}

const WORDS = {
	lt: { s: 's', min: 'min', h: 'val.', d: 'd.', wd: 'darbo d.' },
	en: { s: 's', min: 'min', h: 'h', d: 'days', wd: 'working days' }
} as const;

const numberFormats = new Map<string, Intl.NumberFormat>();
function decimal(lang: Lang, digits: number): Intl.NumberFormat {
	const key = `${lang}${digits}`;
	let f = numberFormats.get(key);
	if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(lang === 'lt' ? 'lt-LT' : 'en-GB', { maximumFractionDigits: digits })));
	return f;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const two = (n: number) => String(n).padStart(2, '0');

/**
 * Seconds as a person reads them: under a minute "19,3 s"; under an hour "4:05 min"; under a
 * day "2:15 val." ("2:15 h"); from a day "3,4 d." ("3.4 days"). null is "–", never 0.
 */
export function formatDuration(seconds: unknown, lang: Lang): string {
	if (!finite(seconds)) return DASH;
	const w = WORDS[lang];
	const s = Math.max(0, seconds);
	if (s < 59.95) return `${decimal(lang, 1).format(s)} ${w.s}`;
	const whole = Math.round(s);
	if (whole < 3600) return `${Math.floor(whole / 60)}:${two(whole % 60)} ${w.min}`;
	const minutes = Math.round(s / 60);
	if (minutes < 24 * 60) return `${Math.floor(minutes / 60)}:${two(minutes % 60)} ${w.h}`;
	return `${decimal(lang, 1).format(s / 86_400)} ${w.d}`;
}

/** Hours (a callback's time to call back): "5,2 val." / "5.2 h". */
export function formatHours(hours: unknown, lang: Lang): string {
	return finite(hours) ? `${decimal(lang, 1).format(hours)} ${WORDS[lang].h}` : DASH;
}

/** Working days (an e-inquiry's time to answer): "3,2 darbo d." / "3.2 working days". */
export function formatWorkingDays(days: unknown, lang: Lang): string {
	return finite(days) ? `${decimal(lang, 1).format(days)} ${WORDS[lang].wd}` : DASH;
}

/** A figure in a channel's unit: seconds for calls, hours for callbacks, working days for e-inquiries. */
export function formatInUnit(value: unknown, unit: ChannelUnit, lang: Lang): string {
	if (unit === 'hours') return formatHours(value, lang);
	if (unit === 'working_days') return formatWorkingDays(value, lang);
	return formatDuration(value, lang);
}

/** The rule above as the glossary says it. */
export const UNITS_NOTE: Bilingual = {
	en: 'Durations are shown in the unit a person reads: seconds under a minute ("19.3 s"), then minutes and seconds ("4:05 min"), hours and minutes ("2:15 h"), days ("3.4 days"); spreadsheet exports keep the seconds. E-inquiries are measured in working days against their deadline (20 working days), callbacks in hours against theirs (the close of the next working day): their service level is not judged against a call\'s seconds target; "Answered on time" takes its place.',
	lt: 'Trukmės rodomos tokiais vienetais, kokiais žmogus jas skaito: iki minutės – sekundėmis („19,3 s“), toliau minutėmis ir sekundėmis („4:05 min“), valandomis ir minutėmis („2:15 val.“), dienomis („3,4 d.“); skaičiuoklės eksportuose lieka sekundės. E. užklausos matuojamos darbo dienomis pagal jų terminą (20 darbo dienų), perskambinimai – valandomis pagal jų terminą (kitos darbo dienos pabaiga): jų aptarnavimo lygis nevertinamas pagal skambučių tikslinį laiką sekundėmis, vietoj jo rodoma „Atsakyta laiku“.'
};
