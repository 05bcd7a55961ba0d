/**
 * Scheduled exports on a real embedded ClickHouse, sent to a local SMTP receiver over real
 * sockets: the scheduler (runDueExports, as the server part runs it) delivers the frozen
 * month's PDF once, after a 451 on the first try and a pause; a restart resends nothing; the
 * interval CSV of yesterday carries the one definition of each metric; the folder gets the same
 * bytes; a 5xx is permanent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { ingestPath } from '../helpers/ingest.ts';
import { parseCsv } from '../helpers/csv.ts';
import { attachmentOf, startSmtpReceiver, type SmtpReceiver } from '../helpers/smtpReceiver.ts';
import { runDueExports } from '../../src/lib/server/parts/exportScheduler.ts';
import { freezeDueMonth } from '../../src/lib/server/parts/reportFreezer.ts';
import { addSchedule, latestLog } from '../../src/lib/server/exports/scheduleStore.ts';
import { BACKOFF_MS, exportDir } from '../../src/lib/server/exports/deliver.ts';
import { latestStored } from '../../src/lib/server/reports/store.ts';
import { renderReport } from '../../src/lib/server/reports/render.ts';
import type { ScheduleSpec } from '../../src/lib/server/exports/types.ts';
import { exportContact } from '../helpers/exportContact.ts';

let db: Embedded;
let rx: SmtpReceiver;
const ALL = { topic: null, site: null, channel: null };
const silent = () => {};

const contact = (id: string, queued: string, outcome: 'answered' | 'abandoned', waitS: number, talkS = 0, wrapS = 0) =>
	exportContact(`exp-${id}`, queued, outcome, waitS, talkS, wrapS);

const spec = (s: Partial<ScheduleSpec>): ScheduleSpec => ({
	kind: 'monthly',
	format: 'pdf',
	minutes: 15,
	topic: null,
	site: null,
	channel: null,
	lang: 'lt',
	folder: false,
	emails: [],
	...s
});

// Monday 7 December 2026, 10:00 in Vilnius: November is frozen (first working day was 1 December).
const NOW = Date.parse('2026-12-07T10:00:00+02:00');

beforeAll(async () => {
	db = await openEmbedded();
	const file = join(db.dir, 'contacts.ndjson');
	writeFileSync(
		file,
		[
			contact('n1', '2026-11-10T09:05:00+02:00', 'answered', 20, 100, 30),
			contact('n2', '2026-11-10T09:20:00+02:00', 'abandoned', 40),
			// Sunday 6 December: yesterday for NOW. 09:05 and 09:20 share a 30-minute interval, not a
			// 15-minute one. Pensions' target is 60 s: d2 (75 s) is answered outside it.
			contact('d1', '2026-12-06T09:05:00+02:00', 'answered', 10, 200, 40),
			contact('d2', '2026-12-06T09:20:00+02:00', 'answered', 75, 100, 20),
			contact('d3', '2026-12-06T09:25:00+02:00', 'abandoned', 2),
			contact('d4', '2026-12-06T09:40:00+02:00', 'abandoned', 60)
		].join('\n') + '\n'
	);
	await ingestPath(db.store.client, db.config, file, 'ndjson', 'contacts');
	rx = await startSmtpReceiver({ failures: [{ command: 'MAIL', code: 451 }], credentials: { user: 'reports', password: 'pw-from-env' } });
	db.config.exports = { smtp: { host: '127.0.0.1', port: rx.port, security: 'none', user: 'reports', password: 'pw-from-env', from: 'callboard@centras.lt' } };
}, 60_000);
afterAll(async () => {
	await rx?.close();
	await db?.close();
});

const app = () => ({ config: db.config, store: db.store });

describe('scheduled exports', () => {
	it('waits for the freeze, sends the frozen PDF once after a 451 and a pause, and never again after a restart', async () => {
		const s = await addSchedule(db.store.client, spec({ emails: ['vadove@centras.lt'], folder: true }));
		// November is not frozen yet: nothing is sent and nothing logged.
		expect(await runDueExports(app(), NOW, silent)).toBe(0);
		expect(await latestLog(db.store.client, 10, s.id)).toEqual([]);
		await freezeDueMonth(app(), NOW);

		// First try: the folder is written, the mail server says 451.
		expect(await runDueExports(app(), NOW, silent)).toBe(2);
		let log = await latestLog(db.store.client, 10, s.id);
		expect(log.map((e) => [e.target, e.result, e.attempt]).sort()).toEqual([
			['email', 'retry', 1],
			['folder', 'sent', 1]
		]);
		expect(log.find((e) => e.target === 'email')!.error).toMatch(/451/);
		expect(rx.messages).toHaveLength(0);

		// Before the pause is over: nothing. After it: sent.
		expect(await runDueExports(app(), NOW + BACKOFF_MS[0]! - 1000, silent)).toBe(0);
		expect(await runDueExports(app(), NOW + BACKOFF_MS[0]!, silent)).toBe(1);
		expect(rx.messages).toHaveLength(1);
		log = await latestLog(db.store.client, 10, s.id);
		expect(log[0]).toMatchObject({ target: 'email', result: 'sent', attempt: 2, period: '2026-11', recipients: 'vadove@centras.lt' });

		// A restart (the scheduler keeps nothing in memory) and later checks resend nothing.
		for (const later of [NOW + 3_600_000, NOW + 86_400_000]) expect(await runDueExports(app(), later, silent)).toBe(0);
		expect(rx.messages).toHaveLength(1);

		// What arrived is the stored revision as the report API renders it, and so is the folder's file.
		const stored = (await latestStored(db.store.client, '2026-11', ALL))!;
		const expected = Buffer.from(await renderReport(stored, 'pdf', 'lt'));
		const got = attachmentOf(rx.messages[0]!.data);
		expect(got.fileName).toBe('callboard-2026-11-lt.pdf');
		expect(Buffer.compare(got.bytes, expected)).toBe(0);
		expect(Buffer.compare(readFileSync(join(exportDir(db.config), got.fileName)), expected)).toBe(0);
		expect(rx.messages[0]).toMatchObject({ to: ['vadove@centras.lt'], user: 'reports', password: 'pw-from-env' });
	}, 180_000);

	it("writes yesterday's interval report per 15 or 30 minutes with the glossary's figures", async () => {
		const s15 = await addSchedule(db.store.client, spec({ kind: 'interval', format: 'csv', minutes: 15, folder: true, lang: 'en' }));
		const s30 = await addSchedule(db.store.client, spec({ kind: 'interval', format: 'csv', minutes: 30, folder: true, lang: 'en' }));
		await runDueExports(app(), NOW + 86_400_000 * 2, silent); // every schedule; the monthly one owes nothing
		const read = (m: number, day = '2026-12-06') => parseCsv(readFileSync(join(exportDir(db.config), `callboard-intervals-${day}-${m}min-en.csv`), 'utf8').replace(/^\uFEFF/, ''));
		// The run above was on 9 December, so "yesterday" is 8 December (no calls): header only.
		expect(read(15, '2026-12-08')).toHaveLength(1);
		for (const s of [s15, s30]) expect((await latestLog(db.store.client, 5, s.id))[0]).toMatchObject({ period: '2026-12-08', result: 'sent' });

		await runDueExports(app(), NOW, silent);
		const q = read(15);
		expect(q[0]).toEqual(['Date', 'Interval', 'Offered', 'Answered', 'Abandoned', 'Short abandons', 'ASA, s', 'Service level', 'AHT, s']);
		expect(q.slice(1)).toEqual([
			['2026-12-06', '09:00–09:15', '1', '1', '0', '0', '10', '1', '240'],
			['2026-12-06', '09:15–09:30', '2', '1', '1', '1', '75', '0', '120'],
			['2026-12-06', '09:30–09:45', '1', '0', '1', '0', '', '0', '']
		]);
		// 30 minutes: service level is in-target ÷ (offered − short abandons) = 1 ÷ 2.
		expect(read(30).slice(1)).toEqual([
			['2026-12-06', '09:00–09:30', '3', '2', '1', '1', '42.5', '0.5', '180'],
			['2026-12-06', '09:30–10:00', '1', '0', '1', '0', '', '0', '']
		]);
	});

	it('a 5xx is logged as failed and not retried', async () => {
		const bad = await startSmtpReceiver({ failures: [{ command: 'RCPT', code: 550 }] });
		try {
			db.config.exports = { smtp: { host: '127.0.0.1', port: bad.port, security: 'none', from: 'callboard@centras.lt' } };
			const s = await addSchedule(db.store.client, spec({ format: 'xlsx', emails: ['nera@centras.lt'] }));
			await runDueExports(app(), NOW, silent);
			await runDueExports(app(), NOW + 86_400_000, silent);
			const log = await latestLog(db.store.client, 10, s.id);
			expect(log).toHaveLength(1);
			expect(log[0]).toMatchObject({ result: 'failed', attempt: 1 });
			expect(log[0]!.error).toMatch(/550/);
			expect(bad.sessions).toBe(1);
		} finally {
			await bad.close();
		}
	});
});
