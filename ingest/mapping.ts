/** Builds the PBX-name mapping from configuration: queues → topics, aliases, agents → sites. */
import type { Config } from '../src/lib/server/config/schema.ts';
import type { NameMapping } from './types.ts';

export function nameMapping(config: Pick<Config, 'topics' | 'sites' | 'agentAliases'> & { genesys?: Pick<Config['genesys'], 'queueNames'> }): NameMapping {
	const topics = new Map<string, string>();
	const folded = new Map<string, string>();
	for (const t of config.topics) {
		topics.set(t.id, t.id);
		for (const q of t.queues) {
			topics.set(q, t.id);
			folded.set(foldName(q), t.id);
		}
	}
	// Genesys queue ids name their queue; the name matches topics[].queues without case or accents.
	for (const [queueId, name] of Object.entries(config.genesys?.queueNames ?? {})) {
		if (!topics.has(queueId)) topics.set(queueId, topics.get(name) ?? folded.get(foldName(name)) ?? name);
	}
	const aliases = new Map(Object.entries(config.agentAliases));
	const sites = new Map<string, string>();
	for (const s of config.sites) for (const a of s.agents) sites.set(aliases.get(a) ?? a, s.id);
	return {
		topicOfQueue: (queue) => topics.get(queue) ?? topics.get(queue.toLowerCase()) ?? folded.get(foldName(queue)) ?? queue,
		canonicalAgent: (agent) => aliases.get(agent) ?? agent,
		siteOfAgent: (agent) => sites.get(agent) ?? 'unknown'
	};
}

/** A queue name for matching: lower case, without accents ("Išmokos" → "ismokos"). */
export function foldName(name: string): string {
	return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}
