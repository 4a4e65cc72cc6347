#!/usr/bin/env bash
# Runs a command with the fetch tests' HTTP server (tests/server/feeds.py) on 127.0.0.1:8765,
# and stops the server afterwards whatever the command's outcome.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=8765
python3 tests/server/feeds.py "$PORT" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/admin/stats', timeout=1)" 2>/dev/null; then
    break
  fi
  if ! kill -0 $server 2>/dev/null; then
    echo "the test feed server did not start (is port $PORT in use?)" >&2
    exit 1
  fi
  sleep 0.1
done
"$@"
