/**
 * The staffing what-if shown to supervisors beside the live figures: for a topic's current
 * arrival rate and handle time (the last 30 minutes and hour, topicWindow.ts), how many
 * consultants reach its service-level goal, and what service level and wait today's staff can
 * expect. Erlang C (callers never hang up) and Erlang A (they do, with the patience measured as
 * 1/θ) side by side: C is the textbook planners know; A is what happens with impatient callers.
 */
import type { Topic } from '../config/schema.ts';
import { agentsNeeded, withStaff, type StaffOutcome } from './erlang.ts';
import type { StaffNow, TopicLoad } from './topicWindow.ts';

/** Less traffic than this (seconds observed, calls) gives no what-if: too little to model. */
const MIN_OBSERVED_S = 300;
const MIN_ARRIVALS = 5;

export type StaffingModel = {
	/** Fewest consultants reaching the goal; null when no staffing within reason does. */
	needed: number | null;
	/** With the consultants serving the topic now. */
	now: Pick<StaffOutcome, 'serviceLevel' | 'meanWaitS' | 'pAbandon'> | null;
};

export type TopicStaffing = {
	topic: string;
	arrivalsPerHour: number;
	ahtS: number | null;
	/** Mean patience 1/θ, seconds; null when nobody hung up in the window. */
	patienceS: number | null;
	agentsServing: number;
	targetS: number;
	goal: number;
	erlangC: StaffingModel | null;
	erlangA: StaffingModel | null;
	/** Why there are no figures, when there are none. */
	note: 'no-traffic' | null;
};

export function staffingFor(topic: Topic, load: TopicLoad, staff: StaffNow): TopicStaffing {
	const base = {
		topic: topic.id,
		arrivalsPerHour: load.arrivalRatePerS * 3600,
		ahtS: load.ahtS,
		patienceS: load.abandonRatePerS > 0 ? 1 / load.abandonRatePerS : null,
		agentsServing: staff.agentsServing,
		targetS: topic.serviceLevelTargetSeconds,
		goal: topic.serviceLevelGoal
	};
	const arrivals = load.arrivalRatePerS * load.observedS;
	if (load.ahtS === null || load.observedS < MIN_OBSERVED_S || arrivals < MIN_ARRIVALS)
		return { ...base, erlangC: null, erlangA: null, note: 'no-traffic' };
	const input = { arrivalRate: load.arrivalRatePerS, ahtS: load.ahtS, targetS: topic.serviceLevelTargetSeconds, goal: topic.serviceLevelGoal };
	return {
		...base,
		erlangC: model(input, Infinity, staff.agentsServing),
		erlangA: base.patienceS === null ? model(input, Infinity, staff.agentsServing) : model(input, base.patienceS, staff.agentsServing),
		note: null
	};
}

function model(input: { arrivalRate: number; ahtS: number; targetS: number; goal: number }, patienceS: number, agents: number): StaffingModel {
	let needed: number | null = null;
	try {
		needed = input.goal > 0 && input.goal < 1 ? agentsNeeded({ ...input, patienceS }).agents : null;
	} catch {
		needed = null;
	}
	const now = agents > 0 ? withStaff(agents, { ...input, patienceS }) : null;
	return { needed, now: now && { serviceLevel: now.serviceLevel, meanWaitS: now.meanWaitS, pAbandon: now.pAbandon } };
}
