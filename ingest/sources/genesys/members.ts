/**
 * The followed queues' members and the site each sits at. GET
 * /api/v2/routing/queues/{queueId}/members → QueueMemberEntityListing {entities:
 * QueueMember[{id, name, user: User{id, name, email, division{id}}}], nextUri} (no page count:
 * paged until no nextUri). A member's site: sites[].agents naming the user by id, e-mail or
 * display name; else genesys.divisionSites by the user's division; else "unknown".
 */
import type { Config } from '../../../src/lib/server/config/schema.ts';
import type { GenesysApi } from './api.ts';
import type { GenesysQueue } from './queues.ts';

export type GenesysMember = { id: string; name: string; email: string; divisionId: string; queueIds: string[] };
type Listing = { entities?: { id?: string; name?: string; user?: { id?: string; name?: string; email?: string; division?: { id?: string } } }[]; nextUri?: string };

export async function listMembers(api: GenesysApi, queues: GenesysQueue[]): Promise<GenesysMember[]> {
	const byId = new Map<string, GenesysMember>();
	for (const q of queues) {
		for (let page = 1; ; page++) {
			const res = await api.request<Listing>('GET', `/api/v2/routing/queues/${encodeURIComponent(q.id)}/members?pageSize=100&pageNumber=${page}`);
			for (const e of res.entities ?? []) {
				const id = e.user?.id ?? e.id;
				if (!id) continue;
				const m = byId.get(id) ?? { id, name: e.user?.name ?? e.name ?? '', email: e.user?.email ?? '', divisionId: e.user?.division?.id ?? '', queueIds: [] };
				m.queueIds.push(q.id);
				byId.set(id, m);
			}
			if (!res.entities?.length || !res.nextUri) break;
		}
	}
	return [...byId.values()];
}

/** The site of a member: by id, e-mail or name in sites[].agents, else by division, else "unknown". */
export function siteOfMember(config: Pick<Config, 'sites' | 'genesys'>, m: Pick<GenesysMember, 'id' | 'name' | 'email' | 'divisionId'>): string {
	const keys = [m.id, m.email.toLowerCase(), m.name.toLowerCase()].filter((k) => k !== '');
	for (const s of config.sites) if (s.agents.some((a) => keys.includes(a) || keys.includes(a.toLowerCase()))) return s.id;
	return config.genesys.divisionSites[m.divisionId] ?? 'unknown';
}
