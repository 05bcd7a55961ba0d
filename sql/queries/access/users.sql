-- Everyone who can sign in, for the admin list and the "is there an admin yet?" check.
SELECT username, display_name, role, site, disabled
FROM users FINAL
ORDER BY username
