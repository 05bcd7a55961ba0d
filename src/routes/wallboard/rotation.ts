/**
 * What a TV link with `?rotate=N` cycles through: the board it opened (the centre's, then each
 * site's; a site's token only its own), then the consultants by state per site (counts, never
 * names), then today's forecast while it has a line. Every view is read from what a wallboard
 * principal may read: the /live frames of its own view and GET /api/forecast/tv.
 */
import type { WallboardSite } from './wallboardData.ts';

export type BoardView = { kind: 'board'; site: WallboardSite | null } | { kind: 'consultants' } | { kind: 'forecast' };

export function rotationViews(own: WallboardSite | null, sites: WallboardSite[], opts: { rotating: boolean; forecast: boolean }): BoardView[] {
	const boards: BoardView[] = own ? [{ kind: 'board', site: own }] : [{ kind: 'board', site: null }, ...(opts.rotating ? sites.map((site) => ({ kind: 'board' as const, site })) : [])];
	if (!opts.rotating) return boards;
	return [...boards, { kind: 'consultants' }, ...(opts.forecast ? [{ kind: 'forecast' as const }] : [])];
}

/** The view's name in `data-view`: `centre`, a site's id, `consultants` or `forecast`. */
export function viewKey(view: BoardView): string {
	return view.kind === 'board' ? (view.site?.id ?? 'centre') : view.kind;
}
