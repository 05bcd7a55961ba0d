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

	it('takes only a wallboard token from the URL; any other, the admin token included, must come in the header', async () => {
		const { app } = appCounting();
		const wallboard = { kind: 'token', id: 't1', name: 'tv', role: 'wallboard', site: null };
		const ingest = { kind: 'token', id: 't2', name: 'pbx', role: 'ingest', site: null };
		const tokens = new Map<string, unknown>([[newToken(), wallboard], [newToken(), ingest]]);
		(app as unknown as { access: { tokenPrincipal: (t: string) => Promise<unknown> } }).access.tokenPrincipal = async (t) => tokens.get(t) ?? null;
		const [tv, pbx] = [...tokens.keys()];
		const cookies = () => undefined;
		expect((await authenticate(app, { queryToken: tv, cookies })).principal).toEqual(wallboard);
		for (const token of [pbx!, 'env-admin-token-0123456789abcdef']) {
			expect(await authenticate(app, { queryToken: token, cookies })).toMatchObject({ principal: null, badToken: true, problem: expect.stringMatching(/Authorization header/) });
			expect((await authenticate(app, { authorization: `Bearer ${token}`, cookies })).principal).not.toBeNull();
		}
	});

	it('still knows the environment admin token, whatever its shape', async () => {
		const { app } = appCounting();
		const r = await authenticate(app, { authorization: 'Bearer env-admin-token-0123456789abcdef', cookies: () => undefined });
		expect(r.principal?.role).toBe('admin');
	});
});

describe('cookieReader (the raw WebSocket upgrade)', () => {
	it('skips a cookie that is not valid percent-encoding and reads the others', async () => {
		const { cookieReader } = await import('../../../src/lib/server/auth/authenticate.ts');
		const read = cookieReader('other_app=50%; cb_session=v1.a%2Bb; broken=%E0%A4%A; lang=en');
		expect(read('other_app')).toBeUndefined();
		expect(read('broken')).toBeUndefined();
		expect(read('cb_session')).toBe('v1.a+b');
		expect(read('lang')).toBe('en');
	});
});
