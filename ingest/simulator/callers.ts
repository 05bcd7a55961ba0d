/**
 * Draws a caller: topic, patience, handle times and the choices he will make (take a callback,
 * call again). Everything is drawn when he arrives, from the day's stream, so the same caller
 * behaves the same whatever happened earlier in the run; only the consultant who answers him
 * (and so the speed of a new hire) depends on the queue.
 */
import { sampler, type Sampler } from './distributions.ts';
import { CALL_AFTER_HOURS, CALL_CHAT, CALL_VOICE, type SimCall } from './model.ts';
import { handlingOf, type SimParams } from './params.ts';
import type { Rng } from './random.ts';

type TopicSamplers = { talk: Sampler; holdShare: number; hold: Sampler; wrap: Sampler };

export class CallerFactory {
	readonly #topics: TopicSamplers[];
	/** Cumulative topic shares, for picking a topic with one uniform. */
	readonly #cumulative: number[];
	readonly #patience: Sampler;
	readonly #shortShare: number;
	readonly #shortAfter: Sampler;
	readonly #keyDelay: Sampler;
	readonly #repeatDelay: Sampler;
	readonly #chatTalk: Sampler;
	readonly #chatWrap: Sampler;
	readonly #chatPatience: Sampler;
	readonly #chatQueueOffset: number;

	constructor(params: SimParams, topicIds: string[]) {
		this.#topics = topicIds.map((id) => {
			const h = handlingOf(params, id);
			return { talk: sampler(h.talk), holdShare: h.holdShare, hold: sampler(h.hold), wrap: sampler(h.wrap) };
		});
		const shares = topicIds.map((id) => Math.max(0, params.topicShares[id] ?? 0));
		const total = shares.reduce((a, b) => a + b, 0);
		let acc = 0;
		this.#cumulative = shares.map((s) => (acc += s / total));
		this.#patience = sampler(params.callers.patience);
		this.#shortShare = params.callers.shortAbandonShare;
		this.#shortAfter = sampler(params.callers.shortAbandonAfter);
		this.#keyDelay = sampler(params.ivr.callbackKeyDelay);
		this.#repeatDelay = sampler(params.callers.repeatDelay);
		this.#chatTalk = sampler(params.chat.talk);
		this.#chatWrap = sampler(params.chat.wrap);
		this.#chatPatience = sampler(params.chat.patience);
		this.#chatQueueOffset = topicIds.length;
	}

	topic(rng: Rng): number {
		const u = rng();
		const c = this.#cumulative;
		for (let i = 0; i < c.length - 1; i++) if (u < c[i]!) return i;
		return c.length - 1;
	}

	voice(id: string, t: number, topic: number, rng: Rng): SimCall {
		const s = this.#topics[topic]!;
		const short = rng() < this.#shortShare;
		const patience = short ? this.#shortAfter(rng) : this.#patience(rng);
		const hold = rng() < s.holdShare ? Math.round(s.hold(rng) * 1000) : 0;
		return {
			id,
			kind: CALL_VOICE,
			topic,
			queue: topic,
			t,
			patienceMs: Math.max(1, Math.round(patience * 1000)),
			talkMs: Math.max(1000, Math.round(s.talk(rng) * 1000)),
			holdMs: hold,
			wrapMs: Math.round(s.wrap(rng) * 1000),
			callbackKeyMs: Math.round(this.#keyDelay(rng) * 1000),
			uCallback: rng(),
			uRepeat: rng(),
			repeatDelayMs: Math.round(this.#repeatDelay(rng) * 1000),
			announcedS: -1,
			state: 0,
			prev: null,
			next: null
		};
	}

	chat(id: string, t: number, topic: number, rng: Rng): SimCall {
		return {
			id,
			kind: CALL_CHAT,
			topic,
			queue: this.#chatQueueOffset + topic,
			t,
			patienceMs: Math.max(1, Math.round(this.#chatPatience(rng) * 1000)),
			talkMs: Math.max(1000, Math.round(this.#chatTalk(rng) * 1000)),
			holdMs: 0,
			wrapMs: Math.round(this.#chatWrap(rng) * 1000),
			callbackKeyMs: 0,
			uCallback: 1,
			uRepeat: 1,
			repeatDelayMs: 0,
			announcedS: -1,
			state: 0,
			prev: null,
			next: null
		};
	}

	afterHours(id: string, t: number, topic: number): SimCall {
		return {
			id,
			kind: CALL_AFTER_HOURS,
			topic,
			queue: topic,
			t,
			patienceMs: 0,
			talkMs: 0,
			holdMs: 0,
			wrapMs: 0,
			callbackKeyMs: 0,
			uCallback: 0,
			uRepeat: 1,
			repeatDelayMs: 0,
			announcedS: -1,
			state: 0,
			prev: null,
			next: null
		};
	}
}
