import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/lib/server/config/index.ts';
import { parseFilters, type Filters } from '../../../src/lib/server/http/filters.ts';

const config = loadConfig({});
const parse = (query: string) => parseFilters(new URLSearchParams(query), config, null);

describe('the filters of every figures endpoint', () => {
	it('call figures are voice unless a channel is chosen; "all" is every channel', () => {
		expect((parse('') as Filters).channel).toBe('voice');
		expect((parse('channel=email') as Filters).channel).toBe('email');
		expect((parse('channel=all') as Filters).channel).toBeNull();
	});

	it('refuses an unknown channel with the ones it knows', async () => {
		const res = parse('channel=fax') as Response;
		expect(res.status).toBe(400);
		expect(((await res.json()) as { error: string }).error).toBe('unknown channel "fax"; use one of voice, chat, callback, email, einquiry, all');
	});

	it('a site-limited principal always gets its own site', () => {
		const f = parseFilters(new URLSearchParams('site=panevezys'), config, { kind: 'token', id: 't', name: 'tv', role: 'wallboard', site: 'siauliai' }) as Filters;
		expect(f.site).toBe('siauliai');
	});
});
