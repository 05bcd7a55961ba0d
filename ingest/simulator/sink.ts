/** What the engine tells whoever records the simulation (history: contacts; live: events). */
import type { AgentState } from '../types.ts';
import type { Agent, CallbackRequest, SimCall, WrittenItem } from './model.ts';

export interface SimSink {
	/** false: the engine does not report consultant states (history needs none, and it is faster). */
	readonly wantsAgentStates: boolean;
	/** A call or chat entered its queue (`announcedS` set when the IVR announced a wait). */
	queued(call: SimCall): void;
	/** Answered at t; the conversation and wrap-up that follow are already known. */
	answered(call: SimCall, agent: Agent, t: number, talkMs: number, holdMs: number, wrapMs: number): void;
	abandoned(call: SimCall, t: number): void;
	/** The caller left a question for a call-back: from the queue, or after hours from the IVR. */
	callbackRequested(call: SimCall, t: number, cb: CallbackRequest): void;
	/** A consultant starts the call-back at t; it lasts talkMs, then wrap-up. */
	callbackDone(cb: CallbackRequest, agent: Agent, t: number, talkMs: number, wrapMs: number): void;
	agentState(agent: Agent, t: number, state: AgentState, reason?: string, topics?: string[]): void;
	/** An e-mail or e-inquiry received, with its answer already decided. */
	written(item: WrittenItem): void;
}
