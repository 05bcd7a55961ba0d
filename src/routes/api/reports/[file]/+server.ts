import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { jsonProblem } from '$lib/server/http/json.ts';
import { parseReportRequest } from '$lib/server/reports/request.ts';
import { requestedReport } from '$lib/server/reports/monthlyReport.ts';
import { buildMonthlyReport } from '$lib/server/reports/buildReport.ts';
import { freezeReport } from '$lib/server/reports/store.ts';
import { currentMonth } from '$lib/server/reports/month.ts';
import { jsonResponse } from '$lib/server/http/json.ts';
import { CONTENT_TYPES, REPORT_FORMATS, renderReport, reportFileName, type ReportFormat } from '$lib/server/reports/render.ts';

const FILE = /^(.+)\.([a-z]+)$/;

/**
 * GET /api/reports/2026-10.xlsx (or .csv, .pdf, .json) ?site=&topic=&channel=&lang=lt|en&fresh=1|revision=N
 * A closed month's latest stored revision unless fresh=1 (then recomputed, with what changed
 * against it) or revision=N (that revision as it was stored; 404 when there is none).
 */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const m = FILE.exec(params.file);
	if (!m || !REPORT_FORMATS.includes(m[2] as ReportFormat))
		return jsonProblem(400, `ask for /api/reports/YYYY-MM.${REPORT_FORMATS.join('|')}, got "${params.file}"`);
	const app = await getApp();
	const req = parseReportRequest(m[1]!, url.searchParams, app.config, locals.principal, locals.lang);
	if (req instanceof Response) return req;
	const format = m[2] as ReportFormat;
	const report = await requestedReport(app.store.client, req, app.config);
	if (!report) return jsonProblem(404, `${req.month} has no stored revision ${req.revision} for this selection`);
	const body = await renderReport(report, format, req.lang);
	return new Response(body as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': CONTENT_TYPES[format],
			'content-disposition': `attachment; filename="${reportFileName(report, format, req.lang)}"`,
			'content-length': String(body.byteLength),
			'cache-control': 'no-store'
		}
	});
};

/**
 * POST /api/reports/2026-10 (admins only): recompute a closed month for the whole centre and
 * store it as a new revision listing what changed; nothing is stored when nothing changed.
 * The way to regenerate while an embedded server holds the data directory.
 */
export const POST: RequestHandler = async ({ params, url, locals }) => {
	if (locals.principal?.role !== 'admin') return jsonProblem(403, 'only an admin may store a new revision of a report');
	const app = await getApp();
	const req = parseReportRequest(params.file, new URLSearchParams(), app.config, locals.principal, locals.lang);
	if (req instanceof Response) return req;
	if (url.searchParams.size > 0) return jsonProblem(400, 'only whole-centre reports are stored; send no filters');
	if (req.month === currentMonth(app.config.timeZone)) return jsonProblem(409, `${req.month} has not ended; only closed months are stored`);
	const { report, created } = await freezeReport(app.store.client, await buildMonthlyReport(app.store.client, req.month, req.filter, app.config), 'api');
	return jsonResponse({ month: report.month, revision: report.stored?.revision ?? 0, created, changes: report.stored?.changes ?? [] }, created ? 201 : 200);
};
