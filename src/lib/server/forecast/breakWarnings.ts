/**
 * The lunch-overlap warning (issue #19): the quarter hours still to come today in which the
 * consultants left after planned breaks (breaks.ts) are fewer than the forecast needs for the
 * topic's service-level goal ("12:00–12:30: pietų pertraukos palieka 14 konsultantų, reikia 17").
 *
 * A quarter hour warns when someone is expected on a planned break in it and the whole
 * consultants left (the expected number rounded down: 16.6 is 16 people, not 17) are fewer than
 * needed. A quarter hour short without any break is not this warning: the projection's "needed"
 * column shows it already. Neighbouring quarter hours that warn are one warning, with the
 * figures of the worst of them. Today only: the next working day's roster is not known.
 */
import { enCount, ltCount } from '../../i18n/plural.ts';

/** Less than this many consultant-equivalents away is rounding noise, no break. */
const NO_BREAK = 0.05;

export type BreakSlot = {
	slot: number;
	time: string;
	/** Consultants expected at work (logged in now, less those on planned breaks). */
	agents: number;
	/** Of those logged in, expected on a planned break; of which on lunch. */
	onBreak: number;
	onLunch: number;
	needed: number | null;
};

export type BreakWarning = {
	from: string;
	to: string;
	/** Whole consultants left in the worst quarter hour, and how many it needs. */
	agents: number;
	needed: number;
	kind: 'lunch' | 'short';
	text: { lt: string; en: string };
};

const hhmm = (slot: number) => `${String(Math.floor(slot / 4) % 24).padStart(2, '0')}:${String((slot % 4) * 15).padStart(2, '0')}`;

export function breakWarnings(slots: BreakSlot[]): BreakWarning[] {
	const out: BreakWarning[] = [];
	let run: BreakSlot[] = [];
	const flush = () => {
		if (!run.length) return;
		const worst = run.reduce((w, x) => (x.needed! - Math.floor(x.agents + 1e-9) > w.needed! - Math.floor(w.agents + 1e-9) ? x : w));
		const lunch = run.reduce((n, x) => n + x.onLunch, 0);
		const all = run.reduce((n, x) => n + x.onBreak, 0);
		const kind = lunch >= all / 2 ? 'lunch' : 'short';
		const agents = Math.max(0, Math.floor(worst.agents + 1e-9));
		const needed = worst.needed!;
		const from = run[0]!.time;
		const to = hhmm(run.at(-1)!.slot + 1);
		const what = kind === 'lunch' ? { lt: 'pietų pertraukos', en: 'lunch breaks' } : { lt: 'pertraukos', en: 'breaks' };
		out.push({
			from,
			to,
			agents,
			needed,
			kind,
			text: {
				lt: `${from}–${to}: ${what.lt} palieka ${ltCount(agents, { one: 'konsultantą', few: 'konsultantus', many: 'konsultantų' })}, reikia ${needed}`,
				en: `${from}–${to}: ${what.en} leave ${enCount(agents, 'consultant', 'consultants')}, ${needed} needed`
			}
		});
		run = [];
	};
	for (const x of slots) {
		const short = x.needed !== null && x.onBreak >= NO_BREAK && Math.floor(x.agents + 1e-9) < x.needed;
		if (short && (run.length === 0 || run.at(-1)!.slot + 1 === x.slot)) run.push(x);
		else {
			flush();
			if (short) run.push(x);
		}
	}
	flush();
	return out;
}
