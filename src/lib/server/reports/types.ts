/**
 * The monthly report as plain, serialisable data (JSON in and out, no class instances, no
 * Dates): what /reports shows, what the XLSX, CSV and PDF exports render and what a frozen
 * month stores. Sections hold generic tables so each renderer walks them without knowing
 * what a section means; the raw stats and chart inputs are kept for the chart builders.
 *
 * Numbers are raw: rates as fractions (0.823, never "82,3 %"), durations in seconds,
 * counts as integers. Formatting belongs to the renderer, per column `format`.
 */
import type { PeriodStats, StatsFilter } from '../stats/periodStats.ts';
import type { AhtPoint, MonthlyPoint, YearlyPoint } from '../../charts/types.ts';
import type { ComparisonPoint, HeatCell, SiteLoadPoint } from '../../charts/reportTypes.ts';

export type { ComparisonPoint, HeatCell, SiteLoadPoint } from '../../charts/reportTypes.ts';

/** A text in both UI languages. */
export type { Bilingual } from '../../i18n/pick.ts';
import type { Bilingual } from '../../i18n/pick.ts';

/**
 * How a column's values are written: int (count), pct (fraction 0…1 shown as %), seconds
 * (duration in s, 1 decimal), decimal (plain number, 2 decimals), change (signed fraction, e.g.
 * month-on-month), text, date (YYYY-MM-DD), month (YYYY-MM).
 */
export type ColumnFormat = 'int' | 'pct' | 'seconds' | 'decimal' | 'change' | 'text' | 'date' | 'month';

export type ReportColumn = Bilingual & { key: string; format: ColumnFormat };

/**
 * null is "nothing to measure" (shown as –), never 0. A label that differs by language (a
 * topic, a weekday, "Total") is a Bilingual; `cellValue` in ./cells.ts picks the language.
 */
export type ReportCell = string | number | null | Bilingual;
export type ReportRow = Record<string, ReportCell>;

export type ReportTable = Bilingual & {
	/** Stable within its section: CSV's `table` column, part of an XLSX sheet name. */
	key: string;
	columns: ReportColumn[];
	rows: ReportRow[];
	/** Shown under the table (e.g. why per-site figures are answered calls only). */
	note?: Bilingual;
};

export const SECTION_KEYS = [
	'summary',
	'volumes',
	'service_level',
	'handle_time',
	'heat_map',
	'site_load',
	'callbacks',
	'e_inquiries',
	'ewt_accuracy',
	'forecast_accuracy',
	'comparison',
	'yearly_trend'
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export type ReportSection = Bilingual & {
	key: SectionKey;
	tables: ReportTable[];
	/** Shown under the section title, e.g. "no estimates stored for this month". */
	note?: Bilingual;
};

export type ReportDefinition = Bilingual & { key: string };

/** The chart inputs; the builder of each is named beside it (src/lib/charts/). */
export type ReportCharts = {
	/** yearlyVolumeOption: offered per year, up to the report's year. */
	yearly: YearlyPoint[];
	/** monthlyCallsOption: offered per month, the 13 months ending with the report's month. */
	monthly: MonthlyPoint[];
	/** weekdayHourHeatMapOption: 7 × 24 cells of the month. */
	heatMap: HeatCell[];
	/** ahtByTopicOption: AHT and its parts per topic in the month. */
	aht: AhtPoint[];
	/** reportSiteLoadOption: answered calls per site and their share. */
	siteLoad: SiteLoadPoint[];
	/** monthComparisonOption: main figures against the previous month and a year before. */
	comparison: ComparisonPoint[];
};

/** A figure that differs between a stored revision and the one replacing it. */
export type ReportChange = {
	section: string;
	table: string;
	/** The row's label (its first column), e.g. a topic or "Total". */
	row: ReportCell;
	column: string;
	before: ReportCell;
	after: ReportCell;
};

/** Set when the report comes from the store of closed months. */
export type StoredInfo = {
	revision: number;
	/** ISO UTC instant the revision was stored. */
	storedAt: string;
	/** Against the previous revision; [] for revision 1. */
	changes: ReportChange[];
	/** Why this revision was made: 'scheduled', 'cli', 'api'. */
	reason: string;
};

export type MonthlyReport = {
	/** Bumped when the shape changes, so a stored report says which shape it has. */
	schemaVersion: 1;
	/** YYYY-MM, a calendar month of the centre's zone. */
	month: string;
	filter: StatsFilter;
	timeZone: string;
	/** The month's local dates (inclusive) and its UTC bounds [fromMs, toMs). */
	period: { fromDate: string; toDate: string; fromMs: number; toMs: number };
	/** ISO UTC instant the figures were computed. */
	generatedAt: string;
	/** No contact in the month (with the filter): the report says so instead of empty tables. */
	empty: boolean;
	/** The month had not ended when the figures were computed (month to date). */
	inProgress: boolean;
	definitions: { version: string; items: ReportDefinition[] };
	/** Display names by id, so renderers need no configuration. */
	names: { topics: Record<string, Bilingual>; sites: Record<string, string> };
	sections: ReportSection[];
	charts: ReportCharts;
	/** Exactly what /api/stats answers for the month, the previous month and a year before. */
	stats: { month: PeriodStats; previousMonth: PeriodStats; sameMonthLastYear: PeriodStats };
	stored: StoredInfo | null;
	/**
	 * Set on a fresh recalculation of a month that has a stored revision (?fresh=1): what would
	 * change against that revision. The recalculation itself is not stored.
	 */
	recomputed?: { againstRevision: number; storedAt: string; changes: ReportChange[] } | null;
};
