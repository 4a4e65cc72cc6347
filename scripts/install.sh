#!/usr/bin/env bash
# Installs what the build and the tests need, skipping whatever is already there.
# Usage: scripts/install.sh build   (wasm target, wasm-bindgen, trunk, npm tools incl. wasm-opt)
#        scripts/install.sh test    (the same, plus Chromium and ChromeDriver, and PHP for the test FreshRSS)
# Everything comes from crates.io, npm, Debian's packages or rustup's target download.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate pinned in Cargo.toml
TRUNK_VERSION=0.21.14          # 0.22 needs a newer rustc than this machine's

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

install_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

install_lints() {
  # cargo fmt and clippy, which the test command runs.
  if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
    say "adding rustfmt and clippy"
    rustup component add rustfmt clippy
  fi
}

install_wasm_bindgen() {
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
    # Not --locked: the CLI's lock file names a crate version the registry no longer has.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

install_trunk() {
  if ! command -v trunk >/dev/null || ! trunk --version | grep -q " $TRUNK_VERSION"; then
    say "installing trunk $TRUNK_VERSION (takes a few minutes)"
    cargo install --locked trunk --version "$TRUNK_VERSION" --force
  fi
}

install_npm_tools() {
  # wasm-opt (binaryen), and the browser-side tools the tests use; versions pinned in package.json.
  if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages"
    npm ci --no-audit --no-fund
  fi
}

install_browser() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Chromium and ChromeDriver from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y chromium chromium-driver
  fi
}

install_php() {
  # The FreshRSS the sync tests run against (../shared/servers/freshrss): PHP and its modules.
  if ! command -v php >/dev/null || ! php -m 2>/dev/null | grep -qx pdo_sqlite || ! php -m 2>/dev/null | grep -qx curl \
     || ! php -m 2>/dev/null | grep -qx mbstring || ! php -m 2>/dev/null | grep -qx dom || ! command -v curl >/dev/null; then
    say "installing PHP for the test FreshRSS from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y php-cli php-sqlite3 php-xml php-mbstring php-curl php-intl php-zip php-gmp curl
  fi
}

install_python() {
  # The fetch tests' HTTP server (tests/server/feeds.py) and Trunk's post-build hook.
  if ! command -v python3 >/dev/null; then
    say "installing python3 from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y python3
  fi
}

case "${1:-}" in
  build) install_python; install_wasm_target; install_wasm_bindgen; install_npm_tools; install_trunk ;;
  test)  install_python; install_php; install_wasm_target; install_lints; install_wasm_bindgen; install_npm_tools; install_browser; install_trunk ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac
