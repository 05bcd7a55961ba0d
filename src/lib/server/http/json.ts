/** JSON in and out of API routes: bodies validated with a schema, errors as `{error}`. */
import type { z } from 'zod';

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }
	});
}

export function jsonProblem(status: number, message: string): Response {
	return jsonResponse({ error: message }, status);
}

/** Parses and validates a JSON body; a Response (400) when it is not acceptable. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S> | Response> {
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return jsonProblem(400, 'the body must be JSON');
	}
	const result = schema.safeParse(body);
	if (!result.success)
		return jsonProblem(400, result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
	return result.data;
}
