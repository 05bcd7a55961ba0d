import type { RequestHandler } from './$types';
import { metricsText } from '$lib/server/observability/metrics.ts';

/** Prometheus text format; needs an admin or supervisor (cookie or bearer token). */
export const GET: RequestHandler = async () => {
	const { body, contentType } = await metricsText();
	return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
};
