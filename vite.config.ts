import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { liveWebSocket } from './src/lib/server/live/vitePlugin.ts';

export default defineConfig({
	plugins: [sveltekit(), liveWebSocket()],
	test: {
		include: ['tests/**/*.test.ts'],
		// Integration and browser tests share one embedded ClickHouse per file; two cores.
		fileParallelism: true,
		maxWorkers: 2,
		testTimeout: 30_000,
		hookTimeout: 120_000,
		// A page or a server under a loaded CI machine can take seconds to show what it will show:
		// expect.poll's 1 s default failed passing tests there (a poll that succeeds returns at once).
		expect: { poll: { timeout: 10_000 } }
	}
});
