import { describe, expect, it } from 'vitest';
import { filterConsultants, sortConsultants } from '../../src/routes/consultantsView.ts';
import type { Consultant } from '../../src/lib/live/consultants.ts';

const now = 1_000_000;
const c = (agent: string, over: Partial<Consultant>): Consultant => ({
	agent,
	site: 'siauliai',
	state: 'available',
	reason: '',
	since: now - 60_000,
	topics: ['pensions'],
	callTopic: '',
	handledToday: 0,
	ahtS: null,
	occupancy: null,
	flag: null,
	...over
});

const list = [
	c('ona', { state: 'not_ready', reason: 'lunch', since: now - 20 * 60_000, flag: 'long_not_ready', ahtS: 300 }),
	c('jonas', { site: 'panevezys', state: 'on_call', callTopic: 'benefits', topics: ['other'], since: now - 30 * 60_000, ahtS: 200 }),
	c('petras', { site: 'panevezys', since: now - 5_000 })
];

describe('the list of consultants', () => {
	it('filters by site, state and topic (served, or the call being served)', () => {
		expect(filterConsultants(list, { site: 'panevezys', state: '', topic: '' }).map((x) => x.agent)).toEqual(['jonas', 'petras']);
		expect(filterConsultants(list, { site: '', state: 'not_ready', topic: '' }).map((x) => x.agent)).toEqual(['ona']);
		expect(filterConsultants(list, { site: '', state: '', topic: 'benefits' }).map((x) => x.agent)).toEqual(['jonas']);
	});

	it('puts those past a limit first by default, then the longest in their state', () => {
		// jonas has been in his state longest, but ona is past her limit.
		expect(sortConsultants(list, 'inState', true, now).map((x) => x.agent)).toEqual(['ona', 'jonas', 'petras']);
		expect(sortConsultants(list, 'inState', false, now).map((x) => x.agent)).toEqual(['petras', 'ona', 'jonas']);
	});

	it('sorts missing figures last in either direction', () => {
		expect(sortConsultants(list, 'aht', false, now).map((x) => x.agent)).toEqual(['jonas', 'ona', 'petras']);
		expect(sortConsultants(list, 'aht', true, now).map((x) => x.agent)).toEqual(['ona', 'jonas', 'petras']);
	});
});
