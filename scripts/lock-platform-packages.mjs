#!/usr/bin/env node
/**
 * Keeps `npm ci` working after `npm install`: the registry this project installs from may not
 * carry every platform's build of a native package (chdb ships @chdb/lib-darwin-arm64 and
 * friends as optional dependencies). npm cannot lock what it cannot fetch, and `npm ci` then
 * refuses the lock file as out of sync. This adds each missing optional platform package to
 * the lock with its os/cpu, so npm skips it on other machines without fetching it.
 * Run after changing dependencies: node scripts/lock-platform-packages.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const platform = (name) => {
	const os = ['darwin', 'linux', 'win32', 'freebsd'].find((o) => name.includes(o));
	const cpu = ['arm64', 'x64', 'ia32', 'arm'].find((c) => name.includes(c));
	return os && cpu ? { os: [os], cpu: [cpu] } : null;
};
let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
	for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
		const target = `node_modules/${dep}`;
		const nested = `${key}/node_modules/${dep}`;
		if (lock.packages[target] || lock.packages[nested]) continue;
		const where = platform(dep);
		if (!where) continue;
		lock.packages[target] = { version, optional: true, ...where };
		added++;
	}
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(path, JSON.stringify(lock, null, 2) + '\n');
console.log(added ? `added ${added} platform package(s) to package-lock.json` : 'package-lock.json already lists every platform package');
