-- 0008: which insert stored each contact. Every insert of contacts carries its batch's
-- insert_deduplication_token, and this column keeps it (MATERIALIZED: computed at insert,
-- not part of SELECT *; rows stored before read '').
-- :TRICKY: an insert into contacts writes the table, then each rollup view, as separate parts.
-- A worker killed in between leaves a batch's contacts stored and the rollups without them;
-- its replay, with the same token, has the views add what is missing. Before a batch's
-- contacts are inserted, those already stored are left out (ingest/storedContacts.ts): it must
-- keep the ones its own earlier attempt stored, or the replay finds nothing left to send and
-- the rollups stay short (the kill -9 test: 35,556 offered in the rollup of 40,000).

ALTER TABLE contacts ADD COLUMN IF NOT EXISTS batch String MATERIALIZED getSetting('insert_deduplication_token');
