/**
 * A written channel's period figures against its own deadline: callbacks by the close of the
 * next working day (time to call back in hours), e-inquiries within the configured working days
 * (time to answer in working days). /api/stats adds them when such a channel is chosen, where a
 * call's service level (seconds against the topic's target) would mean nothing.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../config/schema.ts';
import { WorkingCalendar } from '../calendar/workingDays.ts';
import { writtenWork, type DeadlineCounts } from '../reports/writtenWork.ts';
import { isWrittenChannel, WRITTEN_CHANNELS, type ChannelUnit, type WrittenChannel } from '../../metrics/units.ts';
import type { UtcRange } from './periodRange.ts';

export type WrittenDeadlines = {
	channel: WrittenChannel;
	/** The unit meanToAnswer is in. */
	unit: ChannelUnit;
	/** The deadline in working days: 1 (the next working day) for callbacks. */
	deadlineWorkingDays: number;
	total: DeadlineCounts;
	byTopic: Record<string, DeadlineCounts>;
};

export async function writtenDeadlines(
	db: ClickHouseClient,
	range: UtcRange,
	filter: { channel: string | null; topic: string | null },
	config: Config,
	now = Date.now()
): Promise<WrittenDeadlines | null> {
	const channel = filter.channel;
	if (!isWrittenChannel(channel)) return null;
	const work = await writtenWork(db, range, filter.topic, new WorkingCalendar(config), config.eInquiryDeadlineWorkingDays, now);
	return {
		channel,
		unit: WRITTEN_CHANNELS[channel],
		deadlineWorkingDays: channel === 'callback' ? 1 : config.eInquiryDeadlineWorkingDays,
		total: work[channel].total,
		byTopic: work[channel].byTopic
	};
}
