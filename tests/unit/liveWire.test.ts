/** The live socket's frames carry consultants as arrays (src/lib/live/protocol.ts WireState): a screen gets the same state back. */
import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, type LiveState } from '../../src/lib/live/protocol.ts';
import type { Consultant } from '../../src/lib/live/consultants.ts';

const consultants: Consultant[] = [
	{ agent: 'ona', site: 'siauliai', state: 'on_call', reason: '', since: 1_796_400_000_000, topics: ['pensions', 'benefits'], callTopic: 'pensions', handledToday: 12, ahtS: 241, occupancy: 0.82, flag: 'long_call' },
	{ agent: 'jonas "J" \\ Jonaitis', site: 'panevezys', state: 'not_ready', reason: 'pietūs', since: 1_796_400_100_000, topics: [], callTopic: '', handledToday: 0, ahtS: null, occupancy: null, flag: null }
];
const state = { asOf: 1_796_400_200_000, today: '2026-12-04', timeZone: 'Europe/Vilnius', site: null, topics: [], sites: [], consultants } as unknown as LiveState;

describe('consultants on the live socket', () => {
	it('come back from a frame as they were sent', () => {
		expect(decodeState(JSON.parse(JSON.stringify(encodeState(state))))).toEqual(state);
	});

	it('take less than half the bytes of objects', () => {
		const many = { ...state, consultants: Array.from({ length: 300 }, (_, i) => ({ ...consultants[i % 2]!, agent: `c${i}` })) };
		expect(JSON.stringify(encodeState(many)).length * 2).toBeLessThan(JSON.stringify(many).length);
	});

	it('leave a frame without consultants (a wallboard) as it is', () => {
		const { consultants: _, ...board } = state;
		expect(encodeState(board as LiveState)).toEqual(board);
		expect(decodeState(encodeState(board as LiveState))).toEqual(board);
	});
});
