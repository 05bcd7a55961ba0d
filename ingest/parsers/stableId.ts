/**
 * Deterministic ids from record content: the same record read again (a replay, the same
 * file under another name) gets the same id, so storage can recognise it. An id is its prefix,
 * ":", and 80 bits of MurmurHash3 x86_128 over the parts joined by U+001F (contentHash.ts).
 */
import { ContentKey } from './contentHash.ts';

const key = new ContentKey();

export function stableId(prefix: string, ...parts: (string | number)[]): string {
	key.begin();
	for (const p of parts) {
		if (typeof p === 'number') key.int(p);
		else key.text(p);
	}
	return key.id(prefix);
}
