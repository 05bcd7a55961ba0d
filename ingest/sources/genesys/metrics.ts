/** What operators see of the Genesys Cloud connector on /metrics (issue #15). */
import { counter, gauge } from '../../../src/lib/server/observability/metrics.ts';

export const genesysMetrics = {
	/** 0 stopped (see the admin page for why), 1 starting or retrying, 2 connected. */
	state: gauge('callboard_genesys_connection_state', 'Genesys connector: 0 stopped, 1 starting or retrying, 2 connected'),
	lastEventAge: gauge('callboard_genesys_last_event_age_seconds', 'Seconds since the connector last heard from Genesys'),
	reconnects: counter('callboard_genesys_reconnects_total', 'Times the connector started over after an error'),
	notifications: counter('callboard_genesys_notifications_total', 'Notifications received, by topic kind', ['topic'] as const),
	passes: counter('callboard_genesys_reconciliations_total', 'Details passes finished (reads of the finished conversations since the checkpoint)'),
	reconciled: counter('callboard_genesys_details_reconciled_total', 'Finished conversations read from the details query'),
	stored: counter('callboard_genesys_contacts_stored_total', 'Contacts stored from the detail records (the only source of contacts; calls the live path missed included)'),
	throttled: counter('callboard_genesys_throttled_total', 'Genesys answers 429 (rate limited) the connector waited out'),
	tokens: counter('callboard_genesys_tokens_total', 'OAuth tokens obtained (renewals included)')
};
