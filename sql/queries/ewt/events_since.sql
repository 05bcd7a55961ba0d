-- Call events stored after {since} (by ingestion time) that move a queue: the feed of the
-- in-memory queues behind GET /api/ewt and the live boards' queues. {min_ts} bounds the scan to
-- recent partitions: an event about a call hours ago changes no queue now. Sorted by event time,
-- as the feed needs; a call's events at the same instant in the order of its life (queued before
-- its answer, ended before wrap-up; wait_announced only gives the callers-waiting list what he was told: the ranks of ingest/eventOrder.ts), then by id.
SELECT
    event_id,
    toUnixTimestamp64Milli(ts)          AS ts_ms,
    call_id,
    type,
    channel,
    topic,
    wait_ms,
    talk_ms,
    hold_ms,
    wrap_ms,
    simulated,
    announced_wait_s,
    toUnixTimestamp64Milli(ingested_at) AS ingested_ms
FROM call_events
WHERE ts >= {min_ts:DateTime64(3, 'UTC')}
  AND ingested_at > {since:DateTime64(3, 'UTC')}
  AND type IN ('queued', 'wait_announced', 'answered', 'ended', 'wrapup_ended', 'abandoned', 'timed_out', 'left', 'callback_requested', 'closed_unknown')
ORDER BY
    ts,
    multiIf(type = 'queued', 0, type = 'wait_announced', 1, type = 'answered', 2,
            type IN ('ended', 'abandoned', 'timed_out', 'left', 'callback_requested'), 3,
            type = 'wrapup_ended', 4, type = 'callback_completed', 5, type = 'closed_unknown', 6, 7),
    event_id
