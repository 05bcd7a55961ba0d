import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { jsonProblem, jsonResponse } from '$lib/server/http/json.ts';
import { QUEUED_CHANNELS } from '$lib/server/ewt/queueFeed.ts';

/**
 * GET /api/ewt?topic=pensions[&channel=voice]: the wait to announce to a caller joining the
 * topic's queue now, for the IVR (an ingest token). Answered from memory: no ClickHouse query.
 * 503 until the queues were rebuilt after a start (the IVR then says no number).
 */
export const GET: RequestHandler = async ({ url }) => {
	const app = await getApp();
	const topic = url.searchParams.get('topic');
	const channel = url.searchParams.get('channel') || 'voice';
	if (!topic) return jsonProblem(400, `topic is required; one of ${app.config.topics.map((t) => t.id).join(', ')}`);
	if (!app.config.topics.some((t) => t.id === topic)) return jsonProblem(400, `unknown topic "${topic}"`);
	if (!(QUEUED_CHANNELS as readonly string[]).includes(channel))
		return jsonProblem(400, `channel "${channel}" has no queue to wait in; use one of ${QUEUED_CHANNELS.join(', ')}`);
	if (!app.ewt.ready) return jsonResponse({ error: 'the queues are still being rebuilt after a start; try again in a second' }, 503, { 'retry-after': '1' });
	return jsonResponse({ ...app.ewt.estimate(topic, channel), stale: app.ewt.lastError !== null });
};
