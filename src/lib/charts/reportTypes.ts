/**
 * Chart inputs of the monthly report (src/lib/server/reports/types.ts), drawn by the option
 * builders beside this file on the /reports page and, server-side, in the PDF export.
 * Every series is complete: all 7 × 24 heat-map cells, every configured site and topic.
 */

/** One cell of the weekday × hour heat map of a month (local clock). */
export type HeatCell = {
	/** ISO weekday: 1 = Monday … 7 = Sunday. */
	weekday: number;
	/** Local hour 0 … 23. */
	hour: number;
	offered: number;
	/** Average wait of all callers in the cell, seconds; null when nobody called. */
	avgWaitS: number | null;
};

/** A site's share of the month's answered calls. */
export type SiteLoadPoint = {
	site: string;
	answered: number;
	/** answered ÷ all answered calls of the centre in the month; null when nothing was answered. */
	share: number | null;
	ahtS: number | null;
};

/** One figure of the month against the previous month and the same month a year before. */
export type ComparisonPoint = {
	/** A PeriodMetric key (offered, answered, asa_s, service_level, …). */
	metric: string;
	current: number | null;
	previousMonth: number | null;
	sameMonthLastYear: number | null;
};
