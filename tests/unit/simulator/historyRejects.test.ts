/**
 * Issue #14 item 7: the demo's own history was refused in part at every first start (its
 * e-inquiries answered after more than 7 days), so the admin page opened on a wall of rejected
 * records. A month in which the simulator answers e-inquiries weeks late must parse whole.
 */
import { describe, expect, it } from 'vitest';
import { parseNdjsonLine } from '../../../ingest/parsers/ndjson.ts';
import { simulateHistory } from '../../../ingest/simulator/index.ts';
import { parseContext } from './ndjsonCheck.ts';
import { config } from './simHelpers.ts';

describe('simulated history', () => {
	it('a month with e-inquiries answered weeks late gives no rejected record', () => {
		const rejected: string[] = [];
		let late = 0;
		for (const line of simulateHistory({ config, seed: 1, from: new Date('2025-12-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') })) {
			const [r] = parseNdjsonLine(line, parseContext);
			if (r?.kind === 'rejected') rejected.push(`${r.rejected.reason}: ${line}`);
			else if (r?.kind === 'contact' && r.contact.waitMs > 7 * 86_400_000) late++;
		}
		expect(late).toBeGreaterThan(0); // the month holds the case
		expect(rejected.slice(0, 3)).toEqual([]);
	}, 60_000);
});
