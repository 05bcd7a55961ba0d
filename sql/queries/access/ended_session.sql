-- Whether a session was ended by signing out (0 or 1 row).
SELECT session_id
FROM ended_sessions
WHERE session_id = {session_id:String}
LIMIT 1
