/**
 * The interval report: one local day per 15 or 30 minutes of the centre's clock, from the
 * 15-minute rollup (sql/queries/exports/interval_day.sql), as CSV (RFC 4180, UTF-8 with a BOM
 * for Excel). Figures follow the one definition of each metric (computePeriodMetrics): rates
 * as fractions, durations in seconds, empty where there was nothing to measure.
 * Call figures are voice unless a channel is chosen, as in the monthly report.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import { addCalendarDays } from '../calendar/holidays.ts';
import { queryRows } from '../clickhouse/sql.ts';
import { computePeriodMetrics } from '../../metrics/definitions.ts';
import { csvField } from '../reports/csv.ts';
import { startOfLocalDay } from '../stats/periodRange.ts';
import type { StatsFilter } from '../stats/periodStats.ts';

const HEADERS = {
	lt: ['Data', 'Intervalas', 'Gauta', 'Atsiliepta', 'Atsisakė', 'Trumpi atsisakymai', 'ASA, s', 'Aptarnavimo lygis', 'AHT, s'],
	en: ['Date', 'Interval', 'Offered', 'Answered', 'Abandoned', 'Short abandons', 'ASA, s', 'Service level', 'AHT, s']
};

type Row = {
	slot: string;
	offered: number;
	answered: number;
	abandoned: number;
	short_abandoned: number;
	answered_in_sl: number;
	wait_answered_ms: number;
	talk_ms: number;
	hold_ms: number;
	wrap_ms: number;
};

const round = (v: number | null, digits: number) => (v === null ? null : Number(v.toFixed(digits)));

export async function renderIntervalCsv(
	db: ClickHouseClient,
	date: string,
	minutes: 15 | 30,
	filter: StatsFilter,
	timeZone: string,
	lang: 'lt' | 'en'
): Promise<Uint8Array> {
	const rows = await queryRows<Row>(db, 'exports/interval_day', {
		from: Math.floor(startOfLocalDay(date, timeZone) / 1000),
		to: Math.floor(startOfLocalDay(addCalendarDays(date, 1), timeZone) / 1000),
		tz: timeZone,
		minutes,
		channel: filter.channel ?? 'voice',
		topic: filter.topic ?? '',
		site: filter.site ?? ''
	});
	const lines = [HEADERS[lang].map(csvField).join(',')];
	for (const r of rows) {
		const m = computePeriodMetrics({ ...r, offered: Number(r.offered), wait_all_ms: 0, max_wait_ms: 0 });
		const to = endOfSlot(r.slot, minutes);
		const fields = [date, `${r.slot}–${to}`, m.offered, m.answered, m.abandoned, m.short_abandoned, round(m.asa_s, 1), round(m.service_level, 4), round(m.aht_s, 1)];
		lines.push(fields.map((f) => csvField(f === undefined ? null : (f as string | number | null))).join(','));
	}
	return new TextEncoder().encode('\uFEFF' + lines.join('\r\n') + '\r\n');
}

function endOfSlot(slot: string, minutes: number): string {
	const [h, m] = slot.split(':').map(Number) as [number, number];
	const end = h * 60 + m + minutes;
	return `${String(Math.floor(end / 60) % 24).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
}

export const intervalFileName = (date: string, minutes: number, filterKey: string, lang: 'lt' | 'en') =>
	`callboard-intervals-${date}-${minutes}min${filterKey === 'all' ? '' : `-${filterKey.replace(/[^a-z0-9]+/gi, '-')}`}-${lang}.csv`;
