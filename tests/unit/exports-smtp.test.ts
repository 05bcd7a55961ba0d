/**
 * The SMTP client (src/lib/server/exports/smtp.ts) against a local receiver that speaks real
 * SMTP over real sockets: the attachment arrives byte for byte, AUTH PLAIN and LOGIN, STARTTLS,
 * and refusals classified (4xx: try again later, 5xx: permanent), the password never in an error.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sendMail, SmtpError, dotStuff, type SmtpSettings } from '../../src/lib/server/exports/smtp.ts';
import { buildMessage } from '../../src/lib/server/exports/mime.ts';
import { attachmentOf, headersOf, partsOf, startSmtpReceiver, type SmtpReceiver } from '../helpers/smtpReceiver.ts';
import { tempDir } from '../helpers/tempDir.ts';

let rx: SmtpReceiver | null = null;
afterEach(async () => {
	await rx?.close();
	rx = null;
});

const settings = (port: number, extra: Partial<SmtpSettings> = {}): SmtpSettings => ({
	host: '127.0.0.1',
	port,
	security: 'none',
	user: 'reports',
	password: 's3cret-pw',
	from: 'callboard@centras.lt',
	timeoutMs: 5000,
	...extra
});

// Binary with every byte value, and a text body whose line starts with a dot (dot-stuffing).
const BYTES = new Uint8Array([...Array(256).keys(), ...randomBytes(5000)]);
const message = (to: string[]) =>
	buildMessage({
		from: 'callboard@centras.lt',
		to,
		subject: 'callboard: mėnesio ataskaita 2026-11',
		text: '.first line starts with a dot\r\n.\r\nend',
		attachment: { fileName: 'callboard-2026-11-lt.pdf', contentType: 'application/pdf', bytes: BYTES }
	});

describe('SMTP client', () => {
	it('delivers a multipart message with the attachment byte for byte (AUTH PLAIN)', async () => {
		rx = await startSmtpReceiver({ credentials: { user: 'reports', password: 's3cret-pw' } });
		await sendMail(settings(rx.port), ['vadove@centras.lt', 'analitikas@centras.lt'], message(['vadove@centras.lt', 'analitikas@centras.lt']));
		expect(rx.messages).toHaveLength(1);
		const m = rx.messages[0]!;
		expect(m).toMatchObject({ from: 'callboard@centras.lt', to: ['vadove@centras.lt', 'analitikas@centras.lt'], user: 'reports', password: 's3cret-pw' });
		const a = attachmentOf(m.data);
		expect(a.fileName).toBe('callboard-2026-11-lt.pdf');
		expect(a.contentType).toBe('application/pdf');
		expect(Buffer.compare(a.bytes, Buffer.from(BYTES))).toBe(0);
		expect(partsOf(m.data)[0]!.bytes.toString()).toBe('.first line starts with a dot\r\n.\r\nend');
		expect(Buffer.from(headersOf(m.data).subject!.replace(/^=\?UTF-8\?B\?|\?=$/g, ''), 'base64').toString()).toBe('callboard: mėnesio ataskaita 2026-11');
		expect(rx.transcript).toContain('C: QUIT');
	});

	it('uses AUTH LOGIN when the server offers only that', async () => {
		rx = await startSmtpReceiver({ auth: ['LOGIN'], credentials: { user: 'reports', password: 's3cret-pw' } });
		await sendMail(settings(rx.port), ['a@centras.lt'], message(['a@centras.lt']));
		expect(rx.messages[0]).toMatchObject({ user: 'reports', password: 's3cret-pw' });
	});

	it('a 4xx reply is transient, a 5xx permanent; neither error carries the password', async () => {
		rx = await startSmtpReceiver({ failures: [{ command: 'MAIL', code: 451 }, { command: 'RCPT', code: 550 }], credentials: { user: 'reports', password: 's3cret-pw' } });
		const first = await sendMail(settings(rx.port), ['a@centras.lt'], message(['a@centras.lt'])).catch((e: unknown) => e);
		expect(first).toBeInstanceOf(SmtpError);
		expect(first).toMatchObject({ code: 451, permanent: false });
		const second = await sendMail(settings(rx.port), ['a@centras.lt'], message(['a@centras.lt'])).catch((e: unknown) => e);
		expect(second).toMatchObject({ code: 550, permanent: true });
		const auth = await sendMail(settings(rx.port, { password: 'wrong-pw' }), ['a@centras.lt'], message(['a@centras.lt'])).catch((e: unknown) => e);
		expect(auth).toBeInstanceOf(SmtpError);
		for (const e of [first, second, auth]) expect(String((e as Error).message)).not.toMatch(/s3cret|wrong-pw|czNjcmV0/);
		expect(rx.messages).toHaveLength(0);
	});

	it('a server that cannot be reached is a transient error', async () => {
		rx = await startSmtpReceiver();
		const port = rx.port;
		await rx.close();
		rx = null;
		const e = await sendMail(settings(port), ['a@centras.lt'], message(['a@centras.lt'])).catch((x: unknown) => x);
		expect(e).toMatchObject({ code: 0, permanent: false });
	});

	it('STARTTLS: upgrades before AUTH; refuses to send credentials when STARTTLS is required and not offered', async () => {
		const dir = tempDir('smtp-tls');
		try {
			const key = join(dir.path, 'key.pem');
			const cert = join(dir.path, 'cert.pem');
			execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
			rx = await startSmtpReceiver({ tls: { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') } });
			await sendMail(settings(rx.port, { security: 'starttls', rejectUnauthorized: false }), ['a@centras.lt'], message(['a@centras.lt']));
			expect(rx.messages[0]).toMatchObject({ secure: true, user: 'reports' });
			// Everything after STARTTLS is inside TLS: the receiver's plain transcript has no AUTH line.
			const idx = rx.transcript.indexOf('C: STARTTLS');
			expect(idx).toBeGreaterThan(0);
			expect(rx.transcript.slice(0, idx).some((l) => l.startsWith('C: AUTH'))).toBe(false);
		} finally {
			dir.remove();
		}
		await rx.close();
		rx = await startSmtpReceiver();
		const e = await sendMail(settings(rx.port, { security: 'starttls' }), ['a@centras.lt'], message(['a@centras.lt'])).catch((x: unknown) => x);
		expect(e).toMatchObject({ permanent: true });
		expect(rx.transcript.some((l) => l.startsWith('C: AUTH') || l.startsWith('C: MAIL'))).toBe(false);
	});

	it('dot-stuffs lines that start with a dot', () => {
		expect(dotStuff('a\r\n.b\r\n..c')).toBe('a\r\n..b\r\n...c\r\n');
	});
});
