import { writeFileSync } from 'node:fs';
import { getConfig } from '../../config/index.ts';
import { closeStore, ensureDatabase, getStore } from '../../clickhouse/client.ts';
import { migrate } from '../../clickhouse/migrate.ts';
import { MonthError, parseMonth } from '../../reports/month.ts';
import { buildMonthlyReport } from '../../reports/buildReport.ts';
import { requestedReport } from '../../reports/monthlyReport.ts';
import { freezeReport } from '../../reports/store.ts';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../../reports/render.ts';
import { CHANNELS } from '../../../../../ingest/types.ts';
import { UsageError, parse } from '../args.ts';
import { callApi, remoteFrom, type Remote } from '../adminTarget.ts';
import { progressBar } from '../progress.ts';

export const help = `callboard report --month YYYY-MM --format pdf|xlsx|csv|json --out FILE
                [--site ID] [--topic ID] [--channel C] [--lang lt|en] [--fresh | --revision N] [--freeze]
  The monthly report of the centre (or one site, topic or channel) as a file.
  A closed month that was frozen is written as stored (its latest revision, or --revision N);
  --fresh recomputes it.
  --freeze   recompute a closed month and store it as a new revision (whole centre only),
             listing every figure that changed; nothing is stored when nothing changed
  --server URL --token T   fetch it from a running server (embedded mode while it runs);
             with --freeze the server stores the revision (an admin token)`;

export async function run(argv: string[]): Promise<void> {
	const { values } = parse(argv, {
		month: { type: 'string' },
		format: { type: 'string' },
		out: { type: 'string' },
		site: { type: 'string' },
		topic: { type: 'string' },
		channel: { type: 'string' },
		lang: { type: 'string' },
		fresh: { type: 'boolean' },
		revision: { type: 'string' },
		freeze: { type: 'boolean' },
		server: { type: 'string' },
		token: { type: 'string' }
	});
	const format = (values.format ?? 'pdf') as ReportFormat;
	if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format is one of ${REPORT_FORMATS.join(', ')}`);
	if (!values.out) throw new UsageError(`--out FILE is required\n\n${help}`);
	const lang = values.lang ?? 'lt';
	if (lang !== 'lt' && lang !== 'en') throw new UsageError('--lang is lt or en');
	const config = getConfig();
	let month: string;
	try {
		month = parseMonth(values.month, config.timeZone);
	} catch (e) {
		throw e instanceof MonthError ? new UsageError(`--month: ${e.message}`) : e;
	}
	if (values.topic && !config.topics.some((t) => t.id === values.topic)) throw new UsageError(`unknown topic "${values.topic}"`);
	if (values.site && !config.sites.some((s) => s.id === values.site)) throw new UsageError(`unknown site "${values.site}"`);
	if (values.channel && !(CHANNELS as readonly string[]).includes(values.channel)) throw new UsageError(`--channel is one of ${CHANNELS.join(', ')}`);
	const filter = { topic: values.topic ?? null, site: values.site ?? null, channel: values.channel ?? null };
	if (values.freeze && (filter.topic || filter.site || filter.channel)) throw new UsageError('--freeze stores whole-centre reports only');
	const revision = values.revision === undefined ? null : Number(values.revision);
	if (revision !== null && !(Number.isSafeInteger(revision) && revision > 0)) throw new UsageError(`--revision is a stored revision's number (1, 2, …), got "${values.revision}"`);
	if (revision !== null && (values.fresh || values.freeze)) throw new UsageError('--revision reads a stored revision; it goes with neither --fresh nor --freeze');

	const remote = remoteFrom(values);
	if (remote) {
		if (values.freeze) await freezeRemote(remote, month);
		return fetchReport(remote, month, format, filter, lang, { fresh: !!values.fresh, revision }, values.out);
	}
	const bar = progressBar(`report ${month}`);
	await ensureDatabase(config);
	const store = await getStore(config);
	try {
		await migrate(store.client);
		const onStep = (done: number, total: number, step: string) => bar.update(done, total + 1, step);
		const report = values.freeze
			? (await freezeReport(store.client, await buildMonthlyReport(store.client, month, filter, config, { onStep }), 'cli')).report
			: await requestedReport(store.client, { month, filter, fresh: !!values.fresh, revision }, config, { onStep });
		if (!report) throw new UsageError(`${month} has no stored revision ${revision} for this selection`);
		bar.update(9, 10, `rendering ${format}`);
		const bytes = await renderReport(report, format, lang);
		writeFileSync(values.out, bytes);
		bar.update(10, 10, 'done');
		bar.end();
		const stored = report.stored ? `, stored revision ${report.stored.revision}${report.stored.changes.length ? ` (${report.stored.changes.length} figures changed)` : ''}` : '';
		const changes = report.recomputed ? `, ${report.recomputed.changes.length} figures differ from stored revision ${report.recomputed.againstRevision}` : '';
		console.log(`${values.out}: ${month} ${format}, ${bytes.byteLength.toLocaleString('en-US')} bytes${report.empty ? ', no traffic' : ''}${stored}${changes}`);
	} finally {
		await closeStore();
	}
}

async function fetchReport(
	remote: Remote,
	month: string,
	format: ReportFormat,
	filter: Record<string, string | null>,
	lang: string,
	which: { fresh: boolean; revision: number | null },
	out: string
): Promise<void> {
	const url = new URL(`/api/reports/${month}.${format}`, remote.server);
	for (const [k, v] of Object.entries(filter)) if (v) url.searchParams.set(k, v);
	url.searchParams.set('lang', lang);
	if (which.fresh) url.searchParams.set('fresh', '1');
	if (which.revision !== null) url.searchParams.set('revision', String(which.revision));
	const bar = progressBar(`report ${month}`);
	bar.update(0, 0, 'the server is computing…');
	const res = await fetch(url, { headers: { authorization: `Bearer ${remote.token}` } });
	if (!res.ok || !res.body) throw new Error(`${res.status} from ${remote.server}: ${await res.text()}`);
	const total = Number(res.headers.get('content-length') ?? 0);
	const chunks: Uint8Array[] = [];
	let n = 0;
	for await (const chunk of res.body) {
		chunks.push(chunk);
		n += chunk.byteLength;
		bar.update(n, total, `${n.toLocaleString('en-US')} bytes`);
	}
	bar.end();
	writeFileSync(out, Buffer.concat(chunks));
	console.log(`${out}: ${month} ${format}, ${n.toLocaleString('en-US')} bytes from ${remote.server}`);
}

async function freezeRemote(remote: Remote, month: string): Promise<void> {
	const r = await callApi<{ revision: number; created: boolean; changes: unknown[] }>(remote, 'POST', `/api/reports/${month}`);
	console.error(r.created ? `stored revision ${r.revision} (${r.changes.length} figures changed)` : `nothing changed; revision ${r.revision} stays`);
}
