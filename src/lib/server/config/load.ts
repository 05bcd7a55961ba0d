/**
 * Reads configuration once: defaults, then an optional JSON file (CALLBOARD_CONFIG),
 * then environment variables. Fails loudly with every problem listed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configSchema, type Config } from './schema.ts';
import { defaultConfig } from './defaults.ts';

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
	override name = 'ConfigError';
}

function int(env: Env, key: string): number | undefined {
	const raw = env[key];
	if (raw === undefined || raw === '') return undefined;
	const n = Number(raw);
	if (!Number.isInteger(n)) throw new ConfigError(`${key} must be a whole number, got "${raw}"`);
	return n;
}

function str(env: Env, key: string): string | undefined {
	const raw = env[key];
	return raw === undefined || raw === '' ? undefined : raw;
}

function flag(env: Env, key: string): boolean | undefined {
	const raw = str(env, key)?.toLowerCase();
	if (raw === undefined) return undefined;
	if (['1', 'on', 'true', 'yes'].includes(raw)) return true;
	if (['0', 'off', 'false', 'no'].includes(raw)) return false;
	throw new ConfigError(`${key} must be on or off, got "${raw}"`);
}

/** INGEST_SOURCE="queue-log:/var/log/asterisk/queue_log,ndjson:/srv/events.ndjson" */
function ingestSources(raw: string | undefined): { format: string; path: string }[] | undefined {
	if (!raw) return undefined;
	// "genesys" (the Genesys Cloud connector, no path) is read by genesysLive.
	const entries = raw.split(',').filter((e) => e.trim() !== 'genesys');
	if (entries.length === 0) return undefined;
	return entries.map((entry) => {
		const at = entry.indexOf(':');
		if (at <= 0) throw new ConfigError(`INGEST_SOURCE entries are FORMAT:PATH, got "${entry}"`);
		return { format: entry.slice(0, at).trim(), path: entry.slice(at + 1).trim() };
	});
}

function readConfigFile(path: string): Record<string, unknown> {
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (e) {
		throw new ConfigError(`cannot read config file ${path}: ${(e as Error).message}`);
	}
	try {
		const parsed: unknown = JSON.parse(text);
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
			throw new Error('the top level must be an object');
		return parsed as Record<string, unknown>;
	} catch (e) {
		throw new ConfigError(`config file ${path} is not valid JSON: ${(e as Error).message}`);
	}
}

/** Deep merge for plain objects; arrays and scalars from `over` replace those in `base`. */
function merge(base: unknown, over: unknown): unknown {
	if (over === undefined) return base;
	if (typeof base !== 'object' || base === null || Array.isArray(base)) return over;
	if (typeof over !== 'object' || over === null || Array.isArray(over)) return over;
	const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
	for (const [k, v] of Object.entries(over)) out[k] = merge(out[k], v);
	return out;
}

function stripUndefined(value: unknown): unknown {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
	const out: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(value)) {
		const s = stripUndefined(v);
		if (s !== undefined) out[k] = s;
	}
	return out;
}

export function loadConfig(env: Env = process.env): Config {
	const file = str(env, 'CALLBOARD_CONFIG');
	const fromFile = file ? readConfigFile(resolve(file)) : {};
	const dataDir = str(env, 'DATA_DIR');
	const fromEnv = stripUndefined({
		port: int(env, 'PORT'),
		host: str(env, 'HOST'),
		dataDir,
		clickhouse: {
			url: str(env, 'CLICKHOUSE_URL'),
			user: str(env, 'CLICKHOUSE_USER'),
			password: env.CLICKHOUSE_PASSWORD,
			database: str(env, 'CLICKHOUSE_DATABASE')
		},
		timeZone: str(env, 'CENTRE_TIME_ZONE'),
		shortAbandonSeconds: int(env, 'SHORT_ABANDON_SECONDS'),
		auth: {
			adminToken: str(env, 'CALLBOARD_ADMIN_TOKEN'),
			sessionSecret: str(env, 'SESSION_SECRET')
		},
		ingest: {
			flushMs: int(env, 'INGEST_FLUSH_MS'),
			maxBodyBytes: int(env, 'INGEST_MAX_BODY_BYTES'),
			spoolDir: str(env, 'INGEST_SPOOL_DIR'),
			rejectedRetentionDays: int(env, 'INGEST_REJECTED_RETENTION_DAYS'),
			sources: ingestSources(str(env, 'INGEST_SOURCE'))
		},
		genesys: { live: str(env, 'INGEST_SOURCE')?.split(',').some((e) => e.trim() === 'genesys') || undefined },
		demo: flag(env, 'CALLBOARD_DEMO'),
		demoYears: int(env, 'CALLBOARD_DEMO_YEARS'),
		ewt: { announced: str(env, 'EWT_ANNOUNCED'), refreshMs: int(env, 'EWT_REFRESH_MS'), clock: str(env, 'EWT_CLOCK') },
		wallboard: { forecastNow: str(env, 'WALLBOARD_FORECAST_NOW'), rereadMs: int(env, 'LIVE_REREAD_MS') }
	});
	// The SMTP password only from the environment: a config file is often readable by many.
	const smtpPassword = env.SMTP_PASSWORD;
	const smtp = (fromFile as { exports?: { smtp?: Record<string, unknown> } }).exports?.smtp;
	if (smtp && smtpPassword !== undefined) smtp.password = smtpPassword;
	const merged = merge(merge(defaultConfig, fromFile), fromEnv);
	const result = configSchema.safeParse(merged);
	if (!result.success) {
		const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
		throw new ConfigError(`invalid configuration${file ? ` (file ${file})` : ''}:\n${lines.join('\n')}`);
	}
	const config = result.data;
	// The spool lives with the data unless it was placed somewhere itself, wherever the data
	// directory was set (environment or file).
	const spoolGiven = str(env, 'INGEST_SPOOL_DIR') !== undefined || (fromFile as { ingest?: { spoolDir?: unknown } }).ingest?.spoolDir !== undefined;
	if (!spoolGiven) config.ingest.spoolDir = `${config.dataDir}/spool`;
	warnOfLegacySpool(config, spoolGiven);
	// A real source means real data: no simulated calls mixed in, unless asked for explicitly.
	if ((config.ingest.sources.length > 0 || config.genesys.live) && flag(env, 'CALLBOARD_DEMO') !== true && !(fromFile as { demo?: unknown }).demo)
		config.demo = false;
	checkConsistency(config);
	return config;
}

function checkConsistency(config: Config): void {
	const problems: string[] = [];
	try {
		new Intl.DateTimeFormat('en', { timeZone: config.timeZone });
	} catch {
		problems.push(`timeZone: "${config.timeZone}" is not an IANA time zone`);
	}
	const dup = (ids: string[]) => ids.filter((x, i) => ids.indexOf(x) !== i);
	for (const d of dup(config.topics.map((t) => t.id))) problems.push(`topics: id "${d}" appears twice`);
	for (const d of dup(config.sites.map((s) => s.id))) problems.push(`sites: id "${d}" appears twice`);
	for (const d of dup(config.topics.flatMap((t) => t.queues))) problems.push(`topics: queue "${d}" maps to two topics`);
	for (const d of dup(config.sites.flatMap((s) => s.agents))) problems.push(`sites: agent "${d}" is at two sites`);
	for (const [day, hours] of Object.entries(config.openingHours))
		if (hours && hours.open >= hours.close) problems.push(`openingHours.${day}: opens at ${hours.open} but closes at ${hours.close}`);
	if (problems.length) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
}

/**
 * Until 2026-11-25 a data directory set in the config file (not DATA_DIR) left the spool at
 * ./data/spool. Batches waiting there would never be written from the new place: say so.
 */
function warnOfLegacySpool(config: Config, spoolGiven: boolean): void {
	const legacy = resolve(defaultConfig.ingest.spoolDir);
	if (spoolGiven || resolve(config.ingest.spoolDir) === legacy || !existsSync(legacy)) return;
	let waiting = false;
	try {
		waiting = readdirSync(legacy).some((f) => f.endsWith('.spool'));
	} catch {
		return; // not a directory we can read: nothing of ours
	}
	if (!waiting) return;
	console.warn(
		`callboard: ${legacy} holds ingest batches not yet written to ClickHouse; the spool is now ${resolve(config.ingest.spoolDir)}. ` +
			`Run once with INGEST_SPOOL_DIR=${legacy} to write them, then remove that directory.`
	);
}
