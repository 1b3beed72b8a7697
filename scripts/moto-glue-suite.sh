#!/usr/bin/env bash
# Runs moto's own Glue test suite (tests/test_glue of a moto checkout, schema registry excluded) in
# moto's server mode against a fresh `sluice server --dev`, then checks that every failing test is
# one docs/glue-compatibility.md lists as a place where moto and Glue disagree.
#
#   scripts/moto-glue-suite.sh MOTO_TESTS_DIR [PORT] [pytest args…]
#
# MOTO_TESTS_DIR holds moto's `tests/` folder of tag 5.2.1 (e.g. `git archive 5.2.1 tests | tar -x`
# from a clone); moto's tests are run from there and never copied into this project. Needs python3
# with moto 5.2.1, boto3, pytest and freezegun (Debian's python3-freezegun; put its folder on
# PYTHONPATH if python3 is not Debian's).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
moto=${1:?usage: moto-glue-suite.sh MOTO_TESTS_DIR [PORT] [pytest args]}
port=${2:-4599}
shift $(($# >= 2 ? 2 : 1))
home=$(mktemp -d)
trap 'kill $spid 2>/dev/null; rm -rf "$home"' EXIT
"$root/node_modules/.bin/tsx" "$root/src/cli/main.ts" init "$home" --name moto >/dev/null
(cd "$home" && exec "$root/node_modules/.bin/tsx" "$root/src/cli/main.ts" server --dev --port "$port") >"$home/server.log" 2>&1 &
spid=$!
for _ in $(seq 1 60); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 1; done
cd "$moto"
TEST_SERVER_MODE=true TEST_SERVER_MODE_ENDPOINT="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=testing \
  AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1 \
  python3 -m pytest tests/test_glue --ignore=tests/test_glue/test_schema_registry.py -q -p no:cacheprovider -rf "$@" | tee "$home/pytest.out" | tail -1
# Every failure must be a listed disagreement: the test's name (without its parameters) in the doc.
missing=0
for t in $(grep '^FAILED' "$home/pytest.out" | sed -E 's/^FAILED [^:]+::([A-Za-z0-9_]+).*/\1/' | sort -u); do
  grep -q "\`[^\`]*$t[^\`]*\`" "$root/docs/glue-compatibility.md" || { echo "not listed in docs/glue-compatibility.md: $t"; missing=1; }
done
exit $missing
