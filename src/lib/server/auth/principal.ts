/**
 * Who is asking, and what each role may do. Four roles:
 * - admin: everything, including people and tokens;
 * - supervisor: reads every site, or one (a site's team leader: `site` set), signs in with a password;
 * - wallboard: reads, optionally one site only (a TV in that centre);
 * - ingest: writes events, reads nothing (a PBX connector, the IVR's wait lookup).
 */
export const ROLES = ['admin', 'supervisor', 'wallboard', 'ingest'] as const;
export type Role = (typeof ROLES)[number];

export type Principal = {
	kind: 'user' | 'token' | 'env-admin';
	/** Username or token id. */
	id: string;
	/** What to show: display name or token name. */
	name: string;
	role: Role;
	/** The one site this principal may see; null for all sites. */
	site: string | null;
	/** Ingest tokens: the event streams it may write to ('*': any). Absent: no limit (people, admins). */
	streams?: readonly string[];
};

/** An event stream's name (POST /api/ingest?stream=NAME): one PBX or connector. */
export function isStreamName(name: string): boolean {
	return /^[\w.@-]{1,100}$/.test(name);
}

/** The rule for stream names, for error messages. */
export const STREAM_NAME_RULE = 'a stream name is 1–100 letters, digits, ".", "@", "_" or "-"';

export function isRole(value: string): value is Role {
	return (ROLES as readonly string[]).includes(value);
}

/** May read dashboards and figures (of `site`, when given). */
export function canRead(p: Principal | null, site?: string | null): boolean {
	if (!p || p.role === 'ingest') return false;
	if (p.site === null) return true;
	return site != null && site === p.site;
}

/** May read figures of the whole centre (all sites). */
export function canReadAll(p: Principal | null): boolean {
	return !!p && p.role !== 'ingest' && p.site === null;
}

export function canIngest(p: Principal | null): boolean {
	return !!p && (p.role === 'ingest' || p.role === 'admin');
}

/** The stream a request names none for: the first the token was issued for, else its id. */
export function defaultStream(p: Principal): string {
	const first = p.streams?.[0];
	return first !== undefined && first !== '*' ? first : p.id;
}

/** May write events to the named stream. */
export function canIngestStream(p: Principal | null, stream: string): boolean {
	return canIngest(p) && (!p!.streams || p!.streams.includes('*') || p!.streams.includes(stream));
}

/** The username of a person signed in with a session; null for tokens and the environment's admin. */
export function signedInUser(p: Principal | null | undefined): string | null {
	return p?.kind === 'user' ? p.id : null;
}

export function isAdmin(p: Principal | null): boolean {
	return !!p && p.role === 'admin';
}

/** Operator views (/metrics, rejected records): admins and supervisors. */
export function canOperate(p: Principal | null): boolean {
	return !!p && (p.role === 'admin' || p.role === 'supervisor');
}

/**
 * Operator views of the whole centre (/metrics, rejected records: neither is filtered by site):
 * admins and supervisors of every site, not a site's team leader.
 */
export function canOperateCentre(p: Principal | null): boolean {
	return canOperate(p) && p!.site === null;
}
