#!/usr/bin/env bash
# The README's test command: every suite. First Swift's (rules, storage, use cases, the command
# line end to end, the web routes, the benchmark kit), then the browser suite (Tests/Browser),
# which drives the pages in headless Chromium against the `caseload` binary just built.
set -euo pipefail
cd "$(dirname "$0")/.."

swift test
swift build --product caseload
bash Tests/Browser/run.sh
