/** A PBX-name mapping for parser tests, from plain tables (the same rules as ingest/mapping.ts). */
import type { NameMapping } from '../../ingest/types.ts';

type Table = Map<string, string> | Record<string, string>;
const lookup = (t: Table, k: string) => (t instanceof Map ? t.get(k) : t[k]);

export function testMapping(queues: Table, aliases: Table, sites: Table): NameMapping {
	return {
		topicOfQueue: (queue) => lookup(queues, queue) ?? queue,
		canonicalAgent: (agent) => lookup(aliases, agent) ?? agent,
		siteOfAgent: (agent) => lookup(sites, agent) ?? 'unknown'
	};
}
