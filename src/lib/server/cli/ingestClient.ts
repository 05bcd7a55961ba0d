/**
 * Sending ingest bodies to a running server (POST /api/ingest) from the command line: retried
 * while the server is busy or unreachable, and split when it finds them too large.
 */
import type { FormatName } from '../../../../ingest/types.ts';
import { RemoteError, refused, send, type Remote } from './adminTarget.ts';

export type PostResult = { accepted: number; duplicates: number; rejected: number; ignored: number; status: string };

/**
 * A document (Genesys records); one the server finds too large goes again as two
 * `{"conversations": […]}` halves. Conversations are identified by their ids, so a half
 * sent twice counts once.
 */
export async function postDocument(remote: Remote, format: FormatName, body: string, stream?: string): Promise<PostResult[]> {
	try {
		return [await post(remote, format, body, stream)];
	} catch (e) {
		if (!(e instanceof TooLarge)) throw e;
		let list: unknown;
		try {
			const doc = JSON.parse(body) as unknown;
			list = Array.isArray(doc) ? doc : (doc as { conversations?: unknown }).conversations;
		} catch {
			throw e;
		}
		if (!Array.isArray(list) || list.length < 2) throw new TooLarge(`${e.message} (one conversation is larger than the server takes)`);
		const mid = list.length >> 1;
		const half = (part: unknown[]) => postDocument(remote, format, JSON.stringify({ conversations: part }), stream);
		return [...(await half(list.slice(0, mid))), ...(await half(list.slice(mid)))];
	}
}

/** The server's body limit (INGEST_MAX_BODY_BYTES) is below what we sent. */
class TooLarge extends RemoteError {}

/** A body of whole lines; one the server finds too large (413) goes again in halves. */
export async function postLines(remote: Remote, format: FormatName, body: string, stream?: string, forbidden?: string): Promise<PostResult[]> {
	try {
		return [await post(remote, format, body, stream, forbidden)];
	} catch (e) {
		if (!(e instanceof TooLarge)) throw e;
		// The line end nearest the middle, before it or else after it.
		let mid = body.lastIndexOf('\n', (body.length >> 1) - 1) + 1;
		if (mid <= 0) mid = body.indexOf('\n', body.length >> 1) + 1;
		if (mid <= 0 || mid >= body.length) throw new TooLarge(`${e.message} (one line is larger than the server takes)`);
		return [...(await postLines(remote, format, body.slice(0, mid), stream, forbidden)), ...(await postLines(remote, format, body.slice(mid), stream, forbidden))];
	}
}

/**
 * One body, retried with backoff on 503 and network errors; the server dedupes retries.
 * `forbidden`: what to say when the token may not write to the stream (403).
 */
async function post(remote: Remote, format: FormatName, body: string, stream?: string, forbidden = 'an ingest token writes only to its streams: see callboard token list'): Promise<PostResult> {
	const url = new URL('/api/ingest', remote.server);
	url.searchParams.set('format', format);
	if (stream) url.searchParams.set('stream', stream);
	for (let attempt = 0; ; attempt++) {
		let res: Response;
		try {
			res = await send(remote, url, { method: 'POST', headers: { authorization: `Bearer ${remote.token}`, 'content-type': 'text/plain' }, body });
		} catch (e) {
			if (attempt >= 20) throw e;
			await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** attempt)));
			continue;
		}
		if (res.ok) return (await res.json()) as PostResult;
		const text = await res.text();
		if (res.status === 413) throw new TooLarge(refused(remote, res.status, text).message);
		if (res.status === 403) throw refused(remote, res.status, text, forbidden);
		if (res.status !== 503 || attempt >= 20) throw refused(remote, res.status, text);
		await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 5) * 1000));
	}
}
