/**
 * The access rules by path, in one place. Everything is closed unless listed here as open;
 * each rule names the check a principal must pass.
 */
import type { Principal } from '../auth/principal.ts';
import { canIngest, canOperate, canOperateCentre, canRead, isAdmin } from '../auth/principal.ts';

/**
 * The path as the router sees it. :TRICKY: SvelteKit routes on the decoded path, so rules
 * checked against the raw one could be skipped with percent-encoding (`/api/%61dmin/tokens`
 * reached the admin route past the admin rule). This decodes exactly as SvelteKit does
 * (`%25` stays a literal percent); null when the path cannot be decoded.
 */
export function routedPath(rawPathname: string): string | null {
	try {
		return rawPathname.split('%25').map(decodeURI).join('%25');
	} catch {
		return null;
	}
}

/**
 * Paths anyone may open: health, the sign-in and first-admin pages, the language switch (it
 * only sets a cookie; a TV signed in by a ?token= link has no session to show), static assets.
 */
export function isPublicPath(path: string): boolean {
	return (
		path === '/healthz' ||
		path === '/login' ||
		// Signing out needs no rights, only the cookie it ends (a wallboard user, read-only, was
		// refused it); the cross-site check for writes still applies.
		path === '/logout' ||
		path === '/setup' ||
		path === '/lang' ||
		path === '/favicon.svg' ||
		path.startsWith('/_app/')
	);
}

export type Rule = { check: (p: Principal | null) => boolean; what: string };

const rules: [RegExp, Rule][] = [
	[/^\/api\/admin(\/|$)/, { check: isAdmin, what: 'an admin' }],
	[/^\/api\/ingest\/rejected$/, { check: canOperateCentre, what: 'an admin or a supervisor of every site' }],
	// Lists name consultants and callers' contacts: not for wallboard screens.
	[/^\/api\/contacts$/, { check: canOperate, what: 'an admin or supervisor' }],
	[/^\/consultants(\/|$)/, { check: canOperate, what: 'an admin or supervisor' }],
	[/^\/api\/ingest$/, { check: canIngest, what: 'an ingest or admin token' }],
	// The IVR asks for the wait to announce with its service token (an ingest token).
	[/^\/api\/ewt$/, { check: (p) => canIngest(p) || canOperate(p), what: 'an ingest token, an admin or a supervisor' }],
	[/^\/api\/ewt\/accuracy$/, { check: canOperate, what: 'an admin or supervisor' }],
	// The forecast panel is for supervisors; TVs read only /api/forecast/tv's one line per topic.
	[/^\/api\/forecast$/, { check: canOperate, what: 'an admin or supervisor' }],
	// Monthly reports are for the management unit, not for wallboard screens.
	[/^\/(api\/)?reports(\/|$)/, { check: canOperate, what: 'an admin or supervisor' }],
	[/^\/metrics$/, { check: canOperateCentre, what: 'an admin or a supervisor of every site' }],
	[/^\/admin(\/|$)/, { check: isAdmin, what: 'an admin' }]
];

const readRule: Rule = { check: (p) => canRead(p, p?.site ?? null), what: 'a reader (supervisor, admin or wallboard)' };

/** The rule for a path; reading is the default for every closed path. */
export function ruleFor(path: string): Rule {
	for (const [re, rule] of rules) if (re.test(path)) return rule;
	return readRule;
}

/**
 * What a wallboard principal (a TV, by token or signed in) may open: its board and what the board
 * needs (GET /api/live, which also says why a socket was refused, and /api/forecast/tv's one line
 * per topic; the /live socket itself is
 * upgrade.ts's). Not the dashboard, figures, trends, staffing, contacts or reports: a TV's URL
 * copied from the wall opened the management view.
 */
export function isWallboardPath(path: string): boolean {
	return path === '/wallboard' || path.startsWith('/wallboard/') || path === '/api/live' || path === '/api/forecast/tv';
}

/**
 * Where a token may come in the URL (`?token=`, GET only): where a TV needs it, since a TV
 * cannot set headers. Everywhere else a token belongs in the Authorization header: a URL ends up
 * in browser history and proxy logs. (Which tokens: wallboard only, authenticate.ts.)
 */
export const acceptsUrlToken = isWallboardPath;

/** Methods that change state. A wallboard (read-only) never gets past these. */
export function isWrite(method: string): boolean {
	return !['GET', 'HEAD', 'OPTIONS'].includes(method);
}

/**
 * The site a request asks about (`?site=` or a `[site]` route parameter). A principal
 * limited to one site may ask only about that site; this is checked here for every route.
 */
export function requestedSite(url: URL, params: Partial<Record<string, string>>): string | null {
	return params.site ?? url.searchParams.get('site');
}

export function siteAllowed(p: Principal | null, site: string | null): boolean {
	return !p || p.site === null || site === null || site === p.site;
}
