/** What a TV link with ?rotate= cycles through: src/routes/wallboard/rotation.ts. */
import { describe, expect, it } from 'vitest';
import { rotationViews, viewKey } from '../../src/routes/wallboard/rotation.ts';

const sites = [
	{ id: 'panevezys', name: 'Panevėžys' },
	{ id: 'siauliai', name: 'Šiauliai' }
];
const keys = (own: (typeof sites)[number] | null, rotating: boolean, forecast: boolean) => rotationViews(own, sites, { rotating, forecast }).map(viewKey);

describe('rotation views', () => {
	it('without ?rotate shows the board it opened, and only that', () => {
		expect(keys(null, false, true)).toEqual(['centre']);
		expect(keys(sites[1]!, false, true)).toEqual(['siauliai']);
	});
	it('cycles the centre, each site, consultants by state, then the forecast', () => {
		expect(keys(null, true, true)).toEqual(['centre', 'panevezys', 'siauliai', 'consultants', 'forecast']);
	});
	it('keeps a site token to its own site, and leaves the forecast out while it has no line', () => {
		expect(keys(sites[1]!, true, true)).toEqual(['siauliai', 'consultants', 'forecast']);
		expect(keys(null, true, false)).toEqual(['centre', 'panevezys', 'siauliai', 'consultants']);
	});
});
