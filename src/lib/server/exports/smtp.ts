/**
 * A minimal SMTP client (RFC 5321) on node:net / node:tls, enough to hand one report to the
 * centre's mail server: EHLO, STARTTLS (when the server offers it and the config asks for it;
 * asked for and not offered is refused rather than sending the password in clear), AUTH PLAIN
 * or LOGIN, MAIL FROM, RCPT TO, DATA, QUIT.
 * Every failure is an SmtpError: a 4xx reply, a timeout or a dropped connection is transient
 * (the scheduler tries again later), a 5xx reply or a refused configuration is permanent.
 * The password is never part of an error message or a log line.
 */
import net from 'node:net';
import tls from 'node:tls';

export type SmtpSettings = {
	host: string;
	port: number;
	/** tls: TLS from the first byte (port 465); starttls: upgrade after EHLO (587); none: plain (a local relay). */
	security: 'tls' | 'starttls' | 'none';
	user?: string | undefined;
	password?: string | undefined;
	from: string;
	/** Our name in EHLO. */
	helo?: string;
	timeoutMs?: number;
	/** Test servers with their own certificate. */
	rejectUnauthorized?: boolean;
};

export class SmtpError extends Error {
	override name = 'SmtpError';
	/** The server's reply code; 0 when there was none (network, timeout, configuration). */
	readonly code: number;
	readonly permanent: boolean;
	constructor(message: string, code: number, permanent: boolean) {
		super(message);
		this.code = code;
		this.permanent = permanent;
	}
}

type Reply = { code: number; lines: string[] };

/** Reads multi-line replies ("250-…" … "250 …") off whichever socket is current. */
class Conversation {
	private buf = '';
	private replies: Reply[] = [];
	private partial: string[] = [];
	private waiter: { resolve: (r: Reply) => void; reject: (e: Error) => void } | null = null;
	private failure: Error | null = null;
	socket!: net.Socket;

	private readonly timeoutMs: number;
	constructor(timeoutMs: number) {
		this.timeoutMs = timeoutMs;
	}

	attach(socket: net.Socket) {
		this.socket = socket;
		this.buf = '';
		socket.setTimeout(this.timeoutMs);
		socket.on('data', (d: Buffer) => this.data(d.toString('latin1')));
		socket.on('timeout', () => this.fail(new SmtpError('the mail server did not answer in time', 0, false)));
		socket.on('error', (e) => this.fail(new SmtpError(`connection to the mail server failed: ${e.message}`, 0, false)));
		socket.on('close', () => this.fail(new SmtpError('the mail server closed the connection', 0, false)));
	}

	detach() {
		this.socket.removeAllListeners('data').removeAllListeners('timeout').removeAllListeners('error').removeAllListeners('close');
		this.socket.on('error', () => {});
	}

	private data(s: string) {
		this.buf += s;
		let nl: number;
		while ((nl = this.buf.indexOf('\n')) >= 0) {
			const line = this.buf.slice(0, nl).replace(/\r$/, '');
			this.buf = this.buf.slice(nl + 1);
			const m = /^(\d{3})([ -]?)(.*)$/.exec(line);
			if (!m) return this.fail(new SmtpError(`the mail server sent something that is not SMTP: "${line.slice(0, 80)}"`, 0, false));
			this.partial.push(m[3]!);
			if (m[2] !== '-') {
				this.replies.push({ code: Number(m[1]), lines: this.partial });
				this.partial = [];
			}
		}
		this.deliver();
	}

	private fail(e: Error) {
		if (!this.failure) this.failure = e;
		this.deliver();
	}

	private deliver() {
		if (!this.waiter) return;
		const r = this.replies.shift();
		if (r) return this.take().resolve(r);
		if (this.failure) this.take().reject(this.failure);
	}

	private take() {
		const w = this.waiter!;
		this.waiter = null;
		return w;
	}

	read(): Promise<Reply> {
		return new Promise((resolve, reject) => {
			this.waiter = { resolve, reject };
			this.deliver();
		});
	}

	/** Sends a line and checks the reply's code; `shown` is what an error quotes (never a secret). */
	async command(line: string | null, expect: number[], shown = line ?? 'greeting'): Promise<Reply> {
		if (line !== null) this.socket.write(`${line}\r\n`);
		const r = await this.read();
		if (!expect.includes(r.code)) {
			const text = `${shown.split(' ')[0]}: ${r.code} ${r.lines.join(' ')}`.slice(0, 300);
			throw new SmtpError(`the mail server refused ${text}`, r.code, r.code >= 500);
		}
		return r;
	}
}

function connect(s: SmtpSettings): Promise<net.Socket> {
	return new Promise((resolve, reject) => {
		const onError = (e: Error) => reject(new SmtpError(`cannot reach the mail server ${s.host}:${s.port}: ${e.message}`, 0, false));
		const sock =
			s.security === 'tls'
				? tls.connect({ host: s.host, port: s.port, servername: s.host, rejectUnauthorized: s.rejectUnauthorized ?? true }, () => resolve(sock))
				: net.connect({ host: s.host, port: s.port }, () => resolve(sock));
		sock.once('error', onError);
	});
}

function upgrade(sock: net.Socket, s: SmtpSettings): Promise<tls.TLSSocket> {
	return new Promise((resolve, reject) => {
		const t = tls.connect({ socket: sock, servername: s.host, rejectUnauthorized: s.rejectUnauthorized ?? true }, () => resolve(t));
		t.once('error', (e) => reject(new SmtpError(`STARTTLS with the mail server failed: ${e.message}`, 0, false)));
	});
}

const extensions = (r: Reply) => r.lines.slice(1).map((l) => l.toUpperCase());

/** Lines starting with a dot get another (RFC 5321 4.5.2); the message ends with CRLF.CRLF. */
export function dotStuff(message: string): string {
	const body = message.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
	return body.endsWith('\r\n') ? body : `${body}\r\n`;
}

/** Sends one message (already MIME text) to `to`; resolves when the server accepted it (250 after DATA). */
export async function sendMail(s: SmtpSettings, to: string[], message: string): Promise<void> {
	const c = new Conversation(s.timeoutMs ?? 30_000);
	c.attach(await connect(s));
	try {
		await c.command(null, [220]);
		const helo = s.helo ?? 'callboard';
		let ehlo = await c.command(`EHLO ${helo}`, [250]);
		if (s.security === 'starttls') {
			if (!extensions(ehlo).some((e) => e.startsWith('STARTTLS')))
				throw new SmtpError('the mail server does not offer STARTTLS, and the configuration asks for it: nothing was sent in clear', 0, true);
			await c.command('STARTTLS', [220]);
			c.detach();
			c.attach(await upgrade(c.socket, s));
			ehlo = await c.command(`EHLO ${helo}`, [250]);
		}
		if (s.user) {
			const auth = extensions(ehlo).find((e) => e.startsWith('AUTH')) ?? '';
			const password = s.password ?? '';
			if (/\bPLAIN\b/.test(auth)) {
				await c.command(`AUTH PLAIN ${Buffer.from(`\0${s.user}\0${password}`).toString('base64')}`, [235], 'AUTH PLAIN');
			} else if (/\bLOGIN\b/.test(auth)) {
				await c.command('AUTH LOGIN', [334]);
				await c.command(Buffer.from(s.user).toString('base64'), [334], 'AUTH LOGIN (user)');
				await c.command(Buffer.from(password).toString('base64'), [235], 'AUTH LOGIN (password)');
			} else throw new SmtpError(`the mail server offers no AUTH PLAIN or LOGIN (it offers "${auth}")`, 0, true);
		}
		await c.command(`MAIL FROM:<${s.from}>`, [250]);
		for (const r of to) await c.command(`RCPT TO:<${r}>`, [250, 251]);
		await c.command('DATA', [354]);
		c.socket.write(dotStuff(message));
		await c.command('.', [250], 'DATA (end)');
		await c.command('QUIT', [221]).catch(() => {});
	} finally {
		c.detach();
		c.socket.destroy();
	}
}
