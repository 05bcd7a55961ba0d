/** Builds the PBX-name mapping from configuration: queues → topics, aliases, agents → sites. */
import type { Config } from '../src/lib/server/config/schema.ts';
import type { NameMapping } from './types.ts';

export function nameMapping(config: Pick<Config, 'topics' | 'sites' | 'agentAliases'>): NameMapping {
	const topics = new Map<string, string>();
	for (const t of config.topics) {
		topics.set(t.id, t.id);
		for (const q of t.queues) topics.set(q, t.id);
	}
	const aliases = new Map(Object.entries(config.agentAliases));
	const sites = new Map<string, string>();
	for (const s of config.sites) for (const a of s.agents) sites.set(aliases.get(a) ?? a, s.id);
	return {
		topicOfQueue: (queue) => topics.get(queue) ?? topics.get(queue.toLowerCase()) ?? queue,
		canonicalAgent: (agent) => aliases.get(agent) ?? agent,
		siteOfAgent: (agent) => sites.get(agent) ?? 'unknown'
	};
}
