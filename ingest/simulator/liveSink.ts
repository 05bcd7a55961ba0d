/**
 * Records the simulation as canonical lifecycle events (docs/canonical-events.md), each with a
 * unique id. The engine decides a conversation's end and wrap-up when it is answered, so events
 * are often known before they happen: they wait in a time-ordered buffer until the caller's
 * clock reaches them.
 *
 * Ids: a call's events are `${call_id}:${what}`; consultant events number on within the run.
 * call ids start with the seed and the run's first day, so restarting the demo on the same day
 * replays the same events under the same ids (the server drops them as repeats), and a run
 * started on another day can never collide with it.
 */
import type { AgentState } from '../types.ts';
import type { SimContext } from './context.ts';
import { EventHeap } from './eventHeap.ts';
import { eventLine, text } from './lines.ts';
import { CALL_AFTER_HOURS, CALL_CHAT, type Agent, type CallbackRequest, type SimCall, type WrittenItem } from './model.ts';
import type { SimSink } from './sink.ts';

/** How the IVR's estimate was made, sent with call.wait_announced. */
const ESTIMATE_METHOD = 'callers-ahead-x-aht';

export class LiveSink implements SimSink {
	readonly wantsAgentStates = true;
	readonly #topics: string[];
	readonly #prefix: string;
	readonly #pending = new EventHeap<string>();
	#agentEvents = 0;

	constructor(ctx: SimContext) {
		this.#topics = ctx.topicIds;
		this.#prefix = ctx.idPrefix;
	}

	/** The lines of every event at or before t, in time order. */
	drain(t: number): string[] {
		const out: string[] = [];
		while (this.#pending.peekTime() <= t) out.push(this.#pending.pop());
		return out;
	}

	#emit(type: string, id: string, ts: number, fields: string): void {
		this.#pending.push(ts, 0, eventLine(type, id, ts, fields));
	}

	queued(call: SimCall): void {
		const channel = call.kind === CALL_CHAT ? 'chat' : 'voice';
		this.#emit('call.queued', `${call.id}:q`, call.t, `,"call_id":"${call.id}","topic":"${this.#topics[call.topic]}","channel":"${channel}"`);
		if (call.announcedS >= 0) {
			this.#emit('call.wait_announced', `${call.id}:w`, call.t, `,"call_id":"${call.id}","estimate_s":${call.announcedS},"method":"${ESTIMATE_METHOD}"`);
		}
	}

	answered(call: SimCall, agent: Agent, t: number, talkMs: number, holdMs: number, wrapMs: number): void {
		const id = call.id;
		const who = `,"agent":"${agent.id}","site":"${agent.site}"`;
		this.#emit('call.answered', `${id}:a`, t, `,"call_id":"${id}"${who},"wait_ms":${t - call.t}`);
		this.agentState(agent, t, 'on_call');
		const ended = t + talkMs + holdMs;
		this.#emit('call.ended', `${id}:e`, ended, `,"call_id":"${id}","talk_ms":${talkMs},"hold_ms":${holdMs}`);
		if (wrapMs > 0) this.agentState(agent, ended, 'wrap_up');
		this.#emit('call.wrapup_ended', `${id}:x`, ended + wrapMs, `,"call_id":"${id}","wrap_ms":${wrapMs}`);
	}

	abandoned(call: SimCall, t: number): void {
		this.#emit('call.abandoned', `${call.id}:ab`, t, `,"call_id":"${call.id}","wait_ms":${t - call.t}`);
	}

	callbackRequested(call: SimCall, t: number): void {
		const reason = call.kind === CALL_AFTER_HOURS ? 'after hours' : `announced wait ${call.announcedS} s`;
		this.#emit('call.callback_requested', `${call.id}:cr`, t, `,"call_id":"${call.id}","topic":"${this.#topics[call.topic]}","reason":${text(reason)}`);
	}

	callbackDone(cb: CallbackRequest, agent: Agent, t: number, talkMs: number, wrapMs: number): void {
		this.agentState(agent, t, 'on_call');
		const done = t + talkMs;
		this.#emit('call.callback_completed', `${cb.callId}:cc`, done, `,"call_id":"${cb.callId}","agent":"${agent.id}","site":"${agent.site}"`);
		if (wrapMs > 0) this.agentState(agent, done, 'wrap_up');
	}

	agentState(agent: Agent, t: number, state: AgentState, reason?: string, topics?: string[]): void {
		let fields = `,"agent":"${agent.id}","site":"${agent.site}","state":"${state}"`;
		if (reason !== undefined) fields += `,"reason":${text(reason)}`;
		if (topics !== undefined) fields += `,"topics":${JSON.stringify(topics)}`;
		this.#emit('agent.state', `${this.#prefix}-agent-${++this.#agentEvents}`, t, fields);
	}

	written(item: WrittenItem): void {
		const topic = this.#topics[item.topic];
		this.#emit(`${item.channel}.received`, `${item.id}:r`, item.receivedAt, `,"call_id":"${item.id}","topic":"${topic}"`);
		this.#emit(`${item.channel}.answered`, `${item.id}:a`, item.answeredAt, `,"call_id":"${item.id}","agent":"${item.agent}","site":"${item.site}"`);
	}
}
