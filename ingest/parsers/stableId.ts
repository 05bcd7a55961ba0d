/**
 * Deterministic ids from record content: the same record read again (a replay, the same
 * file under another name) gets the same id, so storage can recognise it.
 */
import { hash } from 'node:crypto';

export function stableId(prefix: string, ...parts: (string | number)[]): string {
	return idOf(prefix, parts.join(SEP));
}

/** The separator between the parts of an id's content. */
export const SEP = '\u001f';

/**
 * stableId for content already joined with SEP: hot paths join an array literal rather than
 * pass a rest array.
 */
export function idOf(prefix: string, joined: string): string {
	return `${prefix}:${hash('sha1', joined).slice(0, 20)}`;
}
