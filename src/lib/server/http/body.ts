/**
 * Request bodies, read with their bytes counted as they arrive. A declared Content-Length is
 * only a claim: a chunked body declares none, and was read up to the server's 32 MiB ingest limit
 * on the sign-in form, which needs no credentials (eight at once took 860 MiB).
 */

/** True when the request says a body follows: a Content-Length above 0, or a Transfer-Encoding. */
export function declaresBody(headers: Headers): boolean {
	const length = headers.get('content-length');
	return (length !== null && length.trim() !== '0') || headers.has('transfer-encoding');
}

/**
 * The body's bytes, or 'too-large' as soon as more than `limit` bytes have arrived (the rest is
 * not read). The node adapter's own limit (BODY_SIZE_LIMIT) surfaces as its 413 error: the same
 * answer. Any other failure (the client went away) is thrown.
 */
export async function readBodyBytes(request: Request, limit: number): Promise<Uint8Array | 'too-large'> {
	if (request.body === null) return new Uint8Array(0);
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			size += value.byteLength;
			if (size > limit) {
				// Not cancelled: the node adapter would destroy the connection before the 413 is
				// written, and the client would see a reset instead of the reason. Reading stops here
				// (the adapter pauses the socket); serve.ts drops the rest after the answer.
				reader.releaseLock();
				return 'too-large';
			}
			chunks.push(value);
		}
	} catch (e) {
		if ((e as { status?: unknown }).status === 413) return 'too-large';
		throw e;
	}
	if (chunks.length === 1) return chunks[0]!;
	const bytes = new Uint8Array(size);
	let at = 0;
	for (const c of chunks) (bytes.set(c, at), (at += c.byteLength));
	return bytes;
}

const FORM_TYPE = /^(multipart\/form-data|application\/x-www-form-urlencoded)/i;

/**
 * A small body (a form, an admin request) read into memory up to `limit` bytes, and the request
 * again with it for the route to read. A form that cannot be parsed (a multipart body without its
 * boundary) made every form action throw a 500: refused here for all of them, saying why.
 */
export async function readSmallBody(request: Request, limit: number): Promise<{ request: Request } | { refused: 400 | 413; message: string }> {
	const body = await readBodyBytes(request, limit);
	if (body === 'too-large') return { refused: 413, message: `a body here is at most ${limit} bytes` };
	const { url, method, headers, signal } = request;
	const copy = () => new Request(url, { method, headers, body: body as Uint8Array<ArrayBuffer>, signal });
	if (FORM_TYPE.test(headers.get('content-type') ?? '')) {
		const unreadable = await copy()
			.formData()
			.then(
				() => null,
				(e: unknown) => (e as Error).message
			);
		if (unreadable !== null) return { refused: 400, message: `the form could not be read: ${unreadable}` };
	}
	return { request: copy() };
}
