# The two commands README.md gives: `make serve` and `make test`. `make dist` builds the site.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER := wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT := 400

.PHONY: serve serve-debug dist extension test lint test-native test-browser test-dist bench-browser install-build install-test

# The release build, as users get it; `serve-debug` builds faster, for development.
serve: install-build
	trunk serve --offline --release --no-autoreload --address 127.0.0.1 --port 8080

serve-debug: install-build
	trunk serve --offline --no-autoreload --address 127.0.0.1 --port 8080

dist: install-build
	trunk build --offline --release
	@for f in dist/*.wasm; do echo "$$f: $$(stat -c %s $$f) bytes, $$(gzip -9c $$f | wc -c) gzipped"; done

# The same release build as a browser extension: dist-extension/{chromium,firefox}/ and a zip of each.
extension: dist
	python3 scripts/make_extension.py

test: install-test
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory test-native
	$(MAKE) --no-print-directory test-browser
	$(MAKE) --no-print-directory test-dist

# House rules: formatted, and no clippy warning for either target.
lint:
	cargo fmt --check
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked --all-targets --target wasm32-unknown-unknown -- -D warnings

test-native:
	cargo test --locked

# The fetch tests read from tests/server/feeds.py on 127.0.0.1:8765, started and stopped here.
test-browser:
	scripts/with-feed-server.sh cargo test --locked --target wasm32-unknown-unknown --test web

# The built site and the built extension in headless Chromium: CSP, and what only the real
# page shows.
test-dist: extension
	scripts/with-feed-server.sh node --test tests/dist/

# Benchmarks; figures go into README, never into assertions.
bench-browser: install-test
	scripts/with-feed-server.sh cargo test --release --locked --target wasm32-unknown-unknown --test web_bench -- --nocapture 2>&1 | grep -E 'BENCH|test result'

install-build:
	@scripts/install.sh build

install-test:
	@scripts/install.sh test
