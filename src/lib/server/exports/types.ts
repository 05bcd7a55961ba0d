/**
 * A scheduled export as an admin defines it (stored as JSON in export_schedules, checked by
 * this schema on the way in): what (the closed month's frozen report, or yesterday's interval
 * report), for which filter and language, and where it goes (a folder, e-mail, or both).
 */
import { z } from 'zod';

import { EMAIL } from '../../exportAddress.ts';

const filterPart = z.string().regex(/^[a-z0-9_-]{1,40}$/).nullable().default(null);

export const scheduleInput = z
	.object({
		kind: z.enum(['monthly', 'interval']),
		/** monthly: pdf or xlsx; interval: csv or xlsx (one table, one line per interval). */
		format: z.enum(['pdf', 'xlsx', 'csv']),
		/** interval only: 15 or 30 minutes per line. */
		minutes: z.union([z.literal(15), z.literal(30)]).default(15),
		topic: filterPart,
		site: filterPart,
		channel: filterPart,
		lang: z.enum(['lt', 'en']).default('lt'),
		folder: z.boolean().default(false),
		emails: z.array(z.string().regex(EMAIL, 'an e-mail address like name@example.lt')).max(50).default([])
	})
	.refine((s) => s.folder || s.emails.length > 0, 'choose a folder, e-mail recipients, or both')
	.refine((s) => (s.kind === 'monthly' ? s.format !== 'csv' : s.format !== 'pdf'), 'a monthly report is sent as pdf or xlsx, an interval report as csv or xlsx');

export type ScheduleSpec = z.infer<typeof scheduleInput>;
export type Schedule = ScheduleSpec & { id: string };

export type DeliveryTarget = 'folder' | 'email';
export type DeliveryResult = 'sent' | 'retry' | 'failed';

export type LogEntry = {
	at: string;
	scheduleId: string;
	period: string;
	target: DeliveryTarget;
	file: string;
	recipients: string;
	result: DeliveryResult;
	attempt: number;
	error: string;
};
