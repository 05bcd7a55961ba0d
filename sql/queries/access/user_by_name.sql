-- One person by username (newest version).
SELECT username, display_name, role, site, password_hash, disabled
FROM users FINAL
WHERE username = {username:String}
