import { describe, expect, it, vi } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../../src/lib/server/config/index.ts';
import { tempDir } from '../../helpers/tempDir.ts';

describe('configuration', () => {
	it('describes our centre by default: three sites, four topics in IVR order, Vilnius time', () => {
		const c = loadConfig({});
		expect(c.sites.map((s) => s.name)).toEqual(['Panevėžys', 'Radviliškis', 'Šiauliai']);
		expect(c.topics.map((t) => t.id)).toEqual(['pensions', 'benefits', 'contributions', 'other']);
		expect(c.topics.map((t) => t.ivrPriority)).toEqual([1, 2, 3, 4]);
		expect(c.timeZone).toBe('Europe/Vilnius');
		expect(c.clickhouse.url).toBeUndefined();
		expect(c.port).toBe(3000);
	});

	it('takes the environment over the defaults', () => {
		const c = loadConfig({ PORT: '8080', CLICKHOUSE_URL: 'http://ch:8123', CLICKHOUSE_DATABASE: 'cb', DATA_DIR: '/srv/cb' });
		expect(c.port).toBe(8080);
		expect(c.clickhouse).toMatchObject({ url: 'http://ch:8123', database: 'cb' });
		expect(c.dataDir).toBe('/srv/cb');
		expect(c.ingest.spoolDir).toBe('/srv/cb/spool');
	});

	it('reads INGEST_SOURCE, and a real source turns the demo traffic off', () => {
		expect(loadConfig({}).demo).toBe(true);
		const c = loadConfig({ INGEST_SOURCE: 'queue-log:/var/log/asterisk/queue_log,ndjson:/srv/events.ndjson' });
		expect(c.ingest.sources).toEqual([
			{ format: 'queue-log', path: '/var/log/asterisk/queue_log' },
			{ format: 'ndjson', path: '/srv/events.ndjson' }
		]);
		expect(c.demo).toBe(false);
		expect(loadConfig({ CALLBOARD_DEMO: 'off' }).demo).toBe(false);
		expect(() => loadConfig({ INGEST_SOURCE: 'excel:/tmp/x' })).toThrow(/ingest\.sources/);
		expect(() => loadConfig({ CALLBOARD_DEMO: 'maybe' })).toThrow(/on or off/);
	});

	it('merges a config file under the environment', () => {
		const dir = tempDir('cfg');
		const file = join(dir.path, 'callboard.json');
		writeFileSync(file, JSON.stringify({ shortAbandonSeconds: 8, port: 4000, agentAliases: { 'SIP/1001': 'ona' } }));
		const c = loadConfig({ CALLBOARD_CONFIG: file, PORT: '4001' });
		expect(c.shortAbandonSeconds).toBe(8);
		expect(c.port).toBe(4001);
		expect(c.agentAliases).toEqual({ 'SIP/1001': 'ona' });
		dir.remove();
	});

	it('keeps the spool in the data directory wherever that was set, unless the spool was placed itself', () => {
		const dir = tempDir('cfg');
		const file = join(dir.path, 'callboard.json');
		writeFileSync(file, JSON.stringify({ dataDir: '/srv/from-file' }));
		expect(loadConfig({ CALLBOARD_CONFIG: file }).ingest.spoolDir).toBe('/srv/from-file/spool');
		expect(loadConfig({ CALLBOARD_CONFIG: file, INGEST_SPOOL_DIR: '/fast/spool' }).ingest.spoolDir).toBe('/fast/spool');
		writeFileSync(file, JSON.stringify({ dataDir: '/srv/from-file', ingest: { spoolDir: '/srv/spool-here' } }));
		expect(loadConfig({ CALLBOARD_CONFIG: file }).ingest.spoolDir).toBe('/srv/spool-here');
		expect(loadConfig({}).ingest.spoolDir).toBe('./data/spool');
		dir.remove();
	});

	it.each([
		[{ PORT: 'abc' }, /PORT must be a whole number/],
		[{ CENTRE_TIME_ZONE: 'Mars/Olympus' }, /not an IANA time zone/],
		[{ CALLBOARD_ADMIN_TOKEN: 'short' }, /at least 24 characters/],
		[{ CLICKHOUSE_URL: 'not a url' }, /clickhouse\.url/],
		[{ CALLBOARD_CONFIG: '/nonexistent/callboard.json' }, /cannot read config file/]
	])('refuses %o with a clear message', (env, message) => {
		expect(() => loadConfig(env)).toThrow(ConfigError);
		expect(() => loadConfig(env)).toThrow(message);
	});

	it('warns of batches left in the spool\'s old place (./data/spool) when the data directory moved it', () => {
		const dir = tempDir('cfg');
		const cwd = process.cwd();
		const warnings: string[] = [];
		const warn = vi.spyOn(console, 'warn').mockImplementation((m: string) => void warnings.push(m));
		try {
			process.chdir(dir.path);
			mkdirSync(join(dir.path, 'data', 'spool'), { recursive: true });
			const file = join(dir.path, 'c.json');
			writeFileSync(file, JSON.stringify({ dataDir: join(dir.path, 'elsewhere') }));
			loadConfig({ CALLBOARD_CONFIG: file });
			expect(warnings, 'an empty old spool needs no word').toEqual([]);
			writeFileSync(join(dir.path, 'data', 'spool', '0001.spool'), '{}');
			loadConfig({ CALLBOARD_CONFIG: file });
			expect(warnings).toHaveLength(1);
			expect(warnings[0]).toContain(`Run once with INGEST_SPOOL_DIR=${join(dir.path, 'data', 'spool')}`);
			loadConfig({ CALLBOARD_CONFIG: file, INGEST_SPOOL_DIR: join(dir.path, 'data', 'spool') });
			expect(warnings).toHaveLength(1);
		} finally {
			process.chdir(cwd);
			warn.mockRestore();
			dir.remove();
		}
	});

	it('refuses holidays and opening dates the calendar does not have', () => {
		const dir = tempDir('cfg');
		const file = join(dir.path, 'c.json');
		writeFileSync(file, JSON.stringify({ extraHolidays: ['2026-02-30'] }));
		expect(() => loadConfig({ CALLBOARD_CONFIG: file })).toThrow(/extraHolidays\.0: must be a calendar date/);
		const sites = loadConfig({}).sites.map((s) => (s.id === 'siauliai' ? { ...s, openedOn: '2025-04-31' } : s));
		writeFileSync(file, JSON.stringify({ sites }));
		expect(() => loadConfig({ CALLBOARD_CONFIG: file })).toThrow(/openedOn: must be a calendar date/);
		dir.remove();
	});

	it('refuses a queue mapped to two topics', () => {
		const dir = tempDir('cfg');
		const file = join(dir.path, 'c.json');
		const topics = loadConfig({}).topics.map((t) => ({ ...t, queues: ['500'] }));
		writeFileSync(file, JSON.stringify({ topics }));
		expect(() => loadConfig({ CALLBOARD_CONFIG: file })).toThrow(/queue "500" maps to two topics/);
		dir.remove();
	});
});
