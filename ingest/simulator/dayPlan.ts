/**
 * One day's traffic, drawn at local midnight from the day's own random streams: the calls and
 * chats that will reach the queues, the after-hours callback requests, and the e-mails and
 * e-inquiries with their answers (written work is answered from the back office, so its timing
 * is drawn, not queued).
 */
import { closedWindows, poissonArrivals, windowWeight } from './arrivals.ts';
import type { SimContext } from './context.ts';
import type { DayFrame } from './dayFrames.ts';
import { sampler } from './distributions.ts';
import type { SimCall, WrittenItem } from './model.ts';
import { createRng, STREAM, type Rng } from './random.ts';

const MINUTE = 60_000;

/** A mean-one lognormal factor: the day is busier or quieter than its profile says. */
function dayNoise(rng: Rng, cv: number): number {
	if (cv <= 0) return 1;
	const s2 = Math.log(1 + cv * cv);
	const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
	return Math.exp(Math.sqrt(s2) * z - s2 / 2);
}

function times(rng: Rng, frame: DayFrame, weights: readonly number[], windows: [number, number][], expected: number): number[] {
	const out: number[] = [];
	let w = 0;
	for (const [a, b] of windows) w += windowWeight(frame, weights, a, b);
	if (w > 0 && expected > 0) poissonArrivals(rng, frame, weights, windows, expected / w, out);
	return out;
}

/** Merges lists of calls sorted by time into one sorted list. */
function merge(lists: SimCall[][]): SimCall[] {
	const out: SimCall[] = [];
	const at = lists.map(() => 0);
	for (;;) {
		let best = -1;
		for (let i = 0; i < lists.length; i++) {
			const c = lists[i]![at[i]!];
			if (c && (best < 0 || c.t < lists[best]![at[best]!]!.t)) best = i;
		}
		if (best < 0) return out;
		out.push(lists[best]![at[best]!++]!);
	}
}

export type DayTraffic = {
	/** Voice calls, chats and after-hours callback requests, in time order. */
	calls: SimCall[];
	/** Chats the day was expected to bring (sizes the chat team). */
	expectedChats: number;
};

export function planCalls(ctx: SimContext, frame: DayFrame): DayTraffic {
	const { params: p, volume, callers, idPrefix } = ctx;
	const rng = createRng(ctx.seed, frame.index, STREAM.arrivals);
	const ymd = frame.date.replaceAll('-', '');
	const noise = dayNoise(rng, p.profile.dailyNoiseCv);
	const weights = p.profile.halfHour;
	const expectedVoice = volume.expectedCalls(frame) * (1 - p.volume.repeatAllowance) * noise;
	if (ctx.onDayRate) ctx.onDayRate(frame, expectedVoice);
	const voiceAt = frame.serviceOpen === 0 ? [] : times(rng, frame, weights, [[frame.serviceOpen, frame.serviceClose]], expectedVoice);
	const expectedChats = frame.working ? volume.expectedCalls(frame) * volume.chatShare(frame.year) * noise : 0;
	const chatAt = frame.working ? times(rng, frame, weights, [[frame.open, frame.close]], expectedChats) : [];
	const expectedAfterHours =
		volume.averageWorkingDayCalls(frame.year) * p.afterHours.requestShare * (frame.working ? 1 : p.afterHours.closedDayFactor);
	const afterAt = times(rng, frame, weights, closedWindows(frame), expectedAfterHours);
	const voice = voiceAt.map((t, i) => callers.voice(`${idPrefix}-${ymd}-v${i + 1}`, t, callers.topic(rng), rng));
	const chat = chatAt.map((t, i) => callers.chat(`${idPrefix}-${ymd}-c${i + 1}`, t, callers.topic(rng), rng));
	const after = afterAt.map((t, i) => callers.afterHours(`${idPrefix}-${ymd}-a${i + 1}`, t, callers.topic(rng)));
	return { calls: merge([voice, chat, after]), expectedChats };
}

export function planWritten(ctx: SimContext, frame: DayFrame): WrittenItem[] {
	const { params: p, volume, frames, staffing, callers, idPrefix } = ctx;
	const rng = createRng(ctx.seed, frame.index, STREAM.written);
	const ymd = frame.date.replaceAll('-', '');
	const base = volume.averageWorkingDayCalls(frame.year);
	const deadline = ctx.config.eInquiryDeadlineWorkingDays;
	const out: WrittenItem[] = [];
	for (const channel of ['email', 'einquiry'] as const) {
		const c = p[channel];
		const expected = base * c.share * (frame.working ? 1 : c.closedDayFactor);
		const answerDays = sampler(c.answerWorkingDays);
		const receivedAt = times(rng, frame, p.profile.halfHour, [[frame.start, frame.end]], expected);
		const dueAt = channel === 'einquiry' ? frames.addWorkingDays(frame.index, deadline).close : null;
		receivedAt.forEach((t, i) => {
			const topic = callers.topic(rng);
			let k = Math.floor(answerDays(rng));
			if (channel === 'einquiry') k = Math.min(k, deadline);
			// The same day only when it is received early enough in opening hours to be read.
			if (k === 0 && !(frame.working && t < frame.close - 60 * MINUTE)) k = 1;
			const day = k === 0 ? frame : frames.addWorkingDays(frame.index, k);
			const from = Math.max(day.open, k === 0 ? t + 10 * MINUTE : day.open);
			const answeredAt = Math.floor(from + rng() * (day.close - from));
			const agent = staffing.employedAgent(day, rng());
			out.push({
				id: `${idPrefix}-${ymd}-${channel === 'email' ? 'm' : 'e'}${i + 1}`,
				channel,
				topic,
				receivedAt: t,
				answeredAt,
				agent: agent.id,
				site: agent.site,
				dueAt
			});
		});
	}
	return out;
}
