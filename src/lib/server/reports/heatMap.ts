/**
 * The weekday × hour grid of a month, every one of the 7 × 24 cells present (0 calls, null
 * wait where nobody called). Filtered to a site, a cell holds that site's answered calls and
 * their ASA: callers still waiting belong to the topic queues, not to a site (SITE_SCOPE_NOTE).
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { queryRows } from '../clickhouse/sql.ts';
import type { UtcRange } from '../stats/periodRange.ts';
import type { StatsFilter } from '../stats/periodStats.ts';
import type { HeatCell } from './types.ts';

type Row = { weekday: number; hour: number; offered: number; answered: number; wait_all_ms: number; wait_answered_ms: number };

export async function weekdayHourGrid(db: ClickHouseClient, range: UtcRange, filter: StatsFilter, timeZone: string): Promise<HeatCell[]> {
	const rows = await queryRows<Row>(db, 'reports/heat_map', {
		tz: timeZone,
		from: Math.floor(range.fromMs / 1000),
		to: Math.floor(range.toMs / 1000),
		topic: filter.topic ?? '',
		site: filter.site ?? '',
		channel: filter.channel ?? ''
	});
	const byCell = new Map(rows.map((r) => [`${r.weekday}:${r.hour}`, r]));
	const cells: HeatCell[] = [];
	for (let weekday = 1; weekday <= 7; weekday++)
		for (let hour = 0; hour < 24; hour++) {
			const r = byCell.get(`${weekday}:${hour}`);
			const [n, waitMs] = filter.site ? [r?.answered ?? 0, r?.wait_answered_ms ?? 0] : [r?.offered ?? 0, r?.wait_all_ms ?? 0];
			cells.push({ weekday, hour, offered: n, avgWaitS: n > 0 ? waitMs / n / 1000 : null });
		}
	return cells;
}
