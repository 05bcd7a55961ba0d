/** /glossary on the built server: every metric's one definition, as the code has it, in both languages. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { CHANNEL_SCOPE_NOTE, DEFINITIONS, LIVE_DEFINITIONS, LIVE_METRICS, PERIOD_METRICS, SITE_SCOPE_NOTE, WAIT_LIMITS_NOTE, WRAP_UP_RULE_NOTE } from '../../src/lib/metrics/definitions.ts';
import { UNITS_NOTE } from '../../src/lib/metrics/units.ts';
import { PARTIAL_NOTE } from '../../src/lib/charts/partial.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startServer();
}, 90_000);
afterAll(async () => server?.stop());

/** The page's text with tags dropped and entities decoded (enough for our own pages). */
async function pageText(lang: 'lt' | 'en'): Promise<string> {
	const res = await fetch(`${server.url}/glossary`, { headers: { authorization: `Bearer ${server.adminToken}`, cookie: `lang=${lang}` } });
	expect(res.status).toBe(200);
	const html = await res.text();
	return html
		.replace(/<[^>]+>/g, ' ')
		.replaceAll('&amp;', '&')
		.replaceAll('&quot;', '"')
		.replaceAll('&#39;', "'")
		.replaceAll('&lt;', '<')
		.replaceAll('&gt;', '>')
		.replace(/\s+/g, ' ');
}

describe('/glossary', () => {
	it.each(['lt', 'en'] as const)('shows every period and live figure, the rules of scope and the ingest rules that move figures (%s)', async (lang) => {
		const text = await pageText(lang);
		const norm = (s: string) => s.replace(/\s+/g, ' ');
		for (const id of PERIOD_METRICS) expect(text, id).toContain(norm(DEFINITIONS[id][lang]));
		for (const id of LIVE_METRICS) expect(text, id).toContain(norm(LIVE_DEFINITIONS[id][lang]));
		expect(text).toContain(norm(CHANNEL_SCOPE_NOTE[lang]));
		expect(text).toContain(norm(SITE_SCOPE_NOTE[lang]));
		expect(text).toContain(norm(UNITS_NOTE[lang]));
		expect(text).toContain(norm(PARTIAL_NOTE[lang]));
		// The target of a queue no topic is mapped to is said, with its configured value.
		expect(text).toMatch(lang === 'lt' ? /nepriskirtos jokiai temai, vertinamas pagal 60 s/ : /mapped to no topic is judged against a 60 s target/);
		expect(text).toContain(norm(WRAP_UP_RULE_NOTE[lang]));
		expect(text).toContain(norm(WAIT_LIMITS_NOTE[lang]));
	});
});
