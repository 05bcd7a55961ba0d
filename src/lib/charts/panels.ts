/**
 * Small multiples: one measure per axis. Two measures on one chart either share an axis (3,000
 * abandons flattened under 88,000 offered) or get two (a count and a % whose scales are read
 * against each other); both mislead. A chart with several measures draws one panel each, side
 * by side or one above the other, each with its own value axis.
 */
export type PanelDirection = 'row' | 'column';

/** The grids of `n` panels, leaving the top for the legend; `titles` go above each panel. */
export function panelGrids(n: number, direction: PanelDirection) {
	const share = 100 / n;
	return Array.from({ length: n }, (_, i) =>
		direction === 'row'
			? { left: `${i * share + 1}%`, width: `${share - 3}%`, top: 60, bottom: 8, containLabel: true }
			: { left: 8, right: 8, top: `${14 + i * (84 / n)}%`, height: `${84 / n - 10}%`, containLabel: true }
	);
}

/** A title above each panel, so a panel's measure is named where its axis is. */
export function panelTitles(titles: readonly string[], direction: PanelDirection, color: string) {
	const share = 100 / titles.length;
	return titles.map((text, i) => ({
		text,
		textStyle: { fontSize: 12, fontWeight: 'normal' as const, color },
		...(direction === 'row' ? { left: `${i * share + 1}%`, top: 34 } : { left: 8, top: `${14 + i * (84 / titles.length) - 6}%` })
	}));
}
