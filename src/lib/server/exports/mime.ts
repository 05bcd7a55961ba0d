/**
 * One e-mail with one attachment as RFC 5322 / MIME text: multipart/mixed, a short UTF-8 body
 * and the file in base64 (76-character lines). Headers carry only checked addresses and an
 * encoded-word subject, so nothing a user typed can add a header.
 */
import { randomBytes } from 'node:crypto';

export type Attachment = { fileName: string; contentType: string; bytes: Uint8Array };
export type MailMessage = { from: string; to: string[]; subject: string; text: string; attachment: Attachment };

const b64Lines = (bytes: Uint8Array) => (Buffer.from(bytes).toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
const encodedWord = (s: string) => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`);
/** A file name safe inside a quoted header parameter. */
const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');

export function buildMessage(m: MailMessage, now = new Date()): string {
	const boundary = `cb-${randomBytes(12).toString('hex')}`;
	const domain = m.from.split('@')[1] ?? 'callboard';
	const name = safeName(m.attachment.fileName);
	const lines = [
		`From: ${m.from}`,
		`To: ${m.to.join(', ')}`,
		`Subject: ${encodedWord(m.subject)}`,
		`Date: ${now.toUTCString().replace('GMT', '+0000')}`,
		`Message-ID: <${randomBytes(10).toString('hex')}@${domain}>`,
		'MIME-Version: 1.0',
		`Content-Type: multipart/mixed; boundary="${boundary}"`,
		'',
		`--${boundary}`,
		'Content-Type: text/plain; charset=utf-8',
		'Content-Transfer-Encoding: base64',
		'',
		b64Lines(new TextEncoder().encode(m.text)),
		`--${boundary}`,
		`Content-Type: ${m.attachment.contentType.split(';')[0]}; name="${name}"`,
		`Content-Disposition: attachment; filename="${name}"`,
		'Content-Transfer-Encoding: base64',
		'',
		b64Lines(m.attachment.bytes),
		`--${boundary}--`,
		''
	];
	return lines.join('\r\n');
}
