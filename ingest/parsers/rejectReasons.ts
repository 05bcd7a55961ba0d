/**
 * Why a record was rejected, as a class: a stable key that rejected records are grouped and
 * counted by (`/api/ingest/rejected`, the admin page, the `callboard_ingest_rejected_total`
 * metric). The specific words, with the value that was wrong, go in the record's detail; the
 * class's words for people are in src/lib/i18n/admin.ts. Grouping by the detail made every
 * distinct value its own group ("wait_ms" 699974160…, "wait_ms" 699974161…), which hid what
 * was actually wrong. A new class needs its words there too (tests/unit/ingest/rejectReasons.test.ts checks).
 */
export const REJECT_REASONS = [
	/** The line or document is not JSON, or not a JSON object. */
	'not_json',
	/** A line or field longer than the format allows. */
	'too_long',
	/** An NDJSON `type` callboard does not know. */
	'unknown_type',
	/** A required field is absent, null or empty. */
	'missing_field',
	/** A field of the wrong kind: a number for an id, text for a number, a value not in the list. */
	'wrong_type',
	/** A time that cannot be read, is not a real date, has no offset or is outside 2000–2099. */
	'bad_time',
	/** A negative or fractional number where whole milliseconds or seconds belong. */
	'bad_number',
	/** A wait longer than the contact's channel allows (ingest/parsers/limits.ts). */
	'wait_too_long',
	/** Talk, hold, wrap-up or an announced wait longer than allowed (ingest/parsers/limits.ts). */
	'duration_too_long',
	/** Fields that contradict each other: times out of order, "answered" with no answer time. */
	'inconsistent',
	/** A queue_log or CSV row with the wrong number of fields, or a quote never closed. */
	'bad_line',
	/** A Genesys document or conversation callboard cannot read. */
	'bad_document',
	/** A conversation still in progress: read when it is sent again once it has ended. */
	'not_finished',
	/** A document nested deeper than any real one (reading it whole would overflow the stack). */
	'too_deep',
	/** ClickHouse refused the block the record was in (a value the parsers let through). */
	'refused_by_database',
	/** Stored before rejected records had classes (migration 0008): the detail holds the old words. */
	'legacy'
] as const;

export type RejectReason = (typeof REJECT_REASONS)[number];

export function isRejectReason(s: string): s is RejectReason {
	return (REJECT_REASONS as readonly string[]).includes(s);
}
