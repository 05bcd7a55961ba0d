import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		// Origin checks live in src/hooks.server.ts: every write that could ride on a browser's
		// cookies must come from our own pages, while bearer-token clients (PBX connectors,
		// curl --data-binary) may POST any content type. SvelteKit's own check would refuse them.
		// ['*'] turns it off (the spelling that replaced `checkOrigin: false`).
		csrf: { trustedOrigins: ['*'] },
		// A Content-Security-Policy on every page: scripts only from this server (SvelteKit adds a
		// nonce to its own inline start-up script), no plugins, no framing, forms and sockets only
		// to this origin. A script injected through a name or a reason in the data could then not
		// run, nor send what it read elsewhere. Styles may be inline: Svelte and ECharts set them.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
