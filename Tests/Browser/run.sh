#!/usr/bin/env bash
# Runs the browser suite: Debian's chromium and chromium-driver, and the Python packages of
# requirements.txt in a virtual environment (.venv-browser, made here the first time).
set -euo pipefail
cd "$(dirname "$0")/../.."

for program in /usr/bin/chromium /usr/bin/chromedriver; do
    if [ ! -x "$program" ]; then
        echo "The browser suite needs $program: install Debian's chromium and chromium-driver" \
             "(apt-get install chromium chromium-driver), or run .ci/run, which does." >&2
        exit 1
    fi
done
venv=.venv-browser
if [ ! -x "$venv/bin/pytest" ] || ! cmp -s Tests/Browser/requirements.txt "$venv/requirements.txt"; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r Tests/Browser/requirements.txt
    cp Tests/Browser/requirements.txt "$venv/requirements.txt"
fi
CASELOAD_BIN="$(swift build --show-bin-path)/caseload" exec "$venv/bin/pytest" -q -p no:cacheprovider --tb=short Tests/Browser "$@"
