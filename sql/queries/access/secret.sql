-- The oldest value of a named secret: processes that created one at the same time agree.
SELECT argMin(value, (created_at, value)) AS value, count() AS n
FROM app_secrets
WHERE name = {name:String}
