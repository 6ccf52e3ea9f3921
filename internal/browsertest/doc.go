// Package browsertest checks lineage's charts the way readers see them: in
// headless Chromium (Debian's chromium) with the real Mermaid library from npm.
//
// They run only when LINEAGE_BROWSER_TESTS is set (.ci/run sets it) and are
// skipped otherwise, so 'go test ./...' needs no browser, Node.js or network.
// When set, they need /usr/bin/chromium (or $CHROMIUM), Node.js and the npm
// packages of package-lock.json in this directory, and fail if any is missing;
// the tests never install anything themselves. On Debian:
//
//	apt-get install -y chromium fonts-noto-cjk fonts-liberation nodejs npm
//	npm ci --prefix internal/browsertest
//	LINEAGE_BROWSER_TESTS=1 go test ./internal/browsertest
package browsertest
