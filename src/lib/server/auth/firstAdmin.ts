/**
 * Secure by default: a fresh installation has no admin and no way in but a one-time link
 * printed on the server's console. Whoever can read the console sets the first password.
 */
import type { AccessStore } from './accessStore.ts';

const LINK_TTL_MS = 24 * 3600_000;

/** Prints how to get in when nobody can; returns the link (or null when an admin exists). */
export async function announceFirstAdminLink(
	access: AccessStore,
	origin: string,
	log: (line: string) => void
): Promise<string | null> {
	if (await access.hasActiveAdmin()) return null;
	const code = await access.createSetupCode(LINK_TTL_MS);
	const link = `${origin}/setup?code=${code}`;
	log('');
	log('  No administrator exists yet. Open this one-time link to create one (valid 24 hours):');
	log(`    ${link}`);
	log('  Or from a shell, with the server stopped: callboard user add --role admin USERNAME');
	log('');
	return link;
}
