#!/usr/bin/env bash
# Step 4: record this commit's run in the history store (cigate history record), so release
# managers can ask for trends, release-to-release comparisons and change points later.
# When: input record 'auto' (default) records pushes to the default branch and tag pushes;
# 'true' records every run (never a single shard: the merge job records the whole run);
# 'false' never records.
# Where: PostgreSQL when history-postgres-env names the variable that holds its connection
# string (set it from a secret in the job's env). Otherwise a SQLite file carried from run to
# run as an artifact: the newest artifact named history-artifact from a push to the default
# branch or a tag (never a pull request's or a fork's run) is downloaded, this run is recorded
# into it (a store holding a trigger or other foreign object is refused), and the next step
# uploads it again. Artifacts, not
# the Actions cache: a cache saved by a tag's run is only visible to that tag, so main's next
# run would lose the release. The file never goes into git (a growing file rewritten in git
# bloats the repository forever).
# Writes GITHUB_OUTPUT upload=true and path=FOLDER when the SQLite store must be uploaded.
# Env: INPUT_RECORD, INPUT_HISTORY_ARTIFACT, INPUT_HISTORY_POSTGRES_ENV, INPUT_TOKEN,
# INPUT_SHARD, CIGATE_DEFAULT_BRANCH; GITHUB_EVENT_NAME, GITHUB_REF, GITHUB_REF_TYPE from the runner.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

skip() {
  note "history: not recorded ($1)"
  exit 0
}

case "${INPUT_RECORD:-auto}" in
  false) skip "input record is false" ;;
  true) ;;
  auto)
    if [[ "${GITHUB_EVENT_NAME:-}" != push ]]; then
      skip "record: auto records pushes to the default branch and tags, and this is a ${GITHUB_EVENT_NAME:-unknown} event"
    fi
    if [[ "${GITHUB_REF_TYPE:-}" != tag && "${GITHUB_REF:-}" != refs/tags/* ]]; then
      [[ -n "${CIGATE_DEFAULT_BRANCH:-}" ]] || skip "the default branch is unknown to this event; set record: true to record anyway"
      if [[ "${GITHUB_REF:-}" != "refs/heads/$CIGATE_DEFAULT_BRANCH" ]]; then
        skip "record: auto records pushes to '$CIGATE_DEFAULT_BRANCH' and tags, not ${GITHUB_REF:-this ref}"
      fi
    fi
    ;;
esac
if [[ -n "${INPUT_SHARD:-}" ]]; then
  skip "shard $INPUT_SHARD is part of a run; the job that merges the shards records the whole run"
fi

if [[ -n "${INPUT_HISTORY_POSTGRES_ENV:-}" ]]; then
  # Only the variable's name is passed: the connection string never appears in a command line.
  rc=0
  cigate history record "$CIGATE_HEAD" --postgres-env "$INPUT_HISTORY_POSTGRES_ENV" || rc=$?
  [[ "$rc" -eq 0 ]] || die "cigate history record failed (exit $rc); the run was not recorded" "$rc"
  state_set recorded postgres
  exit 0
fi

store="$CIGATE_HOME/history"
rm -rf "$store"
mkdir -p "$store"
# A failed download must not start an empty store: its upload would become the newest artifact
# and hide every earlier run. download-history exits 0 only when it got the store or there is none.
rc=0
cigate github download-history --artifact "${INPUT_HISTORY_ARTIFACT:-cigate-history}" --out "$store" --token-env INPUT_TOKEN || rc=$?
[[ "$rc" -eq 0 ]] || die "could not download the history artifact '${INPUT_HISTORY_ARTIFACT:-cigate-history}' (exit $rc); not recording, so that a new, empty store never replaces it" "$rc"
cigate history record "$CIGATE_HEAD" --db "$store/history.db" || rc=$?
[[ "$rc" -eq 0 ]] || die "cigate history record failed (exit $rc); the run was not recorded" "$rc"
state_set recorded "$store/history.db"
set_output upload true
set_output path "$store"
