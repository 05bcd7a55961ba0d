import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { jsonProblem, jsonResponse } from '$lib/server/http/json.ts';
import { readBodyBytes } from '$lib/server/http/body.ts';
import { FORMAT_NAMES, isFormat } from '../../../../ingest/formats.ts';
import { isSpoolFull } from '../../../../ingest/service.ts';
import { STREAM_NAME_RULE, canIngestStream, defaultStream, isStreamName } from '$lib/server/auth/principal.ts';

/**
 * POST /api/ingest?format=ndjson|queue-log|queue-log-csv|cdr-csv|genesys[&stream=NAME]
 * Answers once the batch is durable, with counts. A retried identical body changes nothing.
 * `stream` names an event stream (one PBX, one connector); it defaults to the first stream the
 * token was issued for, or its id. An ingest token writes only to its streams (403 otherwise).
 */
export const POST: RequestHandler = async ({ request, url, locals }) => {
	const format = url.searchParams.get('format') ?? 'ndjson';
	if (!isFormat(format)) return jsonProblem(400, `unknown format "${format}"; use one of ${FORMAT_NAMES.join(', ')}`);
	const principal = locals.principal!;
	const stream = url.searchParams.get('stream') ?? defaultStream(principal);
	if (!isStreamName(stream)) return jsonProblem(400, STREAM_NAME_RULE);
	if (!canIngestStream(principal, stream))
		return jsonProblem(403, `this token writes only to the stream(s) ${principal.streams!.map((s) => `"${s}"`).join(', ')}, not "${stream}"`);
	const app = await getApp();
	const limit = app.config.ingest.maxBodyBytes;
	const tooLarge = () => jsonProblem(413, `the body is over ${limit} bytes; send smaller batches`);
	if (Number(request.headers.get('content-length') ?? 0) > limit) return tooLarge();
	// Bytes, whatever the Content-Type says (or that there is none), counted as they arrive: a
	// chunked body declares no length. Decoded as UTF-8, as every format is.
	const bytes = await readBodyBytes(request, limit);
	if (bytes === 'too-large') return tooLarge();
	const body = new TextDecoder().decode(bytes);
	try {
		const result = await app.ingest.ingestBody(format, body, stream);
		return jsonResponse(result, result.status === 'spooled' ? 202 : 200);
	} catch (e) {
		if (isSpoolFull(e)) return jsonResponse({ error: e.message }, 503, { 'retry-after': '30' });
		throw e;
	}
};
