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
		csrf: { trustedOrigins: ['*'] }
	}
};

export default config;
