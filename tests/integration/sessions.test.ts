/** What ends a session: a password change, disabling the user, signing out (real store on embedded ClickHouse). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { AccessStore } from '../../src/lib/server/auth/accessStore.ts';

let db: Embedded;
beforeAll(async () => {
	db = await openEmbedded();
});
afterAll(async () => db.close());

describe('sessions', () => {
	it('stop working when the password changes or the user is disabled and made again', async () => {
		const access = new AccessStore(db.store.client);
		await access.addUser({ username: 'rasa', password: 'correct-horse-battery', role: 'supervisor' });
		const first = { username: 'rasa', passwordVersion: (await access.passwordVersionOf('rasa'))! };
		expect((await access.userPrincipal(first))?.role).toBe('supervisor');
		await access.setPassword('rasa', 'another-long-password');
		access.invalidate();
		expect(await access.userPrincipal(first)).toBeNull();
		const second = { username: 'rasa', passwordVersion: (await access.passwordVersionOf('rasa'))! };
		expect((await access.userPrincipal(second))?.id).toBe('rasa');
		await access.disableUser('rasa');
		await access.addUser({ username: 'rasa', password: 'correct-horse-battery', role: 'supervisor' });
		access.invalidate();
		expect(await access.userPrincipal(second)).toBeNull();
	});

	it('are refused for a site the configuration does not have, and to disable oneself, however the change is made', async () => {
		const access = new AccessStore(db.store.client, db.config.sites.map((s) => s.id));
		await expect(access.addUser({ username: 'tv-x', password: 'correct-horse-battery', role: 'wallboard', site: 'nowhere' })).rejects.toMatchObject({ problem: 'site' });
		await expect(access.createToken({ name: 'tv', role: 'wallboard', site: 'nowhere' })).rejects.toMatchObject({ problem: 'site' });
		await access.addUser({ username: 'tv-s', password: 'correct-horse-battery', role: 'wallboard', site: 'siauliai' });
		await access.addUser({ username: 'boss', password: 'correct-horse-battery', role: 'supervisor' }); // no admin: the first-admin test below needs none
		await expect(access.disableUser(' Boss ', 'boss')).rejects.toMatchObject({ problem: 'self' });
		await access.disableUser('tv-s', 'boss');
		expect((await access.listUsers()).find((u) => u.username === 'tv-s')?.disabled).toBe(1);
	});

	it('end one at a time when signed out, on another process too, and only that one', async () => {
		const access = new AccessStore(db.store.client);
		const other = new AccessStore(db.store.client); // a second server process
		await access.addUser({ username: 'jonas', password: 'correct-horse-battery', role: 'supervisor' });
		const version = (await access.passwordVersionOf('jonas'))!;
		const office = { username: 'jonas', passwordVersion: version, sessionId: 'office-pc' };
		const home = { username: 'jonas', passwordVersion: version, sessionId: 'home-pc' };
		expect((await other.userPrincipal(office))?.id).toBe('jonas');
		await access.endSession('office-pc', Date.now() + 3600_000);
		expect(await access.userPrincipal(office)).toBeNull();
		expect((await access.userPrincipal(home))?.id).toBe('jonas');
		// The other process answers from its cache for up to 5 s, then asks the store again.
		other.invalidate();
		expect(await other.userPrincipal(office)).toBeNull();
		expect((await other.userPrincipal(home))?.id).toBe('jonas');
	});
});

describe('ingest tokens', () => {
	it('issued before streams were recorded keep writing to any stream (migration 0007)', async () => {
		const access = new AccessStore(db.store.client);
		// A row as an earlier version wrote it: no streams column.
		const token = 'cb_' + 'L'.repeat(43);
		const { digest } = await import('../../src/lib/server/auth/secrets.ts');
		await db.store.client.insert({
			table: 'api_tokens',
			columns: ['id', 'name', 'role', 'site', 'token_hash', 'created_at', 'revoked', 'updated_at'],
			values: [{ id: 'legacy', name: 'old connector', role: 'ingest', site: '', token_hash: digest(token), created_at: Date.now(), revoked: 0, updated_at: Date.now() }],
			format: 'JSONEachRow'
		});
		expect((await access.tokenPrincipal(token))?.streams).toEqual(['*']);
		const fresh = await access.createToken({ name: 'new connector', role: 'ingest' });
		expect((await access.tokenPrincipal(fresh.token))?.streams).toEqual([fresh.id]);
	});
});

describe('the first admin', () => {
	it('is made once per one-time code, even for two requests at once; refused input does not spend the code', async () => {
		const access = new AccessStore(db.store.client);
		const code = await access.createSetupCode(60_000);
		await expect(access.createFirstAdmin(code, 'boss', 'short')).rejects.toThrow(/password/);
		const results = await Promise.all([
			access.createFirstAdmin(code, 'first', 'correct-horse-battery'),
			access.createFirstAdmin(code, 'second', 'correct-horse-battery')
		]);
		expect([...results].sort()).toEqual(['created', 'invalid']);
		const admins = (await access.listUsers()).filter((u) => u.role === 'admin');
		expect(admins.map((u) => u.username)).toEqual([results[0] === 'created' ? 'first' : 'second']);
		expect(await access.createFirstAdmin(code, 'third', 'correct-horse-battery')).toBe('invalid');
	});
});
