-- Rejected records by reason class: how many records (a summary row counts all it stands for)
-- and the latest example of each, for operators and the admin page. `rows` is what is stored.
-- :TRICKY: the example's columns are picked as a tuple and named outside: named inside, an
-- alias such as `raw` or `source` would shadow the column everywhere else in the query.
SELECT
    reason, n, rows, received_ms,
    example.1 AS source, example.2 AS format, example.3 AS position, example.4 AS detail, example.5 AS raw, example.6 AS raw_chars
FROM
(
    SELECT
        reason,
        toUInt64(sum(count))                     AS n,
        toUInt64(count())                        AS rows,
        toUnixTimestamp64Milli(max(received_at)) AS received_ms,
        argMax(
            (toString(source), toString(format), position, substringUTF8(detail, 1, {max_detail:UInt32}),
             substringUTF8(raw, 1, {max_raw:UInt32}), lengthUTF8(raw)),
            received_at
        )                                        AS example
    FROM rejected_records
    WHERE {source:String} = '' OR source = {source:String}
    GROUP BY reason
)
ORDER BY n DESC, reason
LIMIT 100
