/**
 * Figure-by-figure difference between two reports of the same month: every table cell whose
 * value changed, rows matched by their label (first column), so a stored revision can say
 * exactly what a recalculation changed. Numbers are compared exactly: a report that changes
 * "silently" by a rounding would still be a change.
 */
import type { MonthlyReport, ReportCell, ReportChange, ReportRow, ReportTable } from './types.ts';

const key = (c: ReportCell | undefined) => JSON.stringify(c ?? null);

function rowsByLabel(t: ReportTable): Map<string, ReportRow> {
	const first = t.columns[0]?.key ?? '';
	return new Map(t.rows.map((r) => [key(r[first]), r]));
}

export function diffReports(before: MonthlyReport, after: MonthlyReport): ReportChange[] {
	const changes: ReportChange[] = [];
	if (before.definitions.version !== after.definitions.version)
		changes.push({ section: 'definitions', table: 'definitions', row: 'version', column: 'version', before: before.definitions.version, after: after.definitions.version });
	const tablesOf = (r: MonthlyReport) => new Map(r.sections.flatMap((s) => s.tables.map((t) => [`${s.key}/${t.key}`, { section: s.key, t }] as const)));
	const old = tablesOf(before);
	const now = tablesOf(after);
	for (const id of new Set([...old.keys(), ...now.keys()])) {
		const a = old.get(id);
		const b = now.get(id);
		const section = (a ?? b)!.section;
		const tableKey = (a ?? b)!.t.key;
		const aRows = a ? rowsByLabel(a.t) : new Map<string, ReportRow>();
		const bRows = b ? rowsByLabel(b.t) : new Map<string, ReportRow>();
		const columns = [...new Set([...(a?.t.columns ?? []), ...(b?.t.columns ?? [])].map((c) => c.key))].slice(1);
		for (const label of new Set([...aRows.keys(), ...bRows.keys()])) {
			const ra = aRows.get(label);
			const rb = bRows.get(label);
			for (const column of columns) {
				const va = ra?.[column] ?? null;
				const vb = rb?.[column] ?? null;
				if (key(va) !== key(vb)) changes.push({ section, table: tableKey, row: JSON.parse(label) as ReportCell, column, before: va, after: vb });
			}
		}
	}
	return changes;
}
