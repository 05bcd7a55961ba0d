/** The configuration's TV keys: topics[].shortName and the forecast line's clock (WALLBOARD_FORECAST_NOW). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/lib/server/config/index.ts';
import { tempDir } from '../../helpers/tempDir.ts';

describe('TV configuration', () => {
	it('gives the long demo topic a short TV name, and the others none', () => {
		const topics = loadConfig({}).topics;
		expect(topics.find((t) => t.id === 'other')?.shortName).toEqual({ lt: 'Kiti klausimai', en: 'Other questions' });
		expect(topics.filter((t) => t.shortName).map((t) => t.id)).toEqual(['other']);
	});

	it('refuses a short name as long as the names it shortens', () => {
		const dir = tempDir('cfg');
		const file = join(dir.path, 'c.json');
		const topics = loadConfig({}).topics.map((t) => (t.id === 'other' ? { ...t, shortName: { lt: 'Kiti socialinio draudimo klausimai', en: 'Other' } } : t));
		writeFileSync(file, JSON.stringify({ topics }));
		expect(() => loadConfig({ CALLBOARD_CONFIG: file })).toThrow(/topics\.3\.shortName\.lt/);
		dir.remove();
	});

	it('keeps the forecast line on the machine’s clock unless WALLBOARD_FORECAST_NOW names an instant', () => {
		expect(loadConfig({}).wallboard.forecastNow).toBeUndefined();
		expect(loadConfig({ WALLBOARD_FORECAST_NOW: '2026-12-02T08:00:00Z' }).wallboard.forecastNow).toBe('2026-12-02T08:00:00Z');
		expect(() => loadConfig({ WALLBOARD_FORECAST_NOW: 'yesterday' })).toThrow(/wallboard\.forecastNow/);
	});

	it('leaves how long the live view keeps unchanged figures to the store unless LIVE_REREAD_MS says', () => {
		expect(loadConfig({}).wallboard.rereadMs).toBeUndefined();
		expect(loadConfig({ LIVE_REREAD_MS: '2000' }).wallboard.rereadMs).toBe(2000);
		expect(() => loadConfig({ LIVE_REREAD_MS: '10' })).toThrow(/wallboard\.rereadMs/);
	});
});
