/** What the supervisor's live view gets from the server's configuration (src/lib/server/live/viewData.ts). */
import type { Thresholds } from '../../routes/wallboard/thresholds.ts';

export type LiveViewData = {
	topicNames: Record<string, string>;
	siteNames: Record<string, string>;
	topics: { id: string; name: string; slTargetS: number; slGoal: number }[];
	limits: { longCallMinutes: number; longNotReadyMinutes: number };
	thresholds: Thresholds;
	/** Whether this person's frames carry consultants one by one (else the section says why not). */
	seesConsultants: boolean;
	/** Whether this person may acknowledge alerts (supervisors, admins). */
	canAcknowledge: boolean;
};
