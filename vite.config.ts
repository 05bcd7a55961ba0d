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
		hookTimeout: 120_000
	}
});
