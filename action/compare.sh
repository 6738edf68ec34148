#!/usr/bin/env bash
# Step 5: compare head with base and gate, writing comment.md, summary.md, report.html,
# junit.xml and gate.json into $RUNNER_TEMP/cigate/compare. The gate's exit code (1 fail,
# 3 inconclusive) does not fail this step: the report must still be published. The last step
# applies fail-on.
# Without base results (base.sh found none and left the base folder empty or absent) compare
# still runs: the report says why there is no base and how to get one, and require-base decides
# the verdict (inconclusive, or none). A changed suite definition is reported and gated per the
# suite's on_definition_change, so no workflow edit is needed to accept one.
# Env: INPUT_MARKER, INPUT_ACCEPT_CHANGES, INPUT_REQUIRE_BASE, INPUT_SHARD; GITHUB_SERVER_URL,
# GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_EVENT_NAME from the runner.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ -n "${INPUT_SHARD:-}" ]]; then
  # A shard holds part of the run: gating it would judge a fraction of the items. The merge job compares.
  note "nothing to compare: shard $INPUT_SHARD holds part of the run; merge the shards (input shards) to compare and gate"
  exit 0
fi

args=(compare --head "$CIGATE_HEAD" --out "$CIGATE_REPORTS" --marker "${INPUT_MARKER:-cigate}")
base=$(state_get base-dir)
if [[ -z "$base" && -f "$CIGATE_BASE/results.json" ]]; then
  base=$CIGATE_BASE
fi
if [[ -n "$base" ]]; then
  args+=(--base "$base")
else
  args+=(--no-base-reason "$(state_get no-base 'no base results were found')")
fi
# auto: cigate requires a base on pull_request events (GITHUB_EVENT_NAME), not elsewhere.
case "${INPUT_REQUIRE_BASE:-auto}" in
  true | false) args+=(--require-base "$INPUT_REQUIRE_BASE") ;;
esac
# Accept every definition change, whatever each suite's on_definition_change says.
if [[ "${INPUT_ACCEPT_CHANGES:-false}" == true ]]; then
  args+=(--accept-changes)
fi
# A cut comment points at the run page, where the workflow can upload the full report.
if [[ -n "${GITHUB_SERVER_URL:-}" && -n "${GITHUB_REPOSITORY:-}" && -n "${GITHUB_RUN_ID:-}" ]]; then
  args+=(--report-link "$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID")
fi

rc=0
cigate "${args[@]}" | tee "$CIGATE_STATE/compare.txt" || rc=${PIPESTATUS[0]}
state_set compare-exit "$rc"
state_set exit-code "$rc"
if [[ ! -f "$CIGATE_REPORTS/gate.json" ]]; then
  # Usage or config errors (a bad --config, unreadable results) leave nothing to publish.
  error "cigate compare failed (exit $rc) without a report; see the errors above"
fi
