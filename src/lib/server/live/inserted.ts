/**
 * What happens when a batch lands (ingest/ingestWriter.ts onInserted): the EWT service's queues
 * take its call events in memory, from the blocks just inserted (no read back from ClickHouse),
 * the live view's parts the batch can have changed are marked (parts.ts), and the boards tick at
 * once. One tick shows the batch whole (its consultants and its callers).
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
		const events = insertedCallEvents(blocks, ewt.now() - WAIT_HORIZON_MS);
		ewt.applyInserted(events, exact);
		stageDone('feed_refresh', inserted);
		live.written(changesOf(tables, exact ? events : null));
		live.nudge();
	};
}
