/**
 * What happens when a batch lands (ingest/ingestWriter.ts onInserted): the live view's parts the
 * batch can have changed are marked (parts.ts), the EWT service's queues take its call events in
 * memory, from the blocks just inserted (no read back from ClickHouse; after the consultants are
 * read again if the batch changed them), and then the boards tick: one tick shows the batch whole
 * (its consultants and its callers).
 */
import type { IngestWriter } from '../../../../ingest/ingestWriter.ts';
import type { EwtService } from '../ewt/ewtService.ts';
import { insertedCallEvents } from '../ewt/insertedEvents.ts';
import { WAIT_HORIZON_MS } from '../ewt/queueFeed.ts';
import { changesOf } from './parts.ts';
import { stageDone } from './stages.ts';

type Hub = { written(tables: readonly string[]): void; nudge(): void };

export function onBatchInserted(ewt: EwtService, live: Hub): NonNullable<IngestWriter['onInserted']> {
	return (tables, blocks, exact) => {
		const inserted = performance.now();
		const { events, older } = insertedCallEvents(blocks, ewt.now() - WAIT_HORIZON_MS);
		// What the batch can have changed is read again by the next tick, whenever it comes: by the
		// kinds of its call events when all were read (older ones, a late file's, went unread).
		live.written(changesOf(tables, exact && older === 0 ? events : null));
		void ewt.applyInserted(events, exact, { staffChanged: tables.includes('agent_events') }).then(() => {
			stageDone('feed_refresh', inserted);
			live.nudge();
		});
	};
}
