/**
 * A ClickHouse HTTP interface on 127.0.0.1, backed by the real embedded engine (chDB), for tests
 * of the server-mode code path: `@clickhouse/client` over HTTP with CLICKHOUSE_URL pointing here.
 * `stop()` closes the listening socket and destroys open connections (clients then get real
 * ECONNREFUSED / ECONNRESET / "socket hang up"), the engine and its data stay; `start()` listens
 * again on the same port; `close()` stops and releases the engine.
 *
 * chDB binds ONE data directory per process: run the shim in a process that opens chDB nowhere
 * else (a vitest file of its own that uses server mode only), or in a child process with
 * `spawnClickHouseShim` (./clickhouseShimProcess.ts).
 *
 * The protocol subset, as the ClickHouse server does it:
 * - GET/HEAD /ping (and / without a query) → "Ok.\n".
 * - Any other path: the statement is the `query` URL parameter, then "\n", then the request body
 *   (or the body alone); INSERT data follows its FORMAT clause that way. GET runs with readonly=2.
 *   A multipart/form-data body may carry `query` and `param_*` parts (the client's multipart params).
 * - `param_<name>`: bound by the engine (see chdbParam for the one translation needed); `database`
 *   (or X-ClickHouse-Database): the request's current database; `default_format` (or
 *   X-ClickHouse-Format): the output format when the statement has no FORMAT clause (TabSeparated
 *   otherwise); every other URL parameter is a setting of this request only (each request gets its
 *   own chDB connection, so neither settings nor USE leak into the next one), and an unknown one
 *   fails with UNKNOWN_SETTING like on a server. Before them, clickhouse-local's changes to a
 *   server's defaults are undone (SERVER_DEFAULTS); the rest are the engine's, as on a server of
 *   that version (26.x: async_insert=1, so send async_insert=0 as the project does). An INSERT with
 *   no data after FORMAT inserts nothing. Credentials and roles are accepted and ignored.
 * - Compression: a gzip/deflate/br/zstd request body (Content-Encoding) is decompressed; the
 *   response is compressed when enable_http_compression=1 and Accept-Encoding allows one of those.
 *   ClickHouse's own framed compression (`compress`/`decompress` parameters) and HTTP sessions
 *   (`session_id`) are refused with NOT_IMPLEMENTED rather than silently ignored.
 * - Results are buffered, then sent with X-ClickHouse-Query-Id, -Format, -Timezone and -Summary
 *   (approximate: chDB reports rows and bytes read; for a synchronous INSERT those are the rows
 *   written, deduplicated blocks included; 0 for an asynchronous one). Errors: `Code: N. DB::Exception: … (NAME) (version …)` with
 *   X-ClickHouse-Exception-Code and the status a server uses (404 unknown table, 400 syntax, else 500).
 * - Multi-statements are refused as on a server (chDB itself would run them).
 * - stop() waits 25 ms after dropping connections so that a client in this process sees its pooled
 *   keep-alive sockets close: its next request is refused (ECONNREFUSED), not reset.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { drainPending, Session, type ChdbResult } from 'chdb';

export type ClickHouseShim = {
	/** http://127.0.0.1:PORT, for CLICKHOUSE_URL. */
	url: string;
	port: number;
	/** Stops listening and drops every open connection; the engine and its data stay. */
	stop(): Promise<void>;
	/** Listens again on the same port. */
	start(): Promise<void>;
	/** Stops, waits for running statements and releases the engine. */
	close(): Promise<void>;
};

/** A ClickHouse exception raised by the shim itself (the engine's come as text). */
class ShimException extends Error {
	readonly code: number;
	readonly type: string;
	constructor(code: number, type: string, message: string) {
		super(message);
		this.code = code;
		this.type = type;
	}
}

// URL parameters the ClickHouse HTTP handler consumes itself; everything else is a setting.
const RESERVED = new Set([
	'query',
	'database',
	'default_format',
	'query_id',
	'user',
	'password',
	'quota_key',
	'role',
	'stacktrace',
	'buffer_size',
	'wait_end_of_query',
	'client_protocol_version',
	'session_id',
	'session_timeout',
	'session_check',
	'close_session',
	'compress',
	'decompress'
]);
// Settings of the HTTP layer: honoured here (compression) or meaningless for a buffered reply.
const HTTP_SETTINGS = new Set([
	'enable_http_compression',
	'http_zlib_compression_level',
	'send_progress_in_http_headers',
	'http_headers_progress_interval_ms',
	'http_response_buffer_size',
	'http_wait_end_of_query',
	'http_native_compression_disable_checksumming_on_decompress',
	'add_http_cors_header'
]);

// chDB is clickhouse-local: these differ from a server's defaults (`1 + 1` as a whole query works
// there). Others are the engine's own, as on a server of its version: on 26.x async_insert is 1.
const SERVER_DEFAULTS = ['implicit_select = 0', 'allow_introspection_functions = 0'];

// HTTP status by exception name, after the ClickHouse server's exceptionCodeToHTTPStatus.
const STATUS_BY_TYPE: Record<string, number> = {
	REQUIRED_PASSWORD: 401,
	UNKNOWN_USER: 403,
	WRONG_PASSWORD: 403,
	AUTHENTICATION_FAILED: 403,
	SET_NON_GRANTED_ROLE: 403,
	QUERY_IS_TOO_LARGE: 413,
	NOT_IMPLEMENTED: 501,
	SOCKET_TIMEOUT: 503,
	CANNOT_OPEN_FILE: 503,
	CANNOT_SCHEDULE_TASK: 503,
	TIMEOUT_EXCEEDED: 408
};
for (const t of [
	'BAD_ARGUMENTS',
	'CANNOT_COMPILE_REGEXP',
	'CANNOT_PARSE_TEXT',
	'CANNOT_PARSE_ESCAPE_SEQUENCE',
	'CANNOT_PARSE_QUOTED_STRING',
	'CANNOT_PARSE_DATE',
	'CANNOT_PARSE_DATETIME',
	'CANNOT_PARSE_NUMBER',
	'CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING',
	'CANNOT_PARSE_IPV4',
	'CANNOT_PARSE_IPV6',
	'CANNOT_PARSE_INPUT_ASSERTION_FAILED',
	'CANNOT_PARSE_UUID',
	'DUPLICATE_COLUMN',
	'ILLEGAL_COLUMN',
	'UNKNOWN_ELEMENT_IN_AST',
	'UNKNOWN_TYPE_OF_AST_NODE',
	'THERE_IS_NO_COLUMN',
	'TOO_DEEP_AST',
	'TOO_BIG_AST',
	'UNEXPECTED_AST_STRUCTURE',
	'SYNTAX_ERROR',
	'INCORRECT_DATA',
	'TYPE_MISMATCH',
	'VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE'
])
	STATUS_BY_TYPE[t] = 400;
for (const t of [
	'UNKNOWN_TABLE',
	'UNKNOWN_FUNCTION',
	'UNKNOWN_IDENTIFIER',
	'UNKNOWN_TYPE',
	'UNKNOWN_STORAGE',
	'UNKNOWN_DATABASE',
	'UNKNOWN_SETTING',
	'UNKNOWN_DIRECTION_OF_SORTING',
	'UNKNOWN_AGGREGATE_FUNCTION',
	'UNKNOWN_FORMAT',
	'UNKNOWN_DATABASE_ENGINE',
	'UNKNOWN_TYPE_OF_QUERY',
	'UNKNOWN_ROLE'
])
	STATUS_BY_TYPE[t] = 404;

const ENGINE_ERROR = /^Code: (\d+)\. DB::Exception: [\s\S]*\(([A-Z0-9_]+)\)(?: \(version [^)]*\))?\s*$/;
// chDB wraps some errors in copies of themselves: "Code: 27. DB::Exception: Code: 27. DB::Exception:
// <message>. (NAME) (version X). (NAME)"; a server sends the innermost one.
const WRAPPED = /^Code: (\d+)\. DB::Exception: (Code: \1\. DB::Exception: [\s\S]*) \(version [^)]*\)\. \([A-Z0-9_]+\)\s*$/;

type Failure = { code: number; type: string; text: string };

function toFailure(e: unknown, version: string): Failure {
	if (e instanceof ShimException)
		return { code: e.code, type: e.type, text: `Code: ${e.code}. DB::Exception: ${e.message}. (${e.type}) (version ${version})` };
	let text = e instanceof Error ? e.message : String(e);
	for (let m = WRAPPED.exec(text); m; m = WRAPPED.exec(text)) text = m[2]!;
	const m = ENGINE_ERROR.exec(text);
	if (m) {
		if (!/\(version [^)]*\)\s*$/.test(text)) text = `${text.trimEnd()} (version ${version})`;
		return { code: Number(m[1]), type: m[2]!, text };
	}
	// chDB's own errors without an engine code: a bad parameter value, or anything else.
	const bind = (e as { code?: unknown }).code === 'CHDB_BIND';
	const [code, type] = bind ? [457, 'BAD_QUERY_PARAMETER'] : [1001, 'STD_EXCEPTION'];
	return { code, type, text: `Code: ${code}. DB::Exception: ${text}. (${type}) (version ${version})` };
}

/** A ClickHouse SQL string literal. Used for SET values only (settings cannot be bound). */
function sqlString(value: string): string {
	const map: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\0': '\\0', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
	return `'${value.replace(/[\\'\0\b\f\n\r\t]/g, (c) => map[c]!)}'`;
}

/** A back-quoted identifier (for USE). */
function sqlIdentifier(name: string): string {
	return '`' + name.replace(/[\\`]/g, (c) => '\\' + c) + '`';
}

// --- Query parameters -----------------------------------------------------------------------
// On the wire a `param_x` value is ClickHouse's escaped text form (what the engine parses for the
// placeholder's type). chDB binds server-side too, but takes JS values: a string is TSV-escaped
// (only \ \0 \b \f \n \r \t; a quote is left alone) and null becomes \N. chdbParam finds the JS
// value whose escaping gives the engine the wire text back; nothing is pasted into SQL.

const TSV_UNESCAPE: Record<string, string> = { '\\': '\\', '0': '\0', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const TSV_ESCAPED = /[\0\b\f\n\r\t]/;

/** The string chDB escapes to exactly `raw`, if there is one. */
function invertTsvEscape(raw: string): string | undefined {
	let out = '';
	for (let i = 0; i < raw.length; i++) {
		const c = raw[i]!;
		if (c === '\\') {
			const d = TSV_UNESCAPE[raw[i + 1] ?? ''];
			if (d === undefined) return undefined;
			out += d;
			i++;
		} else if (TSV_ESCAPED.test(c)) return undefined;
		else out += c;
	}
	return out;
}

// ClickHouse's parseComplexEscapeSequence: \xHH, \N (nothing), the C escapes; an unknown escape keeps
// its backslash unless the character is one of these or a control character.
const UNESCAPE: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '0': '\0' };
const PLAIN_AFTER_BACKSLASH = new Set(['\\', "'", '"', '`', '/', '=', ':']);

function decodeEscape(raw: string, i: number, name: string): { text: string; next: number } {
	const c = raw[i + 1];
	if (c === undefined)
		throw new ShimException(457, 'BAD_QUERY_PARAMETER', `Value ${raw} of query parameter '${name}' ends with a backslash`);
	if (c === 'x') {
		const hex = raw.slice(i + 2, i + 4);
		if (!/^[0-9a-fA-F]{2}$/.test(hex))
			throw new ShimException(457, 'BAD_QUERY_PARAMETER', `Value ${raw} of query parameter '${name}' has a bad \\x escape`);
		const byte = parseInt(hex, 16);
		// A lone byte above 0x7F is not a character; a JS string cannot carry it to chDB.
		if (byte > 0x7f)
			throw new ShimException(48, 'NOT_IMPLEMENTED', `the ClickHouse shim cannot bind the byte escape \\x${hex} (query parameter '${name}')`);
		return { text: String.fromCharCode(byte), next: i + 4 };
	}
	if (c === 'N') return { text: '', next: i + 2 };
	const d = UNESCAPE[c] ?? c;
	const keep = !PLAIN_AFTER_BACKSLASH.has(d) && d.charCodeAt(0) > 31;
	return { text: keep ? '\\' + d : d, next: i + 2 };
}

/** The engine's reading of an escaped scalar (String, FixedString, Enum…). */
function decodeScalar(raw: string, name: string): string {
	let out = '';
	for (let i = 0; i < raw.length; ) {
		if (raw[i] === '\\') {
			const { text, next } = decodeEscape(raw, i, name);
			out += text;
			i = next;
		} else out += raw[i++];
	}
	return out;
}

/**
 * A composite (Array, Map, Tuple) is read as a literal with quoted strings, without a TSV
 * unescaping pass: rewrite each escape inside quotes to what it means, a quote as '' (which
 * survives chDB's escaping), a backslash or control character raw (chDB escapes it, the engine
 * reads it back).
 */
function decodeComposite(raw: string, name: string): string {
	let out = '';
	let quoted = false;
	for (let i = 0; i < raw.length; ) {
		const c = raw[i]!;
		if (c === '\\') {
			const { text, next } = decodeEscape(raw, i, name);
			out += quoted ? text.replaceAll("'", "''") : text;
			i = next;
			continue;
		}
		if (c === "'") {
			if (quoted && raw[i + 1] === "'") {
				out += "''";
				i += 2;
				continue;
			}
			quoted = !quoted;
		}
		out += c;
		i++;
	}
	return out;
}

function placeholderTypes(sql: string, name: string): string[] {
	const types: string[] = [];
	for (const m of sql.matchAll(/\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*([^{}]+?)\s*\}/g)) if (m[1] === name) types.push(m[2]!);
	return types;
}

function isComposite(type: string): boolean {
	let t = type.trim();
	for (let m = /^(?:Nullable|LowCardinality)\s*\(([\s\S]*)\)$/i.exec(t); m; m = /^(?:Nullable|LowCardinality)\s*\(([\s\S]*)\)$/i.exec(t))
		t = m[1]!.trim();
	return /^(?:Array|Map|Tuple|Nested)\s*\(/i.test(t);
}

/** The JS value to hand chDB's binder for the wire text `raw` of parameter `name`. */
function chdbParam(sql: string, name: string, raw: string): string | null {
	if (raw === '\\N') return null; // chDB sends \N for null: the same bytes
	const exact = invertTsvEscape(raw);
	if (exact !== undefined) return exact; // the engine gets `raw` byte for byte
	// Escapes chDB cannot reproduce (the client's \' above all): send what they mean.
	return placeholderTypes(sql, name).some(isComposite) ? decodeComposite(raw, name) : decodeScalar(raw, name);
}

// --- Requests --------------------------------------------------------------------------------

type Request = {
	method: string;
	sql: string;
	emptyInsert: boolean;
	params: Record<string, string>;
	settings: [string, string][];
	database?: string;
	format: string;
	queryId: string;
	compression?: { encoding: string; level?: number };
};

async function readBody(req: IncomingMessage): Promise<Buffer> {
	const encoding = String(req.headers['content-encoding'] ?? '')
		.trim()
		.toLowerCase();
	const chunks: Buffer[] = [];
	const sink = async (source: AsyncIterable<Buffer>) => {
		for await (const chunk of source) chunks.push(chunk);
	};
	let decoder: zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | zlib.ZstdDecompress | undefined;
	if (encoding === 'gzip' || encoding === 'x-gzip') decoder = zlib.createGunzip();
	else if (encoding === 'deflate') decoder = zlib.createInflate();
	else if (encoding === 'br') decoder = zlib.createBrotliDecompress();
	else if (encoding === 'zstd') decoder = zlib.createZstdDecompress();
	else if (encoding !== '' && encoding !== 'identity') {
		await sink(req); // drain it anyway
		throw new ShimException(1, 'UNSUPPORTED_METHOD', `Unknown Content-Encoding of HTTP request: ${encoding}`);
	}
	try {
		if (decoder) await pipeline(req, decoder, sink);
		else await sink(req);
	} catch (e) {
		throw new ShimException(271, 'CANNOT_DECOMPRESS', `Cannot decompress the request body (${encoding}): ${(e as Error).message}`);
	}
	return Buffer.concat(chunks);
}

/** The `query` and `param_*` parts of a multipart/form-data body. */
function parseMultipart(body: Buffer, contentType: string): Map<string, string> {
	const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
	if (!boundary) throw new ShimException(36, 'BAD_ARGUMENTS', 'multipart/form-data without a boundary');
	const parts = new Map<string, string>();
	const text = body.toString('utf8');
	for (const chunk of text.split(`--${boundary[1] ?? boundary[2]}`).slice(1)) {
		if (chunk.startsWith('--')) break;
		const head = chunk.indexOf('\r\n\r\n');
		if (head < 0) continue;
		const name = /name="([^"]*)"/i.exec(chunk.slice(0, head))?.[1];
		let value = chunk.slice(head + 4);
		if (value.endsWith('\r\n')) value = value.slice(0, -2);
		if (name === 'query' || name?.startsWith('param_')) parts.set(name, value);
		else throw new ShimException(48, 'NOT_IMPLEMENTED', `the ClickHouse shim does not support multipart part "${name}" (external tables)`);
	}
	return parts;
}

function responseCompression(req: IncomingMessage, settings: Map<string, string>): Request['compression'] {
	if (settings.get('enable_http_compression') !== '1' && settings.get('enable_http_compression') !== 'true') return undefined;
	const accepted = String(req.headers['accept-encoding'] ?? '')
		.split(',')
		.map((s) => s.split(';')[0]!.trim().toLowerCase());
	const encoding = accepted.find((e) => ['gzip', 'deflate', 'br', 'zstd'].includes(e));
	if (!encoding) return undefined;
	const level = Number(settings.get('http_zlib_compression_level'));
	return { encoding, level: Number.isInteger(level) && level >= 1 && level <= 9 ? level : undefined };
}

const INSERT = /^\s*(?:(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*INSERT\b/i;

/** `INSERT … FORMAT X` and no data after it: a server inserts nothing, chDB would fail. */
function isEmptyInsert(sql: string): boolean {
	const m = INSERT.exec(sql) && /\bFORMAT\s+\w+/i.exec(sql);
	return !!m && sql.slice(m.index + m[0].length).trim() === '';
}

async function parseRequest(req: IncomingMessage): Promise<Request> {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const method = req.method ?? 'GET';
	let body = method === 'POST' ? await readBody(req) : Buffer.alloc(0);
	const fields = new Map<string, string>();
	for (const [k, v] of url.searchParams) fields.set(k, v);
	let partQuery: string | undefined;
	const contentType = String(req.headers['content-type'] ?? '');
	if (method === 'POST' && /^multipart\/form-data/i.test(contentType)) {
		for (const [k, v] of parseMultipart(body, contentType)) {
			if (k === 'query') partQuery = v;
			else fields.set(k, v);
		}
		body = Buffer.alloc(0);
	}
	if (fields.has('session_id'))
		throw new ShimException(48, 'NOT_IMPLEMENTED', 'the ClickHouse shim does not support HTTP sessions (session_id)');
	if (fields.get('compress') === '1' || fields.get('decompress') === '1')
		throw new ShimException(48, 'NOT_IMPLEMENTED', 'the ClickHouse shim does not support ClickHouse framed compression (compress/decompress); use HTTP compression');

	const params: Record<string, string> = {};
	const settings = new Map<string, string>();
	for (const [k, v] of fields) {
		if (k.startsWith('param_')) params[k.slice('param_'.length)] = v;
		else if (!RESERVED.has(k)) settings.set(k, v);
	}
	const urlQuery = [fields.get('query'), partQuery].filter((q): q is string => !!q).join('\n');
	const text = body.toString('utf8');
	const sql = urlQuery && text ? `${urlQuery}\n${text}` : urlQuery || text;
	const header = (name: string) => {
		const v = req.headers[name];
		return typeof v === 'string' && v !== '' ? v : undefined;
	};
	return {
		method,
		sql,
		emptyInsert: isEmptyInsert(sql),
		params,
		settings: [...settings].filter(([k]) => !HTTP_SETTINGS.has(k)),
		database: fields.get('database') || header('x-clickhouse-database'),
		format: fields.get('default_format') || header('x-clickhouse-format') || 'TabSeparated',
		queryId: fields.get('query_id') || randomUUID(),
		compression: responseCompression(req, settings)
	};
}

/** The output format the reply is in, for its headers (the engine decides the bytes). */
function outputFormat(r: Request): string {
	if (INSERT.test(r.sql)) return r.format;
	const all = [...r.sql.matchAll(/\bFORMAT\s+([A-Za-z][A-Za-z0-9_]*)/gi)];
	return all.at(-1)?.[1] ?? r.format;
}

function contentType(format: string): string {
	if (/^JSON|^NDJSON/i.test(format)) return 'application/json; charset=UTF-8';
	if (/^(TSV|TabSeparated)/i.test(format)) return 'text/tab-separated-values; charset=UTF-8';
	if (/^CSV/i.test(format)) return 'text/csv; charset=UTF-8; header=absent';
	if (/^(Native|RowBinary|Parquet|Arrow|ORC|Avro|Protobuf|CapnProto|MsgPack)/i.test(format)) return 'application/octet-stream';
	return 'text/plain; charset=UTF-8';
}

function compress(data: Buffer, c: NonNullable<Request['compression']>): Buffer {
	if (c.encoding === 'gzip') return zlib.gzipSync(data, { level: c.level });
	if (c.encoding === 'deflate') return zlib.deflateSync(data, { level: c.level });
	if (c.encoding === 'br') return zlib.brotliCompressSync(data);
	return zlib.zstdCompressSync(data);
}

export async function startClickHouseShim(opts: { dataDir: string; port?: number }): Promise<ClickHouseShim> {
	const dataDir = resolve(opts.dataDir);
	mkdirSync(dataDir, { recursive: true });
	// Holds the engine for the shim's lifetime; each request gets a connection of its own.
	const anchor = new Session(dataDir);
	let version = 'unknown';
	let timezone = 'UTC';
	try {
		const [v, tz] = (await anchor.queryAsync('SELECT version(), timezone()', { format: 'TabSeparated' })).text().trim().split('\t');
		version = v ?? version;
		timezone = tz ?? timezone;
	} catch (e) {
		anchor.close();
		throw e;
	}

	const running = new Set<Promise<void>>();
	const sockets = new Set<Socket>();
	let server: Server | undefined;
	let port = opts.port ?? 0;
	let closed = false;

	async function execute(r: Request): Promise<ChdbResult | undefined> {
		if (r.sql.trim() === '') throw new ShimException(62, 'SYNTAX_ERROR', 'Empty query');
		const session = new Session(dataDir);
		try {
			// Undo what clickhouse-local changes from a server's defaults, then the request's own.
			const setup = [...SERVER_DEFAULTS];
			if (r.method === 'GET') setup.push('readonly = 2'); // as a server does for GET
			for (const [name, value] of r.settings) {
				if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ShimException(115, 'UNKNOWN_SETTING', `Unknown setting '${name}'`);
				setup.push(`${name} = ${sqlString(value)}`);
			}
			if (setup.length) await session.queryAsync(`SET ${setup.join(', ')}`);
			if (r.database) await session.queryAsync(`USE ${sqlIdentifier(r.database)}`);
			if (r.emptyInsert) return undefined;
			// A server parses one statement per request; chDB would run them all. The engine's own
			// parser tells (an INSERT's data is not SQL, so it is not asked about).
			if (r.sql.includes(';') && !INSERT.test(r.sql)) {
				try {
					await session.queryBindAsync('SELECT formatQuerySingleLine({q:String})', { q: r.sql }, { format: 'TabSeparated' });
				} catch (e) {
					const msg = e instanceof Error ? e.message : '';
					if (msg.includes('Multi-statements are not allowed'))
						throw new ShimException(62, 'SYNTAX_ERROR', msg.replace(/^Code: 62\. DB::Exception: /, '').replace(/[.]?\s*: In scope SELECT formatQuerySingleLine[\s\S]*$/, ''));
					// any other problem: the statement itself reports it below
				}
			}
			const names = Object.keys(r.params);
			if (names.length === 0) return await session.queryAsync(r.sql, { format: r.format });
			const bound: Record<string, string | null> = {};
			for (const name of names) bound[name] = chdbParam(r.sql, name, r.params[name]!);
			return await session.queryBindAsync(r.sql, bound, { format: r.format });
		} finally {
			session.close();
		}
	}

	function send(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer, c?: Request['compression']) {
		if (res.destroyed || res.headersSent) return;
		let data = body;
		if (c && req.method !== 'HEAD') {
			data = compress(body, c);
			headers['Content-Encoding'] = c.encoding;
		}
		headers['Content-Length'] = String(data.length);
		res.writeHead(status, headers);
		res.end(req.method === 'HEAD' ? undefined : data);
	}

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		res.on('error', () => {}); // the client went away (or stop() dropped it)
		const path = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = req.method ?? 'GET';
		if ((method === 'GET' || method === 'HEAD') && (path.pathname === '/ping' || (path.pathname === '/' && !path.searchParams.has('query')))) {
			send(req, res, 200, { 'Content-Type': 'text/html; charset=UTF-8' }, Buffer.from('Ok.\n'));
			return;
		}
		let queryId = path.searchParams.get('query_id') || randomUUID();
		let compression: Request['compression'];
		const started = process.hrtime.bigint();
		try {
			if (method !== 'GET' && method !== 'POST')
				throw new ShimException(1, 'UNSUPPORTED_METHOD', `HTTP method ${method} is not supported by the ClickHouse shim`);
			const r = await parseRequest(req);
			queryId = r.queryId;
			compression = r.compression;
			const result = await execute(r);
			const insert = INSERT.test(r.sql);
			const rows = String(result?.rowsRead ?? 0);
			const bytes = String(result?.bytesRead ?? 0);
			const body = result ? Buffer.from(result.bytes()) : Buffer.alloc(0);
			const summary = {
				read_rows: rows,
				read_bytes: bytes,
				written_rows: insert ? rows : '0',
				written_bytes: insert ? bytes : '0',
				total_rows_to_read: '0',
				result_rows: insert ? rows : '0',
				result_bytes: insert ? bytes : String(body.length),
				elapsed_ns: String(process.hrtime.bigint() - started)
			};
			const format = outputFormat(r);
			send(
				req,
				res,
				200,
				{
					'Content-Type': contentType(format),
					'X-ClickHouse-Server-Display-Name': 'chdb-http-shim',
					'X-ClickHouse-Query-Id': queryId,
					'X-ClickHouse-Format': format,
					'X-ClickHouse-Timezone': timezone,
					'X-ClickHouse-Summary': JSON.stringify(summary)
				},
				body,
				compression
			);
		} catch (e) {
			const f = toFailure(e, version);
			send(
				req,
				res,
				STATUS_BY_TYPE[f.type] ?? 500,
				{
					'Content-Type': 'text/plain; charset=UTF-8',
					'X-ClickHouse-Server-Display-Name': 'chdb-http-shim',
					'X-ClickHouse-Query-Id': queryId,
					'X-ClickHouse-Exception-Code': String(f.code)
				},
				Buffer.from(`${f.text}\n`),
				compression
			);
		}
	}

	async function start(): Promise<void> {
		if (closed) throw new Error('the ClickHouse shim is closed');
		if (server) return;
		const s = createServer((req, res) => {
			const p = handle(req, res).catch(() => {});
			running.add(p);
			void p.finally(() => running.delete(p));
		});
		s.keepAliveTimeout = 10_000; // sent as Keep-Alive: timeout=10, as a server does
		s.on('connection', (socket: Socket) => {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
		});
		await new Promise<void>((ok, fail) => {
			s.once('error', fail);
			s.listen(port, '127.0.0.1', () => {
				s.off('error', fail);
				ok();
			});
		});
		const address = s.address();
		if (address && typeof address === 'object') port = address.port;
		server = s;
	}

	async function stop(): Promise<void> {
		const s = server;
		if (!s) return;
		server = undefined;
		await new Promise<void>((ok) => {
			s.close(() => ok());
			for (const socket of sockets) socket.destroy();
		});
		// Let clients in this process see their pooled sockets close, so that the next request
		// connects afresh and is refused rather than written into a dead keep-alive socket.
		await new Promise((ok) => setTimeout(ok, 25));
	}

	async function close(): Promise<void> {
		if (closed) return;
		await stop();
		closed = true;
		await Promise.allSettled([...running]);
		anchor.close();
		await drainPending();
	}

	try {
		await start();
	} catch (e) {
		closed = true;
		anchor.close();
		await drainPending();
		throw e;
	}
	return {
		get url() {
			return `http://127.0.0.1:${port}`;
		},
		get port() {
			return port;
		},
		stop,
		start,
		close
	};
}
