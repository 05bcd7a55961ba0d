#!/bin/sh
# Run before the tests (npm's pretest): makes sure the browser the UI tests drive is here.
# Installs Debian's chromium when missing and we may (root with apt-get); otherwise says
# loudly what is missing. The browser tests themselves fail, never skip, without it.
if command -v chromium >/dev/null 2>&1 || [ -n "$CHROMIUM_PATH" ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "pretest: installing Debian's chromium for the browser tests…"
	(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || {
		echo "pretest: could not install chromium; browser tests will fail" >&2
		exit 0
	}
	exit 0
fi
echo "pretest: chromium is not installed (apt-get install chromium, or set CHROMIUM_PATH). The browser tests will FAIL." >&2
