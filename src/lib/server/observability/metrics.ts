/**
 * Prometheus metrics for GET /metrics. :TRICKY: server code is loaded twice in one process
 * (our entry and the SvelteKit bundle) but prom-client's registry is one, so every metric
 * is fetched by name before it is created.
 */
import client from 'prom-client';

const { register, Counter, Gauge, Histogram } = client;

let defaultsStarted = false;
export function startDefaultMetrics(): void {
	if (defaultsStarted || register.getSingleMetric('process_cpu_seconds_total')) return;
	defaultsStarted = true;
	client.collectDefaultMetrics({ prefix: '' });
}

export function counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []) {
	return (register.getSingleMetric(name) as client.Counter<L> | undefined) ?? new Counter<L>({ name, help, labelNames });
}

export function gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []) {
	return (register.getSingleMetric(name) as client.Gauge<L> | undefined) ?? new Gauge<L>({ name, help, labelNames });
}

export function histogram<L extends string>(
	name: string,
	help: string,
	buckets: number[],
	labelNames: readonly L[] = []
) {
	return (
		(register.getSingleMetric(name) as client.Histogram<L> | undefined) ??
		new Histogram<L>({ name, help, buckets, labelNames })
	);
}

export async function metricsText(): Promise<{ body: string; contentType: string }> {
	return { body: await register.metrics(), contentType: register.contentType };
}
