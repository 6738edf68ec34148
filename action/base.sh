#!/usr/bin/env bash
# Step 3 (before the run, which may copy unchanged suites from it): find the base commit's
# results, in this order:
#   1. base-results: a folder the workflow prepared (e.g. it ran the suites on the base commit);
#   2. base-artifact: the artifact of that name uploaded by a trusted run on the pull request's
#      base commit (a push to the default branch or a tag of this repository: never a pull
#      request's or a fork's run), via `cigate github download-base`;
#   3. none: the report covers the head run only (first run, push events, expired artifacts):
#      only when download-base says there is no such artifact (exit 4). Any other failure (a
#      token without actions: read, GitHub down past the retries, a refused artifact) fails
#      the step: a base that could not be fetched must never read as "no base".
# Records the folder in state/base-dir, or the reason for none in state/no-base; with no base,
# the base folder ($CIGATE_BASE) does not exist.
# Env: INPUT_BASE_RESULTS, INPUT_BASE_ARTIFACT, INPUT_TOKEN, CIGATE_BASE_SHA (the pull
# request's base SHA, empty outside pull requests), INPUT_SHARD (a shard job: never compared).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# The first step that writes: a second use of the action in the same job starts clean (the tool
# install is kept).
rm -rf "$CIGATE_HEAD" "$CIGATE_BASE" "$CIGATE_REPORTS" "$CIGATE_STATE"
mkdir -p "$CIGATE_STATE"

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
  rm -rf "$CIGATE_BASE"
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
  errors="$CIGATE_HOME/download-base.err"
  mkdir -p "$CIGATE_HOME"
  rm -rf "$CIGATE_BASE"
  cigate github download-base --artifact "$INPUT_BASE_ARTIFACT" --sha "$CIGATE_BASE_SHA" --out "$CIGATE_BASE" --token-env INPUT_TOKEN 2> "$errors" || rc=$?
  cat "$errors" >&2
  reason=$(grep -m 1 -o 'CIGATE[0-9]\{4\}: .*' "$errors" || true)
  case "$rc" in
    0)
      folder=$(results_folder "$CIGATE_BASE") ||
        die "artifact '$INPUT_BASE_ARTIFACT' of base commit $CIGATE_BASE_SHA holds no results.json (upload the cigate run --out folder under that name)"
      state_set base-dir "$folder"
      note "base results: artifact '$INPUT_BASE_ARTIFACT' of $CIGATE_BASE_SHA"
      ;;
    4)
      no_base "no artifact '$INPUT_BASE_ARTIFACT' from a push to the default branch or a tag for base commit $CIGATE_BASE_SHA: run the suites on pushes to the base branch and upload them under that name (artifacts of pull requests and forks are never used)"
      ;;
    *)
      rm -rf "$CIGATE_BASE"
      case "$reason" in
        CIGATE0503*) cause="the token lacks actions: read (add 'actions: read' under permissions: in the job)" ;;
        CIGATE0504*) cause="GitHub's rate limit is exhausted" ;;
        CIGATE0508*) cause="GitHub failed or could not be reached, after retries" ;;
        CIGATE0506* | CIGATE0520* | CIGATE0521*) cause="the artifact was refused as unsafe" ;;
        *) cause="cigate github download-base failed" ;;
      esac
      die "could not get the base results: $cause (exit $rc${reason:+; $reason})" "$rc"
      ;;
  esac
fi
