/**
 * A simulated scenario (mmsSim.ts) as the canonical events a PBX connector would send
 * (docs/canonical-events.md), so the traffic the harness scores can be sent to a running server
 * through POST /api/ingest: consultants log in serving the topic, each caller is queued, then
 * answered (by a free consultant in the same millisecond) or hangs up; a call ends and its
 * wrap-up (none here) ends in the same millisecond; consultants go on a call and become
 * available as they would. Times are whole milliseconds from `startMs`.
 */
import { simulate, type CallerRecord, type Scenario } from './mmsSim.ts';

export type CanonicalEvent = Record<string, string | number | string[]> & { type: string; ts: number };

export type Traffic = { events: CanonicalEvent[]; records: CallerRecord[] };

export function trafficEvents(sc: Scenario, startMs: number, opts: { topic?: string; site?: string; prefix?: string } = {}): Traffic {
	const topic = opts.topic ?? 'pensions';
	const site = opts.site ?? 'siauliai';
	const prefix = opts.prefix ?? `sim${sc.seed}`;
	const ms = (t: number) => startMs + Math.round(t * 1000);
	const agent = (i: number) => `${prefix}-a${i}`;
	const call = (i: number) => `${prefix}-c${i}`;
	const events: CanonicalEvent[] = [];
	for (let i = 0; i < sc.agents; i++) {
		events.push({ type: 'agent.state', ts: startMs - 1000, agent: agent(i), site, state: 'available', topics: [topic] });
	}
	// Calls still being handled when the simulation stops (it stops once every scored caller is
	// answered or gone) end as drawn, so the server assembles them too.
	const inService = new Map<number, { atS: number; handleS: number; agent: number }>();
	const records = simulate({
		...sc,
		onEvent: (e) => {
			const ts = ms(e.t);
			switch (e.kind) {
				case 'arrival':
					events.push({ type: 'call.queued', ts, call_id: call(e.caller), topic, channel: 'voice' });
					break;
				case 'answer':
					inService.set(e.caller, { atS: e.t + e.handleS, handleS: e.handleS, agent: e.agent });
					events.push(
						{ type: 'call.answered', ts, call_id: call(e.caller), agent: agent(e.agent), site, wait_ms: ts - ms(e.t - e.waitS) },
						{ type: 'agent.state', ts, agent: agent(e.agent), state: 'on_call' }
					);
					break;
				case 'complete':
					inService.delete(e.caller);
					events.push(
						{ type: 'call.ended', ts, call_id: call(e.caller), talk_ms: Math.round(e.handleS * 1000) },
						{ type: 'call.wrapup_ended', ts, call_id: call(e.caller), wrap_ms: 0 }
					);
					if (e.agentFree) events.push({ type: 'agent.state', ts, agent: agent(e.agent), state: 'available' });
					break;
				case 'abandon':
					events.push({ type: 'call.abandoned', ts, call_id: call(e.caller), wait_ms: Math.round(e.waitS * 1000) });
					break;
			}
		}
	});
	for (const [caller, c] of inService) {
		const ts = ms(c.atS);
		events.push(
			{ type: 'call.ended', ts, call_id: call(caller), talk_ms: Math.round(c.handleS * 1000) },
			{ type: 'call.wrapup_ended', ts, call_id: call(caller), wrap_ms: 0 },
			{ type: 'agent.state', ts, agent: agent(c.agent), state: 'available' }
		);
	}
	events.sort((a, b) => a.ts - b.ts);
	return { events, records };
}
