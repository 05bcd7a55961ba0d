-- The contacts already stored in the given hours (of queued_at), with the insert that stored
-- each (its batch token): a batch's contacts stored by another batch (a file read again from
-- its start because it grew, a backfill sent twice) are left out of its insert, so that the
-- rollup views do not count them again; those its own interrupted attempt stored stay in.
SELECT contact_id, batch
FROM contacts
WHERE toStartOfHour(queued_at) IN {hours:Array(DateTime('UTC'))}
