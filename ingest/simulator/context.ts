/**
 * Everything a run shares, built once from the config, the seed and the parameter overrides:
 * the calendar, the volume and staffing models, the caller factory, the topics in IVR order.
 */
import type { Config } from '../../src/lib/server/config/schema.ts';
import { CallerFactory } from './callers.ts';
import { DayFrames, type DayFrame } from './dayFrames.ts';
import { resolveParams, type SimParams, type SimParamsOverrides } from './params.ts';
import { Staffing } from './staffing.ts';
import { VolumeModel } from './volume.ts';

export type SimContext = {
	config: Config;
	params: SimParams;
	seed: number;
	/** Starts every call and contact id of the run. */
	idPrefix: string;
	/** Topic ids in IVR priority order: topic index i is queue i (voice) and queue n + i (chat). */
	topicIds: string[];
	frames: DayFrames;
	volume: VolumeModel;
	staffing: Staffing;
	callers: CallerFactory;
	/** Told each day's expected first-attempt voice calls, noise included (the forecast bench's truth). */
	onDayRate?: (frame: DayFrame, expectedVoice: number) => void;
};

/** Queues are tracked in a 31-bit mask per consultant: voice and chat for each topic. */
const MAX_TOPICS = 15;

export function createContext(config: Config, seed: number, overrides: SimParamsOverrides | undefined, idPrefix: string): SimContext {
	if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
	const params = resolveParams(config, overrides);
	const topicIds = [...config.topics].sort((a, b) => a.ivrPriority - b.ivrPriority).map((t) => t.id);
	if (topicIds.length > MAX_TOPICS) throw new RangeError(`the simulator handles at most ${MAX_TOPICS} topics`);
	const frames = new DayFrames(config, params.pandemic.nightService);
	const volume = new VolumeModel(params, frames);
	const staffing = new Staffing(config, params, frames, volume, seed, topicIds);
	return { config, params, seed, idPrefix, topicIds, frames, volume, staffing, callers: new CallerFactory(params, topicIds) };
}
