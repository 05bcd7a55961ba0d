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

	it('refuses dates outside 2000-01-01…2099-12-31, naming the range', async () => {
		for (const [query, error] of [
			['from=1969-12-31&to=1970-01-01', 'from must be a date from 2000-01-01 to 2099-12-31, got "1969-12-31"'],
			['from=2026-01-01&to=2100-01-01', 'to must be a date from 2000-01-01 to 2099-12-31, got "2100-01-01"']
		]) {
			const res = parse(query!) as Response;
			expect(res.status, query).toBe(400);
			expect(((await res.json()) as { error: string }).error).toBe(error);
		}
		expect((parse('from=2000-01-01&to=2099-12-31') as Filters).range.toDate).toBe('2099-12-31');
	});
});
