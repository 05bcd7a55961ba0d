/**
 * A midday with planned breaks, sent to a running server through POST /api/ingest as a
 * connector would (issue #19's tests: tests/integration/forecast-breaks.test.ts, the browser's
 * tests/browser/forecast-breaks.test.ts). The server must run with EWT_CLOCK=events: the
 * projection's "now" is then the latest call event read, 12:10 on the next working day, so the
 * scene is a working day's midday whenever the test runs.
 *
 * Four weeks of simulated history and that day's morning (contacts, a tenth of our centre's
 * volume); three consultants serving pensions at Panevėžys: Ona on lunch since 11:50 (45
 * minutes: back at 12:35), Jonas not yet at lunch, Rasa had hers 11:00–11:45 (reason "pietūs").
 */
import { TZDate } from '@date-fns/tz';
import { simulateHistory } from '../../ingest/simulator/index.ts';
import type { Config } from '../../src/lib/server/config/schema.ts';
import { ForecastDays } from '../../src/lib/server/forecast/days.ts';
import { sendBatch } from './simulatedHistory.ts';

export type BreakScene = { date: string; at: number; midnight: number };

/** The next working day after today, 12:10 local, and its local midnight. */
export function nextWorkingMidday(config: Config): BreakScene {
	const days = new ForecastDays(config);
	let t = Date.now();
	let date: string;
	do {
		t += 86_400_000;
		date = days.cal.localDate(t);
	} while (!days.cal.isWorkingDay(date));
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	return { date, at: new TZDate(y, m - 1, d, 12, 10, 0, config.timeZone).getTime(), midnight: new TZDate(y, m - 1, d, 0, 0, 0, config.timeZone).getTime() };
}

export async function sendBreakScene(url: string, ingestToken: string, config: Config): Promise<BreakScene> {
	const day = nextWorkingMidday(config);
	const hm = (h: number, min: number) => new Date(day.midnight + (h * 60 + min) * 60_000).toISOString();
	const send = async (lines: string[]) => {
		for (let i = 0; i < lines.length; i += 1000) await sendBatch(url, ingestToken, lines.slice(i, i + 1000));
	};
	const params = { volume: { currentYearCalls: 100_000, tenYearsAgoCalls: 20_000 } };
	await send([...simulateHistory({ config, seed: 19, from: new Date(day.midnight - 28 * 86_400_000), to: new Date(day.at), params })]);
	const state = (agent: string, ts: string, state: string, extra: Record<string, unknown> = {}) => JSON.stringify({ type: 'agent.state', ts, agent, site: 'panevezys', state, ...extra });
	await send([
		state('ona', hm(7, 55), 'logged_in', { topics: ['pensions'] }),
		state('ona', hm(8, 0), 'available'),
		state('ona', hm(11, 50), 'not_ready', { reason: 'lunch' }),
		state('jonas', hm(7, 55), 'logged_in', { topics: ['pensions'] }),
		state('jonas', hm(8, 0), 'available'),
		state('rasa', hm(7, 55), 'logged_in', { topics: ['pensions'] }),
		state('rasa', hm(8, 0), 'available'),
		state('rasa', hm(11, 0), 'not_ready', { reason: 'pietūs' }),
		state('rasa', hm(11, 45), 'available')
	]);
	// The clock: a call event at 12:10, sent last, so the consultants are stored when it is read.
	await send([
		JSON.stringify({ type: 'call.queued', ts: hm(12, 9), call_id: 'clock-1', topic: 'pensions', channel: 'voice' }),
		JSON.stringify({ type: 'call.abandoned', ts: hm(12, 10), call_id: 'clock-1', wait_ms: 60_000 })
	]);
	return day;
}
