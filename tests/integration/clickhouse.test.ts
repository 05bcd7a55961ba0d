import { afterAll, beforeAll, describe } from 'vitest';
import { openEmbedded, type Embedded } from '../helpers/embedded.ts';
import { roundTripSuite, tokenIsolationSuite } from './roundtrip.ts';

let db: Embedded;
beforeAll(async () => {
	db = await openEmbedded();
});
afterAll(async () => db.close());

describe('ClickHouse round trip: embedded chDB', () => {
	roundTripSuite(() => db.store.client);
	tokenIsolationSuite(() => db.store.client);
});
