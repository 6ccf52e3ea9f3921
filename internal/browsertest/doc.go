// Package browsertest checks lineage's charts the way readers see them: in
// headless Chromium (Debian's chromium) with the real Mermaid library from npm.
//
// The tests need /usr/bin/chromium (or $CHROMIUM), Node.js and the npm packages
// of package-lock.json in this directory (the tests run 'npm ci' when they are
// missing). Without Chromium they are skipped, except on CI (CI set), where they
// fail. On Debian:
//
//	apt-get install -y chromium fonts-noto-cjk nodejs npm
//	npm ci --prefix internal/browsertest
package browsertest
