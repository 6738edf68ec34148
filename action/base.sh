#!/usr/bin/env bash
# Step 4: find the base commit's results, in this order:
#   1. base-results: a folder the workflow prepared (e.g. it ran the suites on the base commit);
#   2. base-artifact: the artifact of that name uploaded by a run on the pull request's base
#      commit (the push-to-main workflow), via `cigate github download-base`;
#   3. none: the report covers the head run only (first run, push events, expired artifacts).
# Records the folder in state/base-dir, or the reason for none in state/no-base.
# Env: INPUT_BASE_RESULTS, INPUT_BASE_ARTIFACT, INPUT_TOKEN, CIGATE_BASE_SHA (the pull
# request's base SHA, empty outside pull requests), INPUT_SHARD (a shard job: never compared).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# An artifact zip may hold the results at its root or one folder down.
results_folder() {
  local found
  if [[ -f "$1/results.json" ]]; then
    printf '%s' "$1"
    return
  fi
  found=$(find "$1" -mindepth 2 -maxdepth 2 -name results.json -print -quit)
  [[ -n "$found" ]] && dirname "$found"
}

no_base() {
  state_set no-base "$1"
  note "no base results: reporting head only ($1)"
}

if [[ -n "${INPUT_SHARD:-}" ]]; then
  # Comparing part of a run would gate on a fraction of the items: the merge job compares.
  no_base "shard $INPUT_SHARD holds part of the run, so it is not compared; merge the shards (input shards) to compare and gate"
elif [[ -n "${INPUT_BASE_RESULTS:-}" ]]; then
  folder=$(results_folder "$INPUT_BASE_RESULTS" || true)
  [[ -n "$folder" ]] || die "base-results '$INPUT_BASE_RESULTS' holds no results.json (it must be a cigate run --out folder)"
  state_set base-dir "$(cd "$folder" && pwd)"
  note "base results: $folder"
elif [[ -z "${INPUT_BASE_ARTIFACT:-}" ]]; then
  no_base "base-results and base-artifact are both empty"
elif [[ -z "${CIGATE_BASE_SHA:-}" ]]; then
  no_base "not a pull request, so there is no base commit"
else
  rc=0
  cigate github download-base --artifact "$INPUT_BASE_ARTIFACT" --sha "$CIGATE_BASE_SHA" --out "$CIGATE_BASE" --token-env INPUT_TOKEN || rc=$?
  if [[ "$rc" -eq 0 ]] && folder=$(results_folder "$CIGATE_BASE"); then
    state_set base-dir "$folder"
    note "base results: artifact '$INPUT_BASE_ARTIFACT' of $CIGATE_BASE_SHA"
  elif [[ "$rc" -eq 2 ]]; then
    # A usage error is the action's own mistake or a too-old cigate, not a missing artifact.
    die "cigate github download-base failed (exit 2)"
  else
    no_base "no artifact '$INPUT_BASE_ARTIFACT' with results for base commit $CIGATE_BASE_SHA (exit $rc): run the suites on pushes to the base branch and upload them under that name"
  fi
fi
