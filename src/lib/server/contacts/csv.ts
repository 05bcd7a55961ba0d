/**
 * The drill-down's selection as CSV (GET /api/contacts?format=csv): RFC 4180 (CRLF, quoted when
 * needed, quotes doubled), UTF-8 with a byte-order mark so Excel opens Lithuanian letters right,
 * formula-injection safe through the report's own csvField. Durations are raw seconds (the unit
 * is in the header) so a spreadsheet can sum them; times are the centre's local time
 * (Europe/Vilnius), written ISO-like with the offset so a DST hour is never ambiguous.
 * Consultants' names are in it because only supervisors and admins may ask for it (guard.ts).
 */
import { csvField } from '../reports/csv.ts';
import { ltCount } from '../../i18n/plural.ts';
import type { ContactRow } from '$lib/charts/types.ts';

const BOM = '\uFEFF';

const HEADER = {
	lt: ['kontakto_id', 'pateko_i_eile', 'atsiliepta', 'baigta', 'kanalas', 'tema', 'padalinys', 'konsultantas', 'baigtis',
		'laukimas_s', 'pokalbis_s', 'sulaikymas_s', 'darbas_po_pokalbio_s', 'aptarnavimas_s', 'per_aptarnavimo_lygi'],
	en: ['contact_id', 'queued_at', 'answered_at', 'ended_at', 'channel', 'topic', 'site', 'consultant', 'outcome',
		'wait_s', 'talk_s', 'hold_s', 'wrap_s', 'handle_s', 'in_service_level']
} as const;

/** "2026-12-04 16:05:07+02:00" in the given zone. */
export function localTime(ms: number | null, timeZone: string): string | null {
	if (ms === null) return null;
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', {
			timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
			hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'longOffset'
		}).formatToParts(ms).map((p) => [p.type, p.value])
	);
	const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName!.replace('GMT', '');
	return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}${offset}`;
}

const seconds = (ms: number) => ms / 1000;

export function renderContactsCsv(
	rows: ContactRow[],
	opts: { lang: 'lt' | 'en'; timeZone: string; total: number; cap: number }
): Uint8Array<ArrayBuffer> {
	const lines: string[] = [HEADER[opts.lang].join(',')];
	for (const c of rows) {
		const outcome = c.outcome === 'abandoned' && c.short_abandon ? 'short_abandoned' : c.outcome;
		lines.push(
			[
				c.contact_id, localTime(c.queued_at_ms, opts.timeZone), localTime(c.answered_at_ms, opts.timeZone),
				localTime(c.ended_at_ms, opts.timeZone), c.channel, c.topic, c.site, c.agent, outcome,
				seconds(c.wait_ms), seconds(c.talk_ms), seconds(c.hold_ms), seconds(c.wrap_ms),
				outcome === 'answered' ? seconds(c.talk_ms + c.hold_ms + c.wrap_ms) : null, c.in_service_level
			].map(csvField).join(',')
		);
	}
	// A capped file says so in its last line, in words, so nobody takes it for the whole selection.
	if (opts.total > rows.length)
		lines.push(csvField(opts.lang === 'lt'
			? `# Apribota: ${rows.length} iš ${ltCount(opts.total, { one: 'kontakto', few: 'kontaktų', many: 'kontaktų' })} (daugiausia ${opts.cap} faile); susiaurinkite filtrus`
			: `# Capped: ${rows.length} of ${opts.total} contacts (at most ${opts.cap} in a file); narrow the filters`));
	return new TextEncoder().encode(BOM + lines.join('\r\n') + '\r\n');
}
