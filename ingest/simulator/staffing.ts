/**
 * Who works when. Headcount follows the volume curve (consultantsPerThousandCalls), except that
 * the older sites stop hiring `hiringFreezeMonths` before the newest site opens; the new site
 * opens with `openingHeadcount` consultants who start slower and partly in training. Every
 * working day each consultant may be off sick or on holiday; the others work the opening hours
 * with staggered breaks and lunch, a few of them on chat. Night-time service adds two small
 * night shifts.
 */
import type { Config } from '../../src/lib/server/config/schema.ts';
import { windowWeight } from './arrivals.ts';
import type { DayFrame, DayFrames } from './dayFrames.ts';
import { dayIndexOf } from './dayFrames.ts';
import { meanOf } from './distributions.ts';
import { newAgent, type Agent, type Shift } from './model.ts';
import type { SimParams } from './params.ts';
import { createRng, STREAM, type Rng } from './random.ts';
import type { VolumeModel } from './volume.ts';

const MINUTE = 60_000;
const DAYS_PER_MONTH = 30.44;

type SiteInfo = { id: string; index: number; share: number; opensAt: number | null; openingHeadcount: number };

/** Splits `total` into whole parts proportional to `weights` (largest remainder). */
export function apportion(total: number, weights: readonly number[]): number[] {
	const sum = weights.reduce((a, b) => a + b, 0);
	if (total <= 0 || sum <= 0) return weights.map(() => 0);
	const raw = weights.map((w) => (total * w) / sum);
	const out = raw.map(Math.floor);
	let left = total - out.reduce((a, b) => a + b, 0);
	const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
	for (const [, i] of order) {
		if (left-- <= 0) break;
		out[i]!++;
	}
	return out;
}

function minutesOf(hhmm: string): number {
	return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

export class Staffing {
	readonly #p: SimParams;
	readonly #frames: DayFrames;
	readonly #volume: VolumeModel;
	readonly #seed: number;
	readonly #sites: SiteInfo[];
	/** The site whose opening the older sites waited for (the latest `openedOn`), if any. */
	readonly #newest: SiteInfo | null;
	readonly #topicIndex: Map<string, number>;
	readonly #topicCount: number;
	readonly #agents = new Map<string, Agent>();
	readonly #skillShares: number[];
	readonly #skillTopics: number[][];
	/** The busiest weekday's expected share of the week's calls per opening minute (the roster's reference). */
	readonly #peakRate: number;
	readonly #openMinutes: number[];

	constructor(config: Config, params: SimParams, frames: DayFrames, volume: VolumeModel, seed: number, topicIds: string[]) {
		this.#p = params;
		this.#frames = frames;
		this.#volume = volume;
		this.#seed = seed;
		this.#topicIndex = new Map(topicIds.map((id, i) => [id, i]));
		this.#topicCount = topicIds.length;
		this.#sites = config.sites.map((s, index) => {
			const sp = params.staffing.sites[s.id]!;
			return {
				id: s.id,
				index,
				share: sp.share,
				opensAt: sp.openedOn ? dayIndexOf(sp.openedOn) : null,
				openingHeadcount: sp.openingHeadcount
			};
		});
		let newest: SiteInfo | null = null;
		for (const s of this.#sites) if (s.opensAt !== null && (newest === null || s.opensAt > newest.opensAt!)) newest = s;
		this.#newest = newest;
		this.#openMinutes = [1, 2, 3, 4, 5, 6, 7].map((d) => {
			const h = config.openingHours[String(d) as keyof Config['openingHours']];
			return h ? minutesOf(h.close) - minutesOf(h.open) : 0;
		});
		this.#peakRate = Math.max(...this.#openMinutes.map((m, i) => (m > 0 ? params.profile.weekday[i]! / m : 0)));
		const all = topicIds.map((_, i) => i);
		this.#skillShares = params.staffing.skills.map((g) => g.share);
		this.#skillTopics = params.staffing.skills.map((g) => {
			if (g.topics === 'all') return all;
			const own = g.topics.map((t) => this.#topicIndex.get(t)).filter((i): i is number => i !== undefined);
			return own.length > 0 ? own.sort((a, b) => a - b) : all;
		});
	}

	/** Headcount the volume needs on a day (absences, breaks and chat included). */
	required(frame: DayFrame): number {
		const s = this.#p.staffing;
		const surge = this.#volume.surge(frame);
		const response = 1 + (surge - 1) * this.#p.pandemic.staffResponse;
		return (this.#volume.callsPerYearAround(frame) * s.consultantsPerThousandCalls * response) / 1000;
	}

	/** Consultants employed at each site (config order) on a day. */
	headcount(frame: DayFrame): number[] {
		const fixed = this.#p.staffing.fixedHeadcount;
		if (fixed) return this.#sites.map((s) => fixed[s.id] ?? 0);
		const open = (s: SiteInfo) => s.opensAt === null || frame.index >= s.opensAt;
		const required = Math.round(this.required(frame));
		const newest = this.#newest;
		if (newest === null) return apportion(required, this.#sites.map((s) => (open(s) ? s.share : 0)));
		const older = this.#sites.map((s) => (s !== newest && open(s) ? s.share : 0));
		const freeze = newest.opensAt! - Math.round(this.#p.staffing.hiringFreezeMonths * DAYS_PER_MONTH);
		const cap = Math.round(this.required(this.#frames.byIndex(freeze)));
		if (frame.index < newest.opensAt!) return apportion(Math.min(required, cap), older);
		// After the opening nobody is let go: growth beyond cap + opening headcount is shared out.
		const base = apportion(cap, older);
		base[newest.index] = newest.openingHeadcount;
		const extra = required - cap - newest.openingHeadcount;
		if (extra <= 0) return base;
		const more = apportion(extra, this.#sites.map((s) => (open(s) ? s.share : 0)));
		return base.map((n, i) => n + more[i]!);
	}

	/** The consultant with number `n` at a site: the same person every day, with fixed skills. */
	#agent(site: SiteInfo, n: number): Agent {
		const id = `${site.id}-${String(n).padStart(3, '0')}`;
		let a = this.#agents.get(id);
		if (!a) {
			a = newAgent(id, site.id, this.#skillsOf(createRng(this.#seed, site.index, n, 99)));
			this.#agents.set(id, a);
		}
		return a;
	}

	#nightAgent(team: string, k: number): Agent {
		const site = this.#sites[0]!;
		const id = `${site.id}-night-${team}${k}`;
		let a = this.#agents.get(id);
		if (!a) {
			a = newAgent(id, site.id, Array.from({ length: this.#topicCount }, (_, i) => i));
			this.#agents.set(id, a);
		}
		return a;
	}

	#skillsOf(rng: Rng): number[] {
		const total = this.#skillShares.reduce((a, b) => a + b, 0);
		let u = rng() * total;
		for (let i = 0; i < this.#skillShares.length; i++) {
			u -= this.#skillShares[i]!;
			if (u < 0) return this.#skillTopics[i]!;
		}
		return Array.from({ length: this.#topicCount }, (_, i) => i);
	}

	/** A consultant employed on the day, picked with `u` ∈ [0, 1) (who answers a written inquiry). */
	employedAgent(frame: DayFrame, u: number): Agent {
		const counts = this.headcount(frame);
		const total = counts.reduce((a, b) => a + b, 0);
		let k = Math.floor(u * Math.max(total, 1));
		for (let i = 0; i < counts.length; i++) {
			if (k < counts[i]!) return this.#agent(this.#sites[i]!, k + 1);
			k -= counts[i]!;
		}
		return this.#agent(this.#sites[0]!, 1);
	}

	/** How far the newest site is from full speed on a day: 1 at opening, 0 after the ramp. */
	#rookie(site: SiteInfo, frame: DayFrame): number {
		if (site !== this.#newest || site.opensAt === null) return 0;
		const months = (frame.index - site.opensAt) / DAYS_PER_MONTH;
		const ramp = this.#p.staffing.rampMonths;
		return months < 0 || ramp <= 0 ? 0 : Math.max(0, 1 - months / ramp);
	}

	/**
	 * Share of the consultants present who are rostered on the phones on a working day: the
	 * day's expected calls per opening minute (weekday, and the busier day after a holiday)
	 * against the busiest weekday's, blended by `rosterFollowsVolume`. Volume, not the month:
	 * the months are met by when holidays are taken.
	 */
	rosterShare(frame: DayFrame): number {
		const k = this.#p.staffing.rosterFollowsVolume;
		const minutes = this.#openMinutes[frame.weekday - 1]!;
		if (k <= 0 || minutes <= 0 || !(this.#peakRate > 0)) return 1;
		let w = this.#p.profile.weekday[frame.weekday - 1]!;
		if (this.#frames.byIndex(frame.index - 1).weekdayHoliday) w *= this.#p.profile.afterHoliday;
		const share = Math.min(1, w / minutes / this.#peakRate);
		return 1 - Math.min(1, k) * (1 - share);
	}

	/** Chat consultants for the day: enough for the expected peak half-hour's load. */
	#chatConsultants(frame: DayFrame, expectedChats: number): number {
		if (expectedChats <= 0) return 0;
		const weights = this.#p.profile.halfHour;
		const total = windowWeight(frame, weights, frame.open, frame.close);
		let peak = 0;
		for (let i = 0; i < 48; i++) {
			const a = frame.start + i * 30 * MINUTE;
			if (a >= frame.open && a < frame.close) peak = Math.max(peak, weights[i]!);
		}
		const c = this.#p.chat;
		const aht = meanOf(c.talk) + meanOf(c.wrap);
		const erlangs = (expectedChats * peak * aht * 1000) / total;
		return Math.max(1, Math.ceil(c.consultantsPerErlang * erlangs));
	}

	/** The day's shifts. `expectedChats` sizes the chat team. */
	planDay(frame: DayFrame, expectedChats: number): Shift[] {
		const shifts: Shift[] = [];
		if (!frame.working) return shifts;
		const s = this.#p.staffing;
		const rng = createRng(this.#seed, frame.index, STREAM.staffing);
		const absent = s.sickShare[frame.month - 1]! + s.vacationShare[frame.month - 1]!;
		const rostered = this.rosterShare(frame);
		const counts = this.headcount(frame);
		const present: { agent: Agent; site: SiteInfo }[] = [];
		for (const site of this.#sites) {
			for (let n = 1; n <= counts[site.index]!; n++) {
				const agent = this.#agent(site, n);
				// Two draws always, so the roster share does not shift the other draws of the day.
				const away = rng() < absent;
				const off = rng() >= rostered;
				if (!away && !off) present.push({ agent, site });
			}
		}
		// Chat is staffed from the consultants who can take any topic (a random few each day).
		const chatSet = new Set<Agent>();
		const want = Math.min(this.#chatConsultants(frame, expectedChats), Math.floor(present.length / 3));
		const generalists = present.filter((x) => x.agent.skills.length === this.#topicCount);
		for (let i = 0; i < want && i < generalists.length; i++) {
			const j = i + Math.floor(rng() * (generalists.length - i));
			[generalists[i], generalists[j]] = [generalists[j]!, generalists[i]!];
			chatSet.add(generalists[i]!.agent);
		}
		for (const { agent, site } of present) {
			const rookie = this.#rookie(site, frame);
			const shift: Shift = {
				agent,
				login: frame.open - Math.floor(rng() * s.loginEarlyMaxMin * MINUTE),
				logout: frame.close,
				chat: chatSet.has(agent),
				ahtFactor: 1 + (s.newHireAhtFactor - 1) * rookie,
				breaks: []
			};
			for (const b of s.breaks) {
				const from = frame.start + minutesOf(b.from) * MINUTE;
				const latest = Math.min(frame.start + minutesOf(b.to) * MINUTE, frame.close) - b.minutes * MINUTE;
				if (latest < from) continue;
				shift.breaks.push({ at: Math.floor(from + rng() * (latest - from)), ms: b.minutes * MINUTE, reason: b.reason });
			}
			const trainingMs = Math.round(s.trainingShareAtOpening * rookie * (frame.close - frame.open));
			if (trainingMs >= 5 * MINUTE) shift.breaks.push({ at: frame.close - trainingMs, ms: trainingMs, reason: 'training' });
			shift.breaks.sort((a, b) => a.at - b.at);
			shifts.push(shift);
		}
		if (frame.nightService) {
			for (let k = 1; k <= this.#p.pandemic.nightConsultants; k++) {
				shifts.push({ agent: this.#nightAgent('a', k), login: frame.start, logout: frame.open, chat: false, ahtFactor: 1, breaks: [] });
				shifts.push({ agent: this.#nightAgent('b', k), login: frame.close, logout: frame.end, chat: false, ahtFactor: 1, breaks: [] });
			}
		}
		return shifts;
	}
}
