/** When the wallboard's consultant tiles warn: src/routes/wallboard/thresholds.ts. */
import { describe, expect, it } from 'vitest';
import { availableLevel, lowerLevel } from '../../src/routes/wallboard/thresholds.ts';

const t = { warn: 2, alarm: 0 };

describe('available consultants', () => {
	it('judges the count while the centre is staffed: none free is an alarm, few a warning', () => {
		expect(availableLevel({ available: 0, loggedIn: 12 }, 0, t)).toBe('alarm');
		expect(availableLevel({ available: 2, loggedIn: 12 }, 3, t)).toBe('warn');
		expect(availableLevel({ available: 5, loggedIn: 12 }, 3, t)).toBe('ok');
	});

	it('says nothing for a closed centre: nobody signed in and nobody waiting (a TV left on at night)', () => {
		expect(availableLevel({ available: 0, loggedIn: 0 }, 0, t)).toBe('none');
		expect(lowerLevel(0, t), 'the plain rule would alarm').toBe('alarm');
	});

	it('alarms again as soon as a caller waits with nobody signed in', () => {
		expect(availableLevel({ available: 0, loggedIn: 0 }, 1, t)).toBe('alarm');
	});

	it('has nothing to judge before the first live state', () => {
		expect(availableLevel(null, null, t)).toBe('none');
	});
});
