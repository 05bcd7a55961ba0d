/**
 * Records the simulation as finished contacts, the way the assembler (ingest/assemble) would
 * have built them from the lifecycle events, and hands them out in the order they finished.
 *
 * A contact is complete the moment it is decided (an answered call's talk, hold and wrap-up are
 * drawn when it is answered), so it is kept only until its end time has passed: drain(t) returns
 * every contact that ended before t, oldest first. Contacts queued before `from` (the warm-up
 * of a run that starts mid-day) are not recorded.
 */
import type { AgentState } from '../types.ts';
import type { SimContext } from './context.ts';
import { EventHeap } from './eventHeap.ts';
import { contactLine } from './lines.ts';
import { CALL_CHAT, CALL_VOICE, type Agent, type CallbackRequest, type SimCall, type WrittenItem } from './model.ts';
import type { SimSink } from './sink.ts';

export class HistorySink implements SimSink {
	readonly wantsAgentStates = false;
	readonly #topics: string[];
	readonly #from: number;
	readonly #done = new EventHeap<string>();

	constructor(ctx: SimContext, from: number) {
		this.#topics = ctx.topicIds;
		this.#from = from;
	}

	*drain(before: number): Generator<string> {
		while (this.#done.peekTime() < before) yield this.#done.pop();
	}

	queued(): void {}

	agentState(_agent: Agent, _t: number, _state: AgentState): void {}

	answered(call: SimCall, agent: Agent, t: number, talkMs: number, holdMs: number, wrapMs: number): void {
		if (call.t < this.#from) return;
		const endedAt = t + talkMs + holdMs;
		this.#done.push(
			endedAt,
			0,
			contactLine({
				id: call.id,
				channel: call.kind === CALL_CHAT ? 'chat' : 'voice',
				topic: this.#topics[call.topic]!,
				site: agent.site,
				agent: agent.id,
				queuedAt: call.t,
				answeredAt: t,
				endedAt,
				outcome: 'answered',
				waitMs: t - call.t,
				talkMs,
				holdMs,
				wrapMs,
				announcedS: call.announcedS,
				dueAt: null
			})
		);
	}

	#unanswered(call: SimCall, t: number, outcome: 'abandoned' | 'callback_requested'): void {
		if (call.t < this.#from) return;
		this.#done.push(
			t,
			0,
			contactLine({
				id: call.id,
				channel: call.kind === CALL_CHAT ? 'chat' : 'voice',
				topic: this.#topics[call.topic]!,
				site: '',
				agent: '',
				queuedAt: call.t,
				answeredAt: null,
				endedAt: t,
				outcome,
				waitMs: t - call.t,
				talkMs: 0,
				holdMs: 0,
				wrapMs: 0,
				announcedS: call.announcedS,
				dueAt: null
			})
		);
	}

	abandoned(call: SimCall, t: number): void {
		this.#unanswered(call, t, 'abandoned');
	}

	callbackRequested(call: SimCall, t: number): void {
		// After hours nobody queued: only the call-back itself becomes a contact (as the assembler does).
		if (call.kind === CALL_VOICE) this.#unanswered(call, t, 'callback_requested');
	}

	callbackDone(cb: CallbackRequest, agent: Agent, t: number, talkMs: number): void {
		if (cb.requestedAt < this.#from) return;
		// :TRICKY: the assembler closes a call-back at callback_completed with no talk, hold or
		// wrap-up of its own (answered = ended = completion); history says the same, so reports
		// do not change when a day is replayed live.
		const doneAt = t + talkMs;
		this.#done.push(
			doneAt,
			0,
			contactLine({
				id: `${cb.callId}#callback`,
				channel: 'callback',
				topic: this.#topics[cb.topic]!,
				site: agent.site,
				agent: agent.id,
				queuedAt: cb.requestedAt,
				answeredAt: doneAt,
				endedAt: doneAt,
				outcome: 'answered',
				waitMs: doneAt - cb.requestedAt,
				talkMs: 0,
				holdMs: 0,
				wrapMs: 0,
				announcedS: -1,
				dueAt: cb.dueAt
			})
		);
	}

	written(item: WrittenItem): void {
		if (item.receivedAt < this.#from) return;
		this.#done.push(
			item.answeredAt,
			0,
			contactLine({
				id: item.id,
				channel: item.channel,
				topic: this.#topics[item.topic]!,
				site: item.site,
				agent: item.agent,
				queuedAt: item.receivedAt,
				answeredAt: item.answeredAt,
				endedAt: item.answeredAt,
				outcome: 'answered',
				waitMs: item.answeredAt - item.receivedAt,
				talkMs: 0,
				holdMs: 0,
				wrapMs: 0,
				announcedS: -1,
				dueAt: item.dueAt
			})
		);
	}
}
