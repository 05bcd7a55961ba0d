/**
 * The Lithuanian texts use one term per concept, in the words a Lithuanian contact centre uses
 * (issue 18, item 6), and never show code names (API paths, environment variables, file names):
 * the glossary says what a figure is, not where it comes from. Scans every Lithuanian dictionary
 * and every bilingual definition the dashboard, TV, glossary and reports show.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lt as admin } from '../../src/lib/i18n/admin.ts';
import { lt as alerts, FIGURE_NAMES } from '../../src/lib/i18n/alerts.ts';
import { lt as dashboard, METRIC_NAMES } from '../../src/lib/i18n/dashboard.ts';
import { lt as ewt } from '../../src/lib/i18n/ewt.ts';
import { lt as exportsLt } from '../../src/lib/i18n/exports.ts';
import { lt as forecast } from '../../src/lib/i18n/forecast.ts';
import { lt as genesys } from '../../src/lib/i18n/genesys.ts';
import { lt as live } from '../../src/lib/i18n/live.ts';
import { lt as messages } from '../../src/lib/i18n/messages.ts';
import { lt as reports } from '../../src/lib/i18n/reports.ts';
import { lt as wallboard } from '../../src/lib/i18n/wallboard.ts';
import { LIVE_METRIC_NAMES } from '../../src/lib/i18n/glossary.ts';
import * as definitions from '../../src/lib/metrics/definitions.ts';
import * as ewtMetrics from '../../src/lib/metrics/ewt.ts';
import * as reportTexts from '../../src/lib/server/reports/texts.ts';
import { ltCount } from '../../src/lib/i18n/plural.ts';

/** Every Lithuanian string under a value: a dictionary's values, or the `lt` of a bilingual text. */
function ltStrings(value: unknown, inLt: boolean, out: [string, string][], where: string): void {
	if (typeof value === 'string') {
		if (inLt) out.push([where, value]);
	} else if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) ltStrings(v, inLt || k === 'lt', out, `${where}.${k}`);
	}
}

const texts: [where: string, text: string][] = [];
const dictionaries = { admin, alerts, dashboard, ewt, exports: exportsLt, forecast, genesys, live, messages, reports, wallboard };
for (const [name, table] of Object.entries(dictionaries)) ltStrings(table, true, texts, name);
const bilingual = { FIGURE_NAMES, METRIC_NAMES, LIVE_METRIC_NAMES, definitions, ewtMetrics, reportTexts };
for (const [name, value] of Object.entries(bilingual)) ltStrings(value, false, texts, name);

/** Old words and what replaced them (README, "Words on screen"). */
const BANNED: [RegExp, string][] = [
	[/\bPokalbiai\b(?! internetu)/u, 'chat is "Pokalbiai internetu"; "pokalbis" alone is a call\'s talk'],
	[/Pokalbis \(chat\)|Pokalbių \(chat\)/u, 'chat is "pokalbis internetu"'],
	[/[Ll]aukimas linijoje/u, 'hold is "Sulaikymas"'],
	[/^Kalba$/u, '"Kalba" alone reads as language: a consultant on a call is "Pokalbyje"'],
	[/[Pp]asiūlyt/u, 'offered is "Gauta" / "gauti"'],
	[/[Nn]epasiruoš/u, 'not ready is "Nepasiekiamas" (state) or "Pertrauka" (reason)'],
	[/[Pp]oslinkis/u, 'bias is "Sisteminė paklaida"'],
	// Chat among the channels is "pokalbiai internetu" in any case: "pokalbiai" alone is talk.
	[/(skambučiai|skambučiams|skambučių),? (ir )?pokalbi(ai|ams|ų)(?! internetu)/u, 'chat is "pokalbiai internetu"'],
	[/\bpokalbi(ai|ams|ų),? (ir )?(perskambinim|el\. laišk|e\. užklaus)/u, 'chat is "pokalbiai internetu"'],
	// A Genesys conversation may be a call, a chat or an e-mail: a contact, not a talk.
	[/[Pp]okalbi\w* (įraš|dar nebaigt)|vykstantys pokalbiai/u, 'a Genesys conversation is a contact ("kontaktas")'],
	[/[Rr]ašytiniai darbai/u, 'written work is "rašytiniai kreipimaisi" (e-inquiries and e-mails), not school work'],
	[/[Kk]etvirči(ai|ais|us)\b/u, '15 minutes are "15 min. intervalai": "ketvirčiai" reads as quarters of a year'],
	[/[Pp]rojekcij/u, 'a calque of "projection": "numatoma"'],
	[/^Webhook/u, 'English first: "Pranešimų adresas (webhook)"']
];

/** Code names: API paths, environment variables, source file names, time-zone identifiers. */
const CODE: [RegExp, string][] = [
	[/\/api\//u, 'an API path'],
	[/\b(GET|POST|PUT|DELETE) \//u, 'an HTTP request'],
	[/\b[A-Z][A-Z0-9]+_[A-Z0-9_]+\b/u, 'an environment variable'],
	[/\b[\w-]+\.(ts|js|svelte|sql|json)\b/u, 'a file name'],
	[/Europe\/Vilnius/u, 'a time-zone identifier'],
	[/queue_log/u, 'a file name']
];

describe('Lithuanian texts', () => {
	it('reads a few hundred strings (the scan sees the dictionaries)', () => {
		expect(texts.length).toBeGreaterThan(300);
	});

	it('use one term per concept, not the old calques', () => {
		// The export form's language picker is the one place "Kalba" means language.
		const found = texts
			.filter(([where]) => where !== 'exports.lang')
			.flatMap(([where, t]) => BANNED.filter(([re]) => re.test(t)).map(([, why]) => `${where}: ${t}  ← ${why}`));
		expect(found).toEqual([]);
	});

	it('use none of the old words anywhere in the source (headers, PDF titles, pages)', () => {
		const files = (readdirSync('src', { recursive: true }) as string[]).filter((f) => /\.(ts|svelte)$/.test(f));
		const words = BANNED.filter(([re]) => re.source !== '^Kalba$');
		const found = files.flatMap((f) =>
			readFileSync(join('src', f), 'utf8')
				.split('\n')
				.flatMap((line, i) => words.filter(([re]) => re.test(line)).map(([, why]) => `src/${f}:${i + 1}: ${line.trim()}  ← ${why}`))
		);
		expect(found).toEqual([]);
	});

	it('put no bare number before a noun: the count after a colon, or the noun in its form (ltCount)', () => {
		// "Rodomi {shown} ilgiausiai laukiantys" read "Rodomi 200 … laukiantys" (200 takes the
		// genitive: "laukiančių"); a placeholder may precede only a unit abbreviation or a preposition.
		const bare = /\{\w+\} (?!(?:s|min|val\.|d\.|darbo d\.|iš|per|ir)(?:\s|$|[.,;)]))\p{L}/u;
		expect(texts.filter(([, t]) => bare.test(t)).map(([where, t]) => `${where}: ${t}`)).toEqual([]);
	});

	it('gives a count its noun form: 1 skambutis, 2 skambučiai, 10 skambučių, 21 skambutis', () => {
		const calls = { one: 'skambutis', few: 'skambučiai', many: 'skambučių' };
		expect([1, 2, 10, 21, 111, 122].map((n) => ltCount(n, calls))).toEqual(['1 skambutis', '2 skambučiai', '10 skambučių', '21 skambutis', '111 skambučių', '122 skambučiai']);
		// The notes that put configured numbers before nouns use it.
		expect(definitions.WAIT_LIMITS_NOTE.lt).toMatch(/^Ilgiausias laukimas, kurį gali nurodyti įrašas: 4 valandos skambučiams ir pokalbiams internetu, 366 dienos perskambinimams/u);
		expect(definitions.WRAP_UP_RULE_NOTE.lt).toContain('pasislenka 10 minučių po');
	});

	it('show no code names', () => {
		const found = texts.flatMap(([where, t]) => CODE.filter(([re]) => re.test(t)).map(([, why]) => `${where}: ${t}  ← ${why}`));
		expect(found).toEqual([]);
	});

	it('name outcomes in one form (neuter past participle: atsiliepta, nutraukta laukiant, …)', () => {
		const outcomes = Object.entries(dashboard).filter(([k]) => k.startsWith('outcome.') && k !== 'outcome.unknown');
		expect(outcomes.length).toBeGreaterThan(4);
		expect(outcomes.filter(([, v]) => !/^\p{L}+ta\b/u.test(v))).toEqual([]);
	});
});
