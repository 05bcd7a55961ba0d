/**
 * Where the time between new data and the frame on every screen goes, stage by stage, as one
 * Prometheus histogram (callboard_live_stage_seconds{stage}); bench/liveView.ts prints it beside
 * the end-to-end figures. Each stage is one performance.now() difference: cheap enough to keep on.
 *
 * - follow_read: a followed log's bytes read → their batch handed to the writer (parse, assemble);
 * - follow_room: a followed log waiting for the writer to have room (backpressure);
 * - insert (callboard_ingest_flush_seconds, the writer's own): a batch written to ClickHouse;
 * - feed_refresh: a batch inserted → the EWT service's queues (who is waiting) have taken it (in memory; after a read of the consultants when the batch changed them);
 * - nudge_wait: new data announced to the hub → the tick that shows it starts;
 * - read: the tick's ClickHouse queries and the alerts judged on them;
 * - serialize: the frames of the views screens have open, once each;
 * - send: handing the frames to every socket, first to last.
 */
import { histogram } from '../observability/metrics.ts';

export type Stage = 'follow_read' | 'follow_room' | 'feed_refresh' | 'nudge_wait' | 'read' | 'serialize' | 'send';

const stages = histogram(
	'callboard_live_stage_seconds',
	'Time from new data to the frame on the sockets, by stage (live/stages.ts)',
	[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
	['stage'] as const
);

/** Records a stage that started at `since` (performance.now()) and ends now. */
export function stageDone(stage: Stage, since: number, now = performance.now()): void {
	stages.observe({ stage }, (now - since) / 1000);
}
