/**
 * The dates a figures request may name: 2000-01-01 to 2099-12-31 (the centre's dates). Outside
 * them ClickHouse's DateTime cannot hold the bounds (before 1970 it failed with a 500), and no
 * contact centre's data is there; named in the 400 so the caller knows what to send.
 */
export const FIRST_DATE = '2000-01-01';
export const LAST_DATE = '2099-12-31';

/** Why `value` (a valid YYYY-MM-DD) is out of range; null when it is in it. */
export function dateRangeProblem(name: string, value: string): string | null {
	return value < FIRST_DATE || value > LAST_DATE ? `${name} must be a date from ${FIRST_DATE} to ${LAST_DATE}, got "${value}"` : null;
}
