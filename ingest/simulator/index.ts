/**
 * The contact-centre simulator: a seeded discrete-event model of our centre (arrivals, IVR,
 * topic queues, consultants at three sites, callbacks, chat, written inquiries) that writes
 * canonical NDJSON, as history for backfill or as a live event stream.
 *
 *   simulateHistory({ config, seed, from, to })  → contact lines, day by day
 *   simulateLive({ config, seed, start })         → .advanceTo(t) → event lines up to t
 *
 * Parameters: params.ts (defaults describe our centre; every number there can be overridden).
 * Queueing formulas for staffing what-ifs: erlang.ts.
 */
export { simulateHistory, type HistoryOptions } from './history.ts';
export { liveDayStart, simulateLive, type LiveOptions, type LiveSimulator } from './live.ts';
export { defaultSimParams, resolveParams, type SimParams, type SimParamsOverrides } from './params.ts';
