/**
 * A local SMTP receiver on node:net that speaks real SMTP (RFC 5321) to the client under test:
 * greeting, EHLO with its extensions, optional STARTTLS (with a given key and certificate),
 * AUTH PLAIN and LOGIN, MAIL FROM, RCPT TO, DATA (dot-unstuffed), RSET, QUIT. `failures` makes
 * the n-th session refuse one command with the given code (a 451 on the first try proves the
 * client retries later). attachmentOf() decodes what a client sent back into bytes.
 */
import net from 'node:net';
import tls from 'node:tls';

export type ReceivedMail = { from: string; to: string[]; data: string; user: string | null; password: string | null; secure: boolean };
export type Failure = { command: 'MAIL' | 'RCPT' | 'DATA' | 'AUTH'; code: number };

export type SmtpReceiverOptions = {
	/** Extensions offered; default PLAIN and LOGIN. */
	auth?: string[];
	/** With a key and certificate, STARTTLS is offered. */
	tls?: { key: string; cert: string };
	/** One entry per session, in order: that session refuses that command (null: no refusal). */
	failures?: (Failure | null)[];
	/** Accepted credentials; others get 535. */
	credentials?: { user: string; password: string };
};

export type SmtpReceiver = { port: number; messages: ReceivedMail[]; sessions: number; transcript: string[]; close: () => Promise<void> };

export async function startSmtpReceiver(opts: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
	const state: SmtpReceiver = { port: 0, messages: [], sessions: 0, transcript: [], close: async () => {} };
	const sockets = new Set<net.Socket>();
	const server = net.createServer((raw) => {
		sockets.add(raw);
		raw.on('close', () => sockets.delete(raw));
		raw.on('error', () => {});
		const failure = opts.failures?.[state.sessions] ?? null;
		state.sessions++;
		let sock: net.Socket = raw;
		let buf = '';
		let mode: 'cmd' | 'data' | 'login-user' | 'login-pass' = 'cmd';
		let mail: Partial<ReceivedMail> & { to: string[] } = { to: [] };
		let user: string | null = null;
		let password: string | null = null;
		let secure = false;
		let dataLines: string[] = [];
		const say = (line: string) => {
			state.transcript.push(`S: ${line}`);
			sock.write(`${line}\r\n`);
		};
		const refuses = (c: Failure['command']) => failure?.command === c;
		const credentialsOk = () => !opts.credentials || (opts.credentials.user === user && opts.credentials.password === password);
		const onLine = (line: string) => {
			if (mode === 'data') {
				if (line === '.') {
					mode = 'cmd';
					if (refuses('DATA')) return say(`${failure!.code} try again later`);
					state.messages.push({ from: mail.from ?? '', to: mail.to, data: dataLines.join('\r\n'), user, password, secure });
					mail = { to: [] };
					return say('250 2.0.0 queued');
				}
				dataLines.push(line.startsWith('.') ? line.slice(1) : line);
				return;
			}
			state.transcript.push(`C: ${line}`);
			if (mode === 'login-user') {
				user = Buffer.from(line, 'base64').toString();
				mode = 'login-pass';
				return say('334 UGFzc3dvcmQ6');
			}
			if (mode === 'login-pass') {
				password = Buffer.from(line, 'base64').toString();
				mode = 'cmd';
				return say(credentialsOk() ? '235 2.7.0 accepted' : '535 5.7.8 bad credentials');
			}
			const [verb = '', ...rest] = line.split(' ');
			const arg = rest.join(' ');
			switch (verb.toUpperCase()) {
				case 'EHLO':
					return [`250-receiver greets ${arg}`, ...(opts.tls && !secure ? ['250-STARTTLS'] : []), `250-AUTH ${(opts.auth ?? ['PLAIN', 'LOGIN']).join(' ')}`, '250 8BITMIME'].forEach((l) =>
						say(l)
					);
				case 'STARTTLS': {
					if (!opts.tls) return say('502 5.5.1 not offered');
					say('220 2.0.0 ready to start TLS');
					raw.removeAllListeners('data');
					const t = new tls.TLSSocket(raw, { isServer: true, key: opts.tls.key, cert: opts.tls.cert });
					t.on('data', onData);
					t.on('error', () => {});
					sock = t;
					secure = true;
					buf = '';
					return;
				}
				case 'AUTH': {
					if (refuses('AUTH')) return say(`${failure!.code} auth unavailable`);
					const [mech, initial] = arg.split(' ');
					if (mech?.toUpperCase() === 'PLAIN' && initial) {
						const [, u, p] = Buffer.from(initial, 'base64').toString().split('\0');
						user = u ?? null;
						password = p ?? null;
						return say(credentialsOk() ? '235 2.7.0 accepted' : '535 5.7.8 bad credentials');
					}
					if (mech?.toUpperCase() === 'LOGIN') {
						mode = 'login-user';
						return say('334 VXNlcm5hbWU6');
					}
					return say('504 5.5.4 mechanism not supported');
				}
				case 'MAIL':
					if (refuses('MAIL')) return say(`${failure!.code} 4.3.0 mailbox busy, try again later`);
					mail.from = /<([^>]*)>/.exec(arg)?.[1] ?? '';
					return say('250 2.1.0 ok');
				case 'RCPT':
					if (refuses('RCPT')) return say(`${failure!.code} 5.1.1 no such mailbox`);
					mail.to.push(/<([^>]*)>/.exec(arg)?.[1] ?? '');
					return say('250 2.1.5 ok');
				case 'DATA':
					mode = 'data';
					dataLines = [];
					return say('354 end with <CRLF>.<CRLF>');
				case 'RSET':
					mail = { to: [] };
					return say('250 ok');
				case 'QUIT':
					say('221 bye');
					return void sock.end();
				default:
					return say('500 5.5.2 unknown command');
			}
		};
		const onData = (d: Buffer) => {
			buf += d.toString('latin1');
			let nl: number;
			while ((nl = buf.indexOf('\r\n')) >= 0) {
				const line = buf.slice(0, nl);
				buf = buf.slice(nl + 2);
				onLine(line);
			}
		};
		raw.on('data', onData);
		say('220 receiver ESMTP ready');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	state.port = (server.address() as net.AddressInfo).port;
	state.close = () =>
		new Promise<void>((resolve) => {
			for (const s of sockets) s.destroy();
			server.close(() => resolve());
		});
	return state;
}

/** Headers of one MIME entity (unfolded, names lower-case) and its body. */
function entity(text: string): { headers: Record<string, string>; body: string } {
	const split = text.indexOf('\r\n\r\n');
	const head = text.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
	const headers: Record<string, string> = {};
	for (const l of head.split('\r\n')) {
		const i = l.indexOf(':');
		if (i > 0) headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
	}
	return { headers, body: text.slice(split + 4) };
}

export function headersOf(data: string): Record<string, string> {
	return entity(data).headers;
}

/** The message's parts (multipart/mixed), each with its headers and decoded bytes. */
export function partsOf(data: string): { headers: Record<string, string>; bytes: Buffer }[] {
	const { headers, body } = entity(data);
	const boundary = /boundary="?([^";]+)"?/.exec(headers['content-type'] ?? '')?.[1];
	if (!boundary) throw new Error('not a multipart message');
	const chunks = body.split(`--${boundary}`).slice(1);
	const out: { headers: Record<string, string>; bytes: Buffer }[] = [];
	for (const c of chunks) {
		if (c.startsWith('--')) break;
		const e = entity(c.replace(/^\r\n/, ''));
		const b64 = e.headers['content-transfer-encoding']?.toLowerCase() === 'base64';
		out.push({ headers: e.headers, bytes: b64 ? Buffer.from(e.body.replace(/\s+/g, ''), 'base64') : Buffer.from(e.body.replace(/\r\n$/, ''), 'utf8') });
	}
	return out;
}

/** The one attachment: its file name, content type and bytes. */
export function attachmentOf(data: string): { fileName: string; contentType: string; bytes: Buffer } {
	const part = partsOf(data).find((p) => /^attachment/i.test(p.headers['content-disposition'] ?? ''));
	if (!part) throw new Error('the message has no attachment');
	return {
		fileName: /filename="([^"]+)"/.exec(part.headers['content-disposition']!)?.[1] ?? '',
		contentType: (part.headers['content-type'] ?? '').split(';')[0]!,
		bytes: part.bytes
	};
}
