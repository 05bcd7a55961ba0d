/**
 * The interval report: one local day per 15 or 30 minutes of the centre's clock, from the
 * 15-minute rollup (sql/queries/exports/interval_day.sql), as CSV (RFC 4180, UTF-8 with a BOM
 * for Excel) or XLSX (intervalXlsx.ts). Figures follow the one definition of each metric (computePeriodMetrics): rates
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

type Sum = number | string;
type Row = { slot: string; offered: Sum; answered: Sum; abandoned: Sum; short_abandoned: Sum; answered_in_sl: Sum; wait_answered_ms: Sum; talk_ms: Sum; hold_ms: Sum; wrap_ms: Sum };

const round = (v: number | null, digits: number) => (v === null ? null : Number(v.toFixed(digits)));

/** One interval's figures: rates as fractions, durations in seconds, null where nothing was measured. */
export type IntervalLine = {
	date: string;
	/** Local clock "HH:MM" where the interval starts and ends. */
	from: string;
	to: string;
	offered: number;
	answered: number;
	abandoned: number;
	short_abandoned: number;
	asa_s: number | null;
	service_level: number | null;
	aht_s: number | null;
};

/** The day's intervals with traffic, by the one definition of each metric (computePeriodMetrics). */
export async function intervalLines(db: ClickHouseClient, date: string, minutes: 15 | 30, filter: StatsFilter, timeZone: string): Promise<IntervalLine[]> {
	const rows = await queryRows<Row>(db, 'exports/interval_day', {
		from: Math.floor(startOfLocalDay(date, timeZone) / 1000),
		to: Math.floor(startOfLocalDay(addCalendarDays(date, 1), timeZone) / 1000),
		tz: timeZone,
		minutes,
		channel: filter.channel ?? 'voice',
		topic: filter.topic ?? '',
		site: filter.site ?? ''
	});
	return rows.map((r) => {
		// UInt64 sums arrive as JSON strings: numbers here, so the XLSX holds numbers.
		const n = (v: Sum) => Number(v);
		const m = computePeriodMetrics({
			offered: n(r.offered),
			answered: n(r.answered),
			abandoned: n(r.abandoned),
			short_abandoned: n(r.short_abandoned),
			answered_in_sl: n(r.answered_in_sl),
			wait_answered_ms: n(r.wait_answered_ms),
			talk_ms: n(r.talk_ms),
			hold_ms: n(r.hold_ms),
			wrap_ms: n(r.wrap_ms),
			wait_all_ms: 0,
			max_wait_ms: 0
		});
		return {
			date,
			from: r.slot,
			to: endOfSlot(r.slot, minutes),
			offered: m.offered ?? 0,
			answered: m.answered ?? 0,
			abandoned: m.abandoned ?? 0,
			short_abandoned: m.short_abandoned ?? 0,
			asa_s: round(m.asa_s, 1),
			service_level: round(m.service_level, 4),
			aht_s: round(m.aht_s, 1)
		};
	});
}

export const INTERVAL_HEADERS = HEADERS;

export async function renderIntervalCsv(
	db: ClickHouseClient,
	date: string,
	minutes: 15 | 30,
	filter: StatsFilter,
	timeZone: string,
	lang: 'lt' | 'en'
): Promise<Uint8Array> {
	const lines = [HEADERS[lang].map(csvField).join(',')];
	for (const l of await intervalLines(db, date, minutes, filter, timeZone)) {
		const fields = [l.date, `${l.from}–${l.to}`, l.offered, l.answered, l.abandoned, l.short_abandoned, l.asa_s, l.service_level, l.aht_s];
		lines.push(fields.map(csvField).join(','));
	}
	return new TextEncoder().encode('\uFEFF' + lines.join('\r\n') + '\r\n');
}

function endOfSlot(slot: string, minutes: number): string {
	const [h, m] = slot.split(':').map(Number) as [number, number];
	const end = h * 60 + m + minutes;
	return `${String(Math.floor(end / 60) % 24).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
}

export const intervalFileName = (date: string, minutes: number, filterKey: string, lang: 'lt' | 'en', ext: 'csv' | 'xlsx' = 'csv') =>
	`callboard-intervals-${date}-${minutes}min${filterKey === 'all' ? '' : `-${filterKey.replace(/[^a-z0-9]+/gi, '-')}`}-${lang}.${ext}`;
