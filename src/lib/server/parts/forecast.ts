/**
 * Makes the forecast every minute whether or not a screen asks, so each interval's forecast is
 * stored when it is made (an hour ahead, and the day ahead) and its accuracy can be scored.
 */
import type { ServerPart } from '../http/serve.ts';
import { forecastService } from '../forecast/service.ts';

const EVERY_MS = 60_000;

export function forecastPart(log: (line: string) => void = console.log): ServerPart {
	let timer: NodeJS.Timeout | null = null;
	let running: Promise<unknown> = Promise.resolve();
	let lastError = '';
	return {
		name: 'forecast',
		async start(app) {
			// The alerts' staffing_gap_ahead reads the latest forecast each tick, never making one.
			app.alerts.forecast = () => forecastService(app).latest();
			const tick = () => {
				running = forecastService(app)
					.view(app.ewt.staffing(), app.ewt.now())
					.then(
						() => (lastError = ''),
						(e: unknown) => {
							const m = (e as Error).message;
							if (m !== lastError) log(`forecast: ${m}`);
							lastError = m;
						}
					);
			};
			timer = setInterval(tick, EVERY_MS);
			timer.unref();
			setTimeout(tick, 5_000).unref();
		},
		async stop() {
			if (timer) clearInterval(timer);
			await running;
		}
	};
}
