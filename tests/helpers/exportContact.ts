/**
 * One finished voice contact (pensions unless `topic` says) as an NDJSON line (the canonical
 * `contact` record), answered by "ona" at Šiauliai or abandoned: the scheduled-export and report
 * tests' data. `queued`: an ISO instant or epoch ms.
 */
export function exportContact(id: string, queued: string | number, outcome: 'answered' | 'abandoned', waitS: number, talkS = 0, wrapS = 0, topic = 'pensions'): string {
	const q = typeof queued === 'number' ? queued : Date.parse(queued);
	const answered = outcome === 'answered';
	return JSON.stringify({
		type: 'contact',
		contact_id: id,
		channel: 'voice',
		topic,
		site: answered ? 'siauliai' : undefined,
		agent: answered ? 'ona' : null,
		queued_at: q,
		answered_at: answered ? q + waitS * 1000 : null,
		ended_at: q + (waitS + talkS) * 1000,
		outcome,
		wait_ms: waitS * 1000,
		talk_ms: talkS * 1000,
		hold_ms: 0,
		wrap_ms: wrapS * 1000
	});
}
