/** Issue #15: the Genesys Cloud API client's rules, against the local double (real HTTP). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type AddressInfo } from 'node:net';
import { GenesysApi, GenesysSetupError, genesysEndpoints } from '../../../ingest/sources/genesys/api.ts';
import { startGenesysCloudDouble, type GenesysCloudDouble } from '../../helpers/genesysCloudDouble.ts';

let double: GenesysCloudDouble;
beforeAll(async () => {
	double = await startGenesysCloudDouble({ queues: [{ id: 'q-1', name: 'Pensijos' }], tokenSeconds: 3600 });
});
afterAll(() => double.close());

const slept: number[] = [];
const api = (secret = double.clientSecret) =>
	new GenesysApi({ apiUrl: double.url, loginUrl: double.url, clientId: double.clientId, clientSecret: secret, sleep: async (ms) => void slept.push(ms) });

describe('Genesys endpoints', () => {
	it('come from the region (Frankfurt by default), or from GENESYS_API_URL / GENESYS_LOGIN_URL', () => {
		expect(genesysEndpoints({})).toEqual({ apiUrl: 'https://api.mypurecloud.de', loginUrl: 'https://login.mypurecloud.de' });
		expect(genesysEndpoints({ GENESYS_REGION: 'euw2.pure.cloud' })).toEqual({ apiUrl: 'https://api.euw2.pure.cloud', loginUrl: 'https://login.euw2.pure.cloud' });
		expect(genesysEndpoints({ GENESYS_API_URL: 'http://127.0.0.1:9/', GENESYS_LOGIN_URL: 'http://127.0.0.1:8' })).toEqual({ apiUrl: 'http://127.0.0.1:9', loginUrl: 'http://127.0.0.1:8' });
	});
});

describe('the Genesys API client', () => {
	it('waits out a 429 for its Retry-After, then has the answer', async () => {
		slept.length = 0;
		double.throttleNext(1, 7);
		const res = await api().request<{ entities: { name: string }[] }>('GET', '/api/v2/routing/queues?pageSize=100&pageNumber=1');
		expect(res.entities.map((q) => q.name)).toEqual(['Pensijos']);
		expect(slept).toEqual([7000]);
	});

	it('gets a new token after a 401 and asks again, once', async () => {
		const client = api();
		await client.request('GET', '/api/v2/routing/queues');
		const issued = double.tokensIssued;
		double.expireTokens();
		await client.request('GET', '/api/v2/routing/queues');
		expect(double.tokensIssued).toBe(issued + 1);
	});

	it('stops on a wrong secret with one line naming what to fix, without the secret', async () => {
		const e = await api('wrong-secret-xyz').token().catch((x: unknown) => x as Error);
		expect(e).toBeInstanceOf(GenesysSetupError);
		expect((e as Error).message).toMatch(/^Genesys refused the OAuth client \(invalid_client\) at http:\/\/127\.0\.0\.1:\d+: check GENESYS_CLIENT_ID and GENESYS_CLIENT_SECRET/);
		expect((e as Error).message).not.toContain('wrong-secret-xyz');
		expect((e as Error).message).not.toContain('\n');
	});

	it('stops on a region that does not exist, naming GENESYS_REGION', async () => {
		const e = await new GenesysApi({ ...genesysEndpoints({ GENESYS_REGION: 'mypurecloud.invalid' }), clientId: 'x', clientSecret: 'y' }).token().catch((x: unknown) => x as Error);
		expect(e).toBeInstanceOf(GenesysSetupError);
		expect((e as Error).message).toMatch(/cannot reach the Genesys login host https:\/\/login\.mypurecloud\.invalid .*check GENESYS_REGION/);
	});

	it('backs off with jitter on an unreachable API, then gives up with the cause', async () => {
		slept.length = 0;
		// A port nobody listens on (fetch refuses some well-known ones outright).
		const probe = createServer();
		await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
		const port = (probe.address() as AddressInfo).port;
		await new Promise<void>((r) => probe.close(() => r()));
		const client = new GenesysApi({ apiUrl: `http://127.0.0.1:${port}`, loginUrl: double.url, clientId: double.clientId, clientSecret: double.clientSecret, maxAttempts: 4, sleep: async (ms) => void slept.push(ms) });
		await expect(client.request('GET', '/api/v2/routing/queues')).rejects.toThrow(new RegExp(`Genesys API http://127\\.0\\.0\\.1:${port} unreachable: ECONNREFUSED`));
		expect(slept).toHaveLength(3);
		for (const [i, ms] of slept.entries()) expect(ms).toBeLessThanOrEqual(500 * 2 ** (i + 1));
	});
});
