/** A password change ends the sessions made before it (real store on embedded ClickHouse). */
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
});
