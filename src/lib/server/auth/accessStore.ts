/**
 * People, tokens and one-time links, kept in ClickHouse (the one store). Lookups on the
 * request path are cached for a few seconds (lookupCache.ts): a revoked token stops working
 * within CACHE.freshMs on every server process, without a query per request. While ClickHouse
 * cannot be reached, the last answer is kept (up to CACHE.staleMs): PBX connectors must still be
 * able to hand events to the spool, and TVs keep their screens, during an outage.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '../clickhouse/sql.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { digest, newId, newToken } from './secrets.ts';
import { STREAM_NAME_RULE, isRole, isStreamName, type Principal, type Role } from './principal.ts';
import { LookupCache } from './lookupCache.ts';
import type { Session } from './sessionCookie.ts';

const CACHE = { freshMs: 5_000, refreshAheadMs: 1_000, staleMs: 24 * 3600_000 };

export type UserRow = { username: string; display_name: string; role: string; site: string; disabled: number };
export type TokenRow = { id: string; name: string; role: string; site: string; streams: string[]; revoked: number; created_ms: number };

/** Which rule a refusal broke, for pages that say it in the user's language. */
export type AccessProblem = 'username' | 'password' | 'exists' | 'missing' | 'stream' | 'site' | 'self' | 'other';

/** A refusal with an English sentence (the CLI and the API show it) and its kind. */
export class AccessError extends Error {
	override name = 'AccessError';
	readonly problem: AccessProblem;
	constructor(message: string, problem: AccessProblem = 'other') {
		super(message);
		this.problem = problem;
	}
}

/**
 * :TRICKY: server code is loaded twice in one process (our entry and the SvelteKit bundle),
 * so an error thrown by the shared AccessStore is not `instanceof` the route's copy of the
 * class. Errors that cross that line are recognised by name.
 */
export function isAccessError(e: unknown): e is AccessError {
	return e instanceof Error && e.name === 'AccessError';
}

/** What addUser refuses before it asks the store; the normalised username. */
function checkNewUser(input: { username: string; password: string; role: Role; site?: string | null }): string {
	const username = input.username.trim().toLowerCase();
	if (!/^[a-z0-9._-]{2,64}$/.test(username))
		throw new AccessError('a username is 2–64 characters: Latin letters without diacritics, digits, ".", "_" or "-"', 'username');
	const problem = passwordProblem(input.password);
	if (problem) throw new AccessError(problem, 'password');
	if (input.role === 'ingest') throw new AccessError('ingest is for tokens, not for people who sign in');
	// A team leader of one site is a supervisor limited to it (every figure is filtered to it,
	// other sites are refused: the same rules as a site's TV). Not an admin: a site-limited admin
	// could still issue itself an all-sites token.
	if (input.site && input.role === 'admin') throw new AccessError('admins read every site; only supervisors and wallboards can be limited to one site');
	return username;
}

export class AccessStore {
	readonly #db: ClickHouseClient;
	readonly #tokenCache = new LookupCache<Principal | null>(CACHE);
	readonly #userCache = new LookupCache<Principal | null>(CACHE);
	readonly #endedCache = new LookupCache<boolean>(CACHE);
	/** First-admin set-ups, one at a time (createFirstAdmin). */
	#setupTurn: Promise<unknown> = Promise.resolve();

	/** The configured sites' ids: a site-limited user or token must name one (null: not checked). */
	readonly #sites: ReadonlySet<string> | null;

	constructor(db: ClickHouseClient, siteIds: readonly string[] | null = null) {
		this.#db = db;
		this.#sites = siteIds && new Set(siteIds);
	}

	/** A site-limited user or token that can never see anything is refused, whichever way it is made. */
	#checkSite(site: string | null | undefined): void {
		if (site && this.#sites && !this.#sites.has(site)) throw new AccessError(`unknown site "${site}"`, 'site');
	}

	/** Forget cached lookups (after a change made by this process). */
	invalidate(): void {
		this.#tokenCache.clear();
		this.#userCache.clear();
		this.#endedCache.clear();
	}

	// --- people -------------------------------------------------------------------------

	async listUsers(): Promise<UserRow[]> {
		return queryRows<UserRow>(this.#db, 'access/users');
	}

	async hasActiveAdmin(): Promise<boolean> {
		return (await this.listUsers()).some((u) => u.role === 'admin' && !u.disabled);
	}

	async addUser(input: {
		username: string;
		password: string;
		role: Role;
		displayName?: string;
		site?: string | null;
	}): Promise<void> {
		const username = checkNewUser(input);
		this.#checkSite(input.site);
		const existing = await queryRows<UserRow>(this.#db, 'access/user_by_name', { username });
		if (existing.length && !existing[0]!.disabled) throw new AccessError(`user "${username}" already exists`, 'exists');
		await this.#writeUser({
			username,
			display_name: input.displayName?.trim() || username,
			role: input.role,
			site: input.site ?? '',
			password_hash: await hashPassword(input.password),
			disabled: 0
		});
	}

	/**
	 * The first admin, through the one-time set-up code: 'invalid' when an admin exists or the
	 * code is unknown, used or expired. Two requests with one code at once make one admin: they
	 * take turns in this process, and the code is spent before the slow password hash, so another
	 * server process sees it spent after two queries rather than after the hash. Input the new
	 * user would be refused for is refused before the code is spent (it can be corrected and sent again).
	 */
	async createFirstAdmin(code: string, username: string, password: string): Promise<'created' | 'invalid'> {
		// Refused at once when it cannot succeed: /setup answers anyone, and a flood of wrong codes
		// must not queue in front of the right one.
		if ((await this.hasActiveAdmin()) || !(await this.setupCodeValid(code))) return 'invalid';
		const turn = this.#setupTurn.then(async () => {
			if ((await this.hasActiveAdmin()) || !(await this.setupCodeValid(code))) return 'invalid' as const;
			const input = { username, password, role: 'admin' as const };
			checkNewUser(input);
			await this.consumeSetupCode(code);
			await this.addUser(input);
			return 'created' as const;
		});
		this.#setupTurn = turn.catch(() => {});
		return turn;
	}

	async setPassword(name: string, password: string): Promise<void> {
		const username = name.trim().toLowerCase(); // as stored by addUser
		const problem = passwordProblem(password);
		if (problem) throw new AccessError(problem, 'password');
		const [row] = await queryRows<UserRow & { password_hash: string }>(this.#db, 'access/user_by_name', { username });
		if (!row || row.disabled) throw new AccessError(`no user "${username}"`, 'missing');
		await this.#writeUser({ ...row, password_hash: await hashPassword(password) });
	}

	/** Disables a user; `by`, the signed-in user doing it, may not lock themselves out. */
	async disableUser(name: string, by: string | null = null): Promise<void> {
		const username = name.trim().toLowerCase(); // as stored by addUser
		if (by !== null && by === username) throw new AccessError('you cannot disable yourself: ask another administrator', 'self');
		const [row] = await queryRows<UserRow & { password_hash: string }>(this.#db, 'access/user_by_name', { username });
		if (!row) throw new AccessError(`no user "${username}"`, 'missing');
		await this.#writeUser({ ...row, disabled: 1 });
	}

	async #writeUser(row: UserRow & { password_hash: string }): Promise<void> {
		await this.#db.insert({
			table: 'users',
			values: [{ ...row, updated_at: Date.now() }],
			format: 'JSONEachRow'
		});
		this.invalidate();
	}

	/** Checks a password; the principal on success, null otherwise (same time either way). */
	async signIn(username: string, password: string): Promise<Principal | null> {
		const name = username.trim().toLowerCase();
		const [row] = await queryRows<UserRow & { password_hash: string }>(this.#db, 'access/user_by_name', {
			username: name
		});
		// Verify against a dummy hash when the user is unknown, so timing does not tell.
		const hash = row?.password_hash ?? DUMMY_HASH;
		const ok = await verifyPassword(password, hash);
		if (!row || !ok || row.disabled || !isRole(row.role)) return null;
		return toUserPrincipal(row);
	}

	/**
	 * The principal behind a session (null when the session was ended by signing out, the user
	 * is disabled or gone, or the password changed since the session began).
	 */
	async userPrincipal(session: Session): Promise<Principal | null> {
		if (session.sessionId !== undefined && (await this.sessionEnded(session.sessionId))) return null;
		return this.#userCache.get(`${session.username}|${session.passwordVersion}`, async () => {
			const [row] = await queryRows<UserRow & { password_hash: string }>(this.#db, 'access/user_by_name', { username: session.username });
			if (!row || row.disabled || !isRole(row.role) || passwordVersion(row.password_hash) !== session.passwordVersion) return null;
			return toUserPrincipal(row);
		});
	}

	/**
	 * Ends one session on every server process (this one at once, others within CACHE.freshMs):
	 * its cookie, and any copy of it, stops working. Kept until the cookie would have expired.
	 */
	async endSession(sessionId: string, expiresAt: number): Promise<void> {
		await this.#db.insert({
			table: 'ended_sessions',
			values: [{ session_id: sessionId, ended_at: Date.now(), expires_at: expiresAt }],
			format: 'JSONEachRow'
		});
		// Only this cache: clearing them all sent every TV's and IVR's token back to ClickHouse at each sign-out.
		this.#endedCache.clear();
	}

	async sessionEnded(sessionId: string): Promise<boolean> {
		return this.#endedCache.get(sessionId, async (key) => {
			const rows = await queryRows<{ session_id: string }>(this.#db, 'access/ended_session', { session_id: key });
			return rows.length > 0;
		});
	}

	/** The current password version of a user, for a new session; null when there is no such user. */
	async passwordVersionOf(username: string): Promise<string | null> {
		const [row] = await queryRows<UserRow & { password_hash: string }>(this.#db, 'access/user_by_name', { username });
		return row && !row.disabled ? passwordVersion(row.password_hash) : null;
	}

	// --- tokens -------------------------------------------------------------------------

	/**
	 * Creates a token; the secret is returned once and never stored. An ingest token writes to
	 * the `streams` given ('*': any; the first is its default) or, given none, only to a stream
	 * named by its id.
	 */
	async createToken(input: { name: string; role: Role; site?: string | null; streams?: readonly string[] | null }): Promise<{ id: string; token: string }> {
		if (input.role === 'supervisor') throw new AccessError('supervisors sign in with a password; use admin, wallboard or ingest');
		if (input.site && input.role !== 'wallboard') throw new AccessError('only wallboard tokens can be limited to one site');
		this.#checkSite(input.site);
		const given = input.streams ?? [];
		if (given.length > 0 && input.role !== 'ingest') throw new AccessError('only ingest tokens write to event streams');
		const bad = given.find((s) => s !== '*' && !isStreamName(s));
		if (bad !== undefined) throw new AccessError(`"${bad}": ${STREAM_NAME_RULE}`, 'stream');
		const id = newId();
		// Only ingest tokens write; the column's default ('*', for tokens issued before it) means nothing for the others.
		const streams = input.role !== 'ingest' ? [] : given.length > 0 ? [...new Set(given)] : [id];
		const token = newToken();
		const now = Date.now();
		await this.#db.insert({
			table: 'api_tokens',
			values: [
				{
					id,
					name: input.name.trim() || `${input.role} token`,
					role: input.role,
					site: input.site ?? '',
					streams,
					token_hash: digest(token),
					created_at: now,
					revoked: 0,
					updated_at: now
				}
			],
			format: 'JSONEachRow'
		});
		this.invalidate();
		return { id, token };
	}

	async listTokens(): Promise<TokenRow[]> {
		return queryRows<TokenRow>(this.#db, 'access/tokens');
	}

	async revokeToken(id: string): Promise<void> {
		const [row] = await queryRows<TokenRow & { token_hash: string }>(this.#db, 'access/token_by_id', { id });
		if (!row) throw new AccessError(`no token with id "${id}"`, 'missing');
		await this.#db.insert({
			table: 'api_tokens',
			values: [{ ...row, created_at: row.created_ms, created_ms: undefined, revoked: 1, updated_at: Date.now() }],
			format: 'JSONEachRow'
		});
		this.invalidate();
	}

	async tokenPrincipal(token: string): Promise<Principal | null> {
		return this.#tokenCache.get(digest(token), async (key) => {
			const [row] = await queryRows<TokenRow>(this.#db, 'access/token_by_hash', { token_hash: key });
			if (!row || row.revoked || !isRole(row.role)) return null;
			const principal: Principal = { kind: 'token', id: row.id, name: row.name, role: row.role, site: row.site || null };
			if (row.role === 'ingest') principal.streams = row.streams;
			return principal;
		});
	}

	// --- one-time sign-in links ------------------------------------------------------

	/** A code for the first-admin set-up page, valid for `ttlMs`. */
	async createSetupCode(ttlMs: number): Promise<string> {
		const code = newToken().slice(3);
		const now = Date.now();
		await this.#db.insert({
			table: 'sign_in_links',
			values: [{ code_hash: digest(code), purpose: 'first-admin', expires_at: now + ttlMs, used: 0, updated_at: now }],
			format: 'JSONEachRow'
		});
		return code;
	}

	async setupCodeValid(code: string): Promise<boolean> {
		const [row] = await queryRows<{ purpose: string; expires_ms: number; used: number }>(this.#db, 'access/sign_in_link', {
			code_hash: digest(code)
		});
		return !!row && row.purpose === 'first-admin' && !row.used && row.expires_ms > Date.now();
	}

	/** Marks a code used; the first admin is created only once per code. */
	async consumeSetupCode(code: string): Promise<void> {
		const now = Date.now();
		await this.#db.insert({
			table: 'sign_in_links',
			values: [{ code_hash: digest(code), purpose: 'first-admin', expires_at: now, used: 1, updated_at: now }],
			format: 'JSONEachRow'
		});
	}

	// --- shared secrets --------------------------------------------------------------

	/** A named secret shared by all server processes, created on first use. */
	async sharedSecret(name: string, create: () => string): Promise<string> {
		const read = async () =>
			(await queryRows<{ value: string; n: number }>(this.#db, 'access/secret', { name }))[0];
		const found = await read();
		if (found && found.n > 0) return found.value;
		await this.#db.insert({
			table: 'app_secrets',
			values: [{ name, value: create(), created_at: Date.now() }],
			format: 'JSONEachRow'
		});
		return (await read())!.value;
	}
}

/** Changes whenever the password (its salted hash) changes; reveals nothing about it. */
export function passwordVersion(passwordHash: string): string {
	return digest(`session-version:${passwordHash}`).slice(0, 16);
}

function toUserPrincipal(row: UserRow): Principal {
	return {
		kind: 'user',
		id: row.username,
		name: row.display_name || row.username,
		role: row.role as Role,
		site: row.site || null
	};
}

// A valid scrypt hash of a random password, so unknown users cost the same time.
const DUMMY_HASH =
	'scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA$Jq3b8mX6WQ3oQe5m4hIh3bQ2vJw4o9k3T3y8cQmJk1Y';
