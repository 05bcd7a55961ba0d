import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { jsonProblem } from '$lib/server/http/json.ts';
import { parseReportRequest } from '$lib/server/reports/request.ts';
import { monthlyReport } from '$lib/server/reports/monthlyReport.ts';
import { CONTENT_TYPES, REPORT_FORMATS, renderReport, reportFileName, type ReportFormat } from '$lib/server/reports/render.ts';

const FILE = /^(.+)\.([a-z]+)$/;

/**
 * GET /api/reports/2026-10.xlsx (or .csv, .pdf, .json) ?site=&topic=&channel=&lang=lt|en&fresh=1
 * A closed month's stored revision unless fresh=1 (then recomputed, with what changed against it).
 */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const m = FILE.exec(params.file);
	if (!m || !REPORT_FORMATS.includes(m[2] as ReportFormat))
		return jsonProblem(400, `ask for /api/reports/YYYY-MM.${REPORT_FORMATS.join('|')}, got "${params.file}"`);
	const app = await getApp();
	const req = parseReportRequest(m[1]!, url.searchParams, app.config, locals.principal, locals.lang);
	if (req instanceof Response) return req;
	const format = m[2] as ReportFormat;
	const report = await monthlyReport(app.store.client, req.month, req.filter, app.config, { fresh: req.fresh });
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
