/**
 * Deterministic ids from record content: the same record read again (a replay, the same
 * file under another name) gets the same id, so storage can recognise it.
 */
import { hash } from 'node:crypto';

export function stableId(prefix: string, ...parts: (string | number)[]): string {
	return `${prefix}:${hash('sha1', parts.join('\u001f')).slice(0, 20)}`;
}
