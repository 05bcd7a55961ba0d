/**
 * The followed queues: names in topics[].queues matched to the organisation's queues
 * (GET /api/v2/routing/queues, a QueueEntityListing {entities: Queue[], pageNumber,
 * pageCount, total} in the SDK's docs) without case or accents: "Išmokos" = "ismokos".
 */
import type { Config } from '../../../src/lib/server/config/schema.ts';
import { foldName } from '../../mapping.ts';
import type { GenesysApi } from './api.ts';

export type GenesysQueue = { id: string; name: string; divisionId?: string };
type QueueEntityListing = { entities?: { id: string; name: string; division?: { id: string } }[]; pageCount?: number; pageNumber?: number };

export async function listQueues(api: GenesysApi): Promise<GenesysQueue[]> {
	const out: GenesysQueue[] = [];
	for (let page = 1; ; page++) {
		const res = await api.request<QueueEntityListing>('GET', `/api/v2/routing/queues?pageSize=100&pageNumber=${page}`);
		for (const q of res.entities ?? []) out.push({ id: q.id, name: q.name, ...(q.division ? { divisionId: q.division.id } : {}) });
		if (!res.entities?.length || (res.pageCount ?? 1) <= page) return out;
	}
}

/** The organisation's queues whose names a topic lists, and every queue's id → name. */
export function followedQueues(config: Pick<Config, 'topics'>, queues: GenesysQueue[]): { followed: GenesysQueue[]; names: Record<string, string>; missing: string[] } {
	const wanted = new Set(config.topics.flatMap((t) => t.queues.map(foldName)));
	const names: Record<string, string> = {};
	for (const q of queues) names[q.id] = q.name;
	const followed = queues.filter((q) => wanted.has(foldName(q.name)));
	const found = new Set(followed.map((q) => foldName(q.name)));
	return { followed, names, missing: [...wanted].filter((w) => !found.has(w)) };
}
