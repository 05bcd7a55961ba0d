import { describe, expect, it } from 'vitest';
import { channelUnit, formatDuration, formatInUnit, isWrittenChannel } from '../../../src/lib/metrics/units.ts';
import { chartFormat, chartTheme } from '../../../src/lib/charts/theme.ts';
import { cellFormatter } from '../../../src/lib/reports/cellFormat.ts';

// Intl puts a narrow no-break space in grouped numbers; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('durations in the unit a person reads', () => {
	it('takes the largest unit the figure fills: s → m:ss → h:mm → days', () => {
		expect(formatDuration(19.34, 'lt')).toBe('19,3 s');
		expect(formatDuration(245, 'lt')).toBe('4:05 min');
		expect(formatDuration(2 * 3600 + 15 * 60 + 10, 'lt')).toBe('2:15 val.');
		expect(formatDuration(2 * 3600 + 15 * 60 + 10, 'en')).toBe('2:15 h');
		// The e-inquiry ASA (243 363 s) and the report's longest wait (604 798,2 s).
		expect(formatDuration(243_363, 'lt')).toBe('2,8 d.');
		expect(formatDuration(604_798.2, 'en')).toBe('7 days');
		expect(formatDuration(59.97, 'en')).toBe('1:00 min');
		expect(formatDuration(null, 'lt')).toBe('–');
	});

	it('is the same on the dashboard, its drill-down and the report (screen and PDF)', () => {
		const dashboard = chartFormat(chartTheme('lt')).seconds;
		const report = cellFormatter('lt');
		for (const s of [0.5, 41.3, 112_148.4, 317_507.1]) {
			expect(plain(dashboard(s))).toBe(plain(formatDuration(s, 'lt')));
			expect(plain(report(s, 'seconds'))).toBe(plain(formatDuration(s, 'lt')));
		}
		expect(dashboard(317_507.1)).not.toMatch(/\d s$/);
	});

	it('measures each channel in its own unit', () => {
		expect(channelUnit('voice')).toBe('seconds');
		expect(channelUnit('callback')).toBe('hours');
		expect(channelUnit('einquiry')).toBe('working_days');
		expect(isWrittenChannel('chat')).toBe(false);
		expect(formatInUnit(3.24, 'working_days', 'lt')).toBe('3,2 darbo d.');
		expect(formatInUnit(5.25, 'hours', 'en')).toBe('5.3 h');
	});
});
