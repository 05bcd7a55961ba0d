import { describe, expect, it } from 'vitest';
import type { App } from '../../../src/lib/server/app.ts';
import { authenticate } from '../../../src/lib/server/auth/authenticate.ts';
import { newToken } from '../../../src/lib/server/auth/secrets.ts';

/** Just what authenticate reads of the app, counting token lookups. */
function appCounting() {
	const looked: string[] = [];
	const app = {
		config: { auth: { adminToken: 'env-admin-token-0123456789abcdef' } },
		access: { tokenPrincipal: async (t: string) => (looked.push(t), null) },
		sessionKey: Buffer.alloc(32)
	} as unknown as App;
	return { app, looked };
}

describe('authenticate', () => {
	it('looks up only what is shaped like a token we issue; anything else is refused without a query', async () => {
		const { app, looked } = appCounting();
		const cookies = () => undefined;
		for (const t of ['x', 'cb_short', `cb_${'a'.repeat(44)}`, 'Basic', 'a'.repeat(5000)])
			expect(await authenticate(app, { authorization: `Bearer ${t}`, cookies })).toEqual({ principal: null, badToken: true });
		expect(looked).toEqual([]);
		const issued = newToken();
		expect(await authenticate(app, { queryToken: issued, cookies })).toEqual({ principal: null, badToken: true });
		expect(looked).toEqual([issued]);
	});

	it('still knows the environment admin token, whatever its shape', async () => {
		const { app } = appCounting();
		const r = await authenticate(app, { authorization: 'Bearer env-admin-token-0123456789abcdef', cookies: () => undefined });
		expect(r.principal?.role).toBe('admin');
	});
});
