/**
 * The monthly report's PDF, read back as text (pdfjs): built by the real report builder from
 * calls ingested into a real embedded ClickHouse, every figure of its tables must equal what
 * periodStats (the function behind /api/stats) answers for the same month, to the unit shown;
 * Lithuanian letters come back as themselves; every page is numbered "Puslapis N iš M". The
 * same through the built server: GET /api/reports/YYYY-MM.pdf against its /api/stats.
 *
 * March 2025 (DST starts on the 30th) holds 1,240 contacts: 1,167 calls, so counts have a
 * thousands separator, and 73 chats (in the report's channel table, not its call figures); February 2025 and March 2024 are the comparison months; June 2025 is empty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { ingestPath } from '../helpers/ingest.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { periodStats, type PeriodStats } from '../../src/lib/server/stats/periodStats.ts';
import { buildMonthlyReport } from '../../src/lib/server/reports/buildReport.ts';
import { monthRange } from '../../src/lib/server/reports/month.ts';
import { renderReportPdf } from '../../src/lib/server/reports/pdf.ts';
import { MARGINS } from '../../src/lib/server/reports/pdf/layout.ts';
import type { ColumnFormat, MonthlyReport, ReportTable } from '../../src/lib/server/reports/types.ts';
import { PERIOD_METRICS, type PeriodMetrics } from '../../src/lib/metrics/definitions.ts';

const TZ = 'Europe/Vilnius';
const MONTH = '2025-03';
const EMPTY_MONTH = '2025-06';
const NOW = Date.parse('2026-01-20T10:00:00Z'); // 12:00 in Vilnius
const ALL = { topic: null, site: null, channel: null };
const TOPICS = ['pensions', 'benefits', 'contributions', 'other'];
const SITES = ['panevezys', 'radviliskis', 'siauliai'];

/** Deterministic contacts: waits and times in odd milliseconds, so averages are not round. */
function contacts(): string[] {
	const lines: string[] = [];
	const add = (id: string, queuedAt: number, i: number) => {
		const outcome = i % 10 === 0 ? 'abandoned' : i % 25 === 1 ? 'abandoned' : 'answered';
		const waitMs = i % 25 === 1 ? 1_000 + (i % 3) * 700 : 3_000 + ((i * 7919) % 170_000);
		const answered = outcome === 'answered';
		const [talk, hold, wrap] = answered ? [40_000 + ((i * 104_729) % 400_000), i % 4 === 0 ? (i * 31) % 60_000 : 0, 5_000 + ((i * 13) % 55_000)] : [0, 0, 0];
		lines.push(
			JSON.stringify({
				type: 'contact',
				contact_id: `pdf-${id}`,
				channel: i % 17 === 0 ? 'chat' : 'voice',
				topic: TOPICS[i % 4],
				site: answered ? SITES[i % 3] : undefined,
				agent: answered ? `agent-${i % 9}` : null,
				queued_at: queuedAt,
				answered_at: answered ? queuedAt + waitMs : null,
				ended_at: queuedAt + waitMs + talk + hold,
				outcome,
				wait_ms: waitMs,
				talk_ms: talk,
				hold_ms: hold,
				wrap_ms: wrap
			})
		);
	};
	// 1 March 00:00 local (+02:00) to the end of the 31st (+03:00 from the 30th, 04:00).
	const from = Date.parse('2025-03-01T00:00:00+02:00');
	const to = Date.parse('2025-04-01T00:00:00+03:00');
	for (let i = 0; i < 1240; i++) add(`m${i}`, from + Math.floor(((to - from - 60_000) * i) / 1240), i);
	for (let i = 0; i < 7; i++) add(`f${i}`, Date.parse('2025-02-10T10:00:00+02:00') + i * 3_600_000, i + 3);
	for (let i = 0; i < 3; i++) add(`y${i}`, Date.parse('2024-03-12T10:00:00+02:00') + i * 3_600_000, i + 5);
	return lines;
}

// ---- reading a PDF back -------------------------------------------------------------------

type Line = { page: number; y: number; cells: string[]; text: string };
type ReadPdf = { pages: number; lines: Line[]; pageTexts: string[]; text: string };

/** Text items grouped into lines (same page, same baseline), top to bottom, left to right. */
async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
	const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;
	const lines: Line[] = [];
	const pageTexts: string[] = [];
	for (let p = 1; p <= pdf.numPages; p++) {
		const content = await (await pdf.getPage(p)).getTextContent();
		const byY = new Map<number, { x: number; s: string }[]>();
		for (const item of content.items) {
			if (!('str' in item) || !item.str.trim()) continue;
			const y = Math.round(item.transform[5] as number);
			byY.set(y, [...(byY.get(y) ?? []), { x: item.transform[4] as number, s: space(item.str).trim() }]);
		}
		const pageLines = [...byY.entries()]
			.sort(([a], [b]) => b - a)
			.map(([y, items]) => {
				const cells = items.sort((a, b) => a.x - b.x).map((i) => i.s);
				return { page: p, y, cells, text: cells.join(' ') };
			});
		lines.push(...pageLines);
		pageTexts.push(pageLines.map((l) => l.text).join('\n'));
	}
	await pdf.destroy();
	return { pages: pdf.numPages, lines, pageTexts, text: pageTexts.join('\n') };
}

/**
 * The PDF writes lt-LT numbers with U+00A0 between thousands (it keeps a figure on one line);
 * extraction may give it back as U+00A0 or U+0020. Both, and U+202F, are a space here.
 */
const space = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

/**
 * The values of the row labelled `label` in the table titled `title` (the first such table
 * after the line `after`): the cells after the label, over every column band the table was cut
 * into (each band repeats the label), `count` values in all.
 */
function rowValues(pdf: ReadPdf, after: string, title: string, label: string, count: number): string[] {
	let i = pdf.lines.findIndex((l) => l.text === after);
	expect(i, `line "${after}"`).toBeGreaterThanOrEqual(0);
	i = pdf.lines.findIndex((l, j) => j > i && l.text === title);
	expect(i, `table "${title}" after "${after}"`).toBeGreaterThanOrEqual(0);
	const values: string[] = [];
	for (let j = i + 1; j < pdf.lines.length && values.length < count; j++) if (pdf.lines[j]!.cells[0] === label) values.push(...pdf.lines[j]!.cells.slice(1));
	expect(values, `row "${label}" of "${title}"`).toHaveLength(count);
	return values;
}

/** A figure as the PDF wrote it, back to a number (rates as fractions); "–" is null. */
function parseFigure(s: string, lang: 'lt' | 'en', format: ColumnFormat): number | null {
	if (s === '–') return null;
	let t = s.replace(/[\s\u00a0\u202f%]/g, '').replace('−', '-');
	t = lang === 'lt' ? t.replace(',', '.') : t.replace(/,/g, '');
	const n = Number(t);
	expect(Number.isFinite(n), `"${s}" is a number`).toBe(true);
	return format === 'pct' || format === 'change' ? n / 100 : n;
}

/**
 * A duration as the PDF wrote it (metrics/units.ts: "19,3 s", "4:05 min", "2:15 val.", "2,8 d.")
 * back to seconds, with the precision it was written to.
 */
function parseDuration(s: string, lang: 'lt' | 'en'): { seconds: number; unit: number } | null {
	if (s === '–') return null;
	const t = space(s).trim();
	const clock = /^(\d+):(\d{2}) (min|val\.|h)$/.exec(t);
	if (clock) {
		const [a, b] = [Number(clock[1]), Number(clock[2])];
		return clock[3] === 'min' ? { seconds: a * 60 + b, unit: 1 } : { seconds: a * 3600 + b * 60, unit: 60 };
	}
	const m = /^([\d\s.,]+) (s|d\.|days)$/.exec(t);
	expect(m, `"${s}" is a duration`).not.toBeNull();
	const n = Number((lang === 'lt' ? m![1]!.replace(/\s/g, '').replace(',', '.') : m![1]!.replace(/,/g, '')).trim());
	return m![2] === 's' ? { seconds: n, unit: 0.1 } : { seconds: n * 86_400, unit: 8_640 };
}

/** Equal to the unit shown: counts exactly, rates to 0.1 %, durations to their last digit. */
function expectFigure(shown: string, expected: number | null, lang: 'lt' | 'en', format: ColumnFormat, what: string) {
	if (format === 'seconds') {
		const d = parseDuration(shown, lang);
		if (expected === null) return expect(d, what).toBeNull();
		return expect(Math.abs(d!.seconds - expected), `${what}: "${shown}" against ${expected}`).toBeLessThanOrEqual(d!.unit / 2 + 1e-9);
	}
	const got = parseFigure(shown, lang, format);
	if (expected === null) return expect(got, what).toBeNull();
	if (format === 'int') return expect(got, what).toBe(expected);
	const unit = format === 'pct' ? 0.001 : 0.1;
	expect(Math.abs(got! - expected), `${what}: "${shown}" against ${expected}`).toBeLessThanOrEqual(unit / 2 + 1e-9);
}

const tableOf = (r: MonthlyReport, section: string, key: string): ReportTable => {
	const t = r.sections.find((s) => s.key === section)?.tables.find((x) => x.key === key);
	if (!t) throw new Error(`the report has no table ${section}/${key}`);
	return t;
};

/** Every metric column of a table row against a PeriodMetrics, as the PDF shows them. */
function expectRow(pdf: ReadPdf, lang: 'lt' | 'en', after: string, table: ReportTable, label: string, expected: PeriodMetrics) {
	const columns = table.columns.slice(1);
	const shown = rowValues(pdf, after, table[lang], label, columns.length);
	columns.forEach((c, i) => expectFigure(shown[i]!, expected[c.key as keyof PeriodMetrics], lang, c.format, `${table.key} ${label} ${c.key}`));
}

// ---- on the embedded engine ---------------------------------------------------------------

let db: Embedded;
let report: MonthlyReport;
let stats: PeriodStats;
let lt: ReadPdf;
let en: ReadPdf;
let ltBytes: Uint8Array;

beforeAll(async () => {
	db = await openEmbedded();
	const file = join(db.dir, 'pdf.ndjson');
	writeFileSync(file, contacts().join('\n') + '\n');
	await ingestPath(db.store.client, db.config, file, 'ndjson', 'pdf');
	report = await buildMonthlyReport(db.store.client, MONTH, ALL, db.config, { now: NOW });
	// The whole centre's report shows call figures (voice); the chats are in its channel table.
	stats = await periodStats(db.store.client, monthRange(MONTH, TZ), { ...ALL, channel: 'voice' }, TZ);
	ltBytes = await renderReportPdf(report, 'lt');
	[lt, en] = await Promise.all([readPdf(ltBytes), renderReportPdf(report, 'en').then(readPdf)]);
}, 60_000);
afterAll(async () => db?.close());

describe('the PDF’s figures are /api/stats’ figures', () => {
	it('the month’s totals, every metric, in Lithuanian and in English', () => {
		expect(stats.total.offered).toBe(1167);
		const totals = tableOf(report, 'summary', 'totals');
		expect(totals.columns.slice(1).map((c) => c.key)).toEqual([...PERIOD_METRICS]);
		expectRow(lt, 'lt', 'Suvestinė', totals, 'Iš viso', stats.total);
		expectRow(en, 'en', 'Summary', totals, 'Total', stats.total);
	});

	it('per topic and per site (answered-call figures only per site)', () => {
		const byTopic = tableOf(report, 'volumes', 'by_topic');
		const bySite = tableOf(report, 'volumes', 'by_site');
		const names = report.names;
		for (const topic of TOPICS) expectRow(lt, 'lt', 'Apimtys', byTopic, names.topics[topic]!.lt, stats.byTopic[topic]!);
		for (const site of SITES) expectRow(lt, 'lt', 'Apimtys', bySite, names.sites[site]!, stats.bySite[site]!);
		expect(stats.bySite['siauliai']!.offered).toBeNull();
	});

	it('numbers in the language’s locale: lt-LT groups thousands with a space and writes a decimal comma; durations as m:ss', () => {
		const [offered, , , , abandonRate, asa] = rowValues(lt, 'Suvestinė', 'Pagrindiniai rodikliai', 'Iš viso', PERIOD_METRICS.length);
		expect(offered).toBe('1 167');
		// A duration in the unit a person reads, not "88,4" seconds (metrics/units.ts).
		expect(asa).toMatch(/^\d+:\d\d min$/);
		expect(abandonRate).toMatch(/^\d+,\d %$/);
		const [offeredEn, , , , , asaEn] = rowValues(en, 'Summary', 'Main figures', 'Total', PERIOD_METRICS.length);
		expect(offeredEn).toBe('1,167');
		expect(asaEn).toMatch(/^\d+:\d\d min$/);
	});
});

describe('what the PDF says around the figures', () => {
	it('Lithuanian letters come back as themselves (embedded DejaVu Sans, no Helvetica)', () => {
		for (const word of ['Kontaktų centro mėnesio ataskaita', 'Atsiliepta', 'Gauta', 'Vidutinė aptarnavimo trukmė pagal temą', 'Ilgiausias', 'Rodiklių apibrėžimai', 'Šeštadienis', 'Panevėžys', 'Šiauliai'])
			expect(lt.text).toContain(word);
		expect(lt.text).toMatch(/[ąčęėįšųūž]/);
		expect(lt.text).not.toMatch(/\uFFFD/);
		const raw = Buffer.from(ltBytes).toString('latin1');
		expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
		expect(raw).not.toContain('Helvetica');
	});

	it('the period in words, its dates, the filters and the generation time in Europe/Vilnius', () => {
		expect(lt.text).toContain('2025 m. kovas');
		expect(lt.text).toContain('2025-03-01 – 2025-03-31 (Europe/Vilnius)');
		expect(lt.text).toContain('Sugeneruota: 2026-01-20 12:00 (Europe/Vilnius)');
		expect(lt.text).toContain('Filtrai: Tema: Visi · Padalinys: Visi · Kanalas: Visi');
		expect(en.text).toContain('March 2025');
		expect(en.text).toContain('Generated: 2026-01-20 12:00 (Europe/Vilnius)');
	});

	it('"Puslapis N iš M" / "Page N of M" on every page', () => {
		expect(lt.pages).toBeGreaterThan(3);
		lt.pageTexts.forEach((text, i) => expect(text).toContain(`Puslapis ${i + 1} iš ${lt.pages}`));
		en.pageTexts.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${en.pages}`));
	});

	it('charts are vectors with their texts: axis labels and legends are PDF text, no images', () => {
		// The AHT chart's legend and the heat map's weekday axis exist only in the charts.
		for (const word of ['Pokalbio trukmė', 'Sulaikymas', 'Pirm.', 'Sekm.', 'Tas pats mėnuo pernai']) expect(lt.text).toContain(word);
		expect(Buffer.from(ltBytes).toString('latin1')).not.toContain('/Subtype /Image');
	});

	it('the metric definitions are printed', () => {
		expect(lt.text).toContain('Atsiliepta:');
		expect(lt.text.replace(/\n/g, ' ')).toContain('Gauti kontaktai, į kuriuos atsiliepė konsultantas.');
	});
});

describe('tables across pages', () => {
	it('a long table repeats its header on every page and never writes into the footer', async () => {
		const rows = Array.from({ length: 150 }, (_, i) => ({ n: `Eilutė ${i + 1}`, v: i * 1000 }));
		const long: MonthlyReport = {
			...report,
			sections: [{ key: 'summary', lt: 'Ilgoji', en: 'Long', tables: [{ key: 'long', lt: 'Ilga lentelė', en: 'Long table', columns: [{ key: 'n', lt: 'Eilė', en: 'Row', format: 'text' }, { key: 'v', lt: 'Reikšmė', en: 'Value', format: 'int' }], rows }] }]
		};
		const pdf = await readPdf(await renderReportPdf(long, 'lt'));
		const rowLines = pdf.lines.filter((l) => l.cells[0]?.startsWith('Eilutė '));
		expect(rowLines.map((l) => l.cells[0])).toEqual(rows.map((r) => r.n));
		expect(rowLines.map((l) => l.cells[1])).toEqual(rows.map((r) => space(new Intl.NumberFormat('lt-LT').format(r.v))));
		const pages = [...new Set(rowLines.map((l) => l.page))];
		expect(pages.length).toBeGreaterThanOrEqual(3);
		for (const p of pages) {
			const header = pdf.lines.find((l) => l.page === p && l.text === 'Eilė Reikšmė');
			expect(header, `header on page ${p}`).toBeDefined();
			expect(rowLines.filter((l) => l.page === p).every((l) => l.y < header!.y && l.y > MARGINS.bottom)).toBe(true);
		}
	});

	it('a table wider than the page is cut into column bands, each repeating the label column', () => {
		// The weekday × hour table has 24 hour columns: all present, the weekday in every band.
		for (let h = 0; h < 24; h++) expect(lt.text).toContain(`${String(h).padStart(2, '0')}:00`);
		expect(lt.lines.filter((l) => l.cells[0] === 'Pirmadienis').length).toBeGreaterThanOrEqual(2);
	});
});

describe('a stored revision', () => {
	it('says its revision and lists what changed, in the report’s own titles', async () => {
		const change = { section: 'summary', table: 'totals', row: { lt: 'Iš viso', en: 'Total' }, column: 'offered', before: 1239, after: 1240 };
		const stored: MonthlyReport = {
			...report,
			stored: { revision: 2, storedAt: '2025-04-01T05:00:00Z', changes: [change], reason: 'scheduled' },
			recomputed: { againstRevision: 2, storedAt: '2025-04-01T05:00:00Z', changes: [] }
		};
		const pdf = await readPdf(await renderReportPdf(stored, 'lt'));
		expect(pdf.text).toContain('Išsaugota versija Nr. 2: 2025-04-01 08:00, pagal tvarkaraštį');
		expect(pdf.lines.map((l) => l.cells)).toContainEqual(['Suvestinė', 'Pagrindiniai rodikliai', 'Iš viso', 'Gauta', '1 239', '1 240']);
		expect(pdf.text).toContain('Perskaičiavus nė vienas skaičius nepasikeitė.');
	});
});

describe('an empty month', () => {
	it('is a short report that says there was no traffic', async () => {
		const empty = await buildMonthlyReport(db.store.client, EMPTY_MONTH, ALL, db.config, { now: NOW });
		expect(empty.empty).toBe(true);
		const [pdfLt, pdfEn] = await Promise.all([renderReportPdf(empty, 'lt').then(readPdf), renderReportPdf(empty, 'en').then(readPdf)]);
		expect(pdfLt.text).toContain('Šį mėnesį kontaktų nebuvo');
		expect(pdfLt.text).toContain('nėra srauto');
		expect(pdfLt.text).toContain('2025 m. birželis');
		expect(pdfLt.text).not.toContain('Pagrindiniai rodikliai');
		expect(pdfEn.text).toContain('no traffic');
		pdfLt.pageTexts.forEach((t, i) => expect(t).toContain(`Puslapis ${i + 1} iš ${pdfLt.pages}`));
	});
});

// ---- through the built server ----------------------------------------------------------------

describe('GET /api/reports/YYYY-MM.pdf on the built server', () => {
	let server: TestServer;
	const admin = (path: string, init: RequestInit = {}) =>
		fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${server.adminToken}`, ...init.headers } });

	beforeAll(async () => {
		server = await startServer();
		const res = await admin('/api/ingest?format=ndjson&stream=pdf-test', { method: 'POST', body: contacts().join('\n') + '\n' });
		expect(res.status, await res.clone().text()).toBe(200);
	}, 90_000);
	afterAll(async () => server?.stop());

	it('renders in the server bundle (fonts, pdfkit data, charts) and its figures equal /api/stats', async () => {
		const res = await admin(`/api/reports/${MONTH}.pdf?lang=lt`);
		expect(res.status, server.logs()).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		const pdf = await readPdf(new Uint8Array(await res.arrayBuffer()));
		const api = (await (await admin(`/api/stats?from=${MONTH}-01&to=${MONTH}-31`)).json()) as PeriodStats;
		expect(api.total.offered).toBe(1167);
		const totals = tableOf(report, 'summary', 'totals');
		expectRow(pdf, 'lt', 'Suvestinė', totals, 'Iš viso', api.total);
		expect(pdf.text).toContain('Pokalbio trukmė');
		pdf.pageTexts.forEach((t, i) => expect(t).toContain(`Puslapis ${i + 1} iš ${pdf.pages}`));
	});
});
