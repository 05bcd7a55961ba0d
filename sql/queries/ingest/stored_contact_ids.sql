-- The contacts already stored in the given hours (of queued_at): a batch's contacts that are
-- among them were stored before (a file read again from its start because it grew, a backfill
-- sent twice) and are left out of the insert, so that the rollup views do not count them again.
SELECT contact_id
FROM contacts
WHERE toStartOfHour(queued_at) IN {hours:Array(DateTime('UTC'))}
