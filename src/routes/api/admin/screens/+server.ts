import type { RequestHandler } from './$types';
import { getApp } from '$lib/server/app.ts';
import { jsonResponse } from '$lib/server/http/json.ts';

/** GET /api/admin/screens: the live screens open on this server process (TVs and dashboards), for the admin page. */
export const GET: RequestHandler = async () => jsonResponse({ screens: (await getApp()).live.screens() });
