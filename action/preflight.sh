#!/usr/bin/env bash
# Step 1: check the inputs before anything is built or any model is called, so a mistake costs
# seconds instead of a full eval run. Also refuses pull_request_target up front (see below).
# Env (from action.yml): INPUT_FAIL_ON, INPUT_ALLOW_PULL_REQUEST_TARGET, INPUT_ACCEPT_CHANGES,
# INPUT_REUSE_BASE, INPUT_CHANGED_ONLY, INPUT_REQUIRE_BASE, INPUT_MARKER, INPUT_CONFIG, INPUT_SHARD, INPUT_SHARDS, INPUT_RECORD, INPUT_HISTORY_ARTIFACT,
# INPUT_HISTORY_POSTGRES_ENV; GITHUB_EVENT_NAME from the runner.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case "${INPUT_FAIL_ON:-fail}" in
  fail | never) ;;
  *) die "input fail-on must be 'fail' or 'never', not '${INPUT_FAIL_ON}'" ;;
esac

for input in ALLOW_PULL_REQUEST_TARGET ACCEPT_CHANGES REUSE_BASE CHANGED_ONLY; do
  value=$(printenv "INPUT_$input" || true)
  case "${value:-false}" in
    true | false) ;;
    *) die "input $(printf '%s' "$input" | tr '[:upper:]_' '[:lower:]-') must be 'true' or 'false', not '$value'" ;;
  esac
done

case "${INPUT_REQUIRE_BASE:-auto}" in
  auto | true | false) ;;
  *) die "input require-base must be 'auto' (required on pull_request events), 'true' or 'false', not '${INPUT_REQUIRE_BASE}'" ;;
esac

case "${INPUT_RECORD:-auto}" in
  auto | true | false) ;;
  *) die "input record must be 'auto' (pushes to the default branch and tags), 'true' or 'false', not '${INPUT_RECORD}'" ;;
esac
# The artifact name reaches the GitHub API and the postgres input names a variable: plain names only.
if [[ ! "${INPUT_HISTORY_ARTIFACT:-cigate-history}" =~ ^[A-Za-z0-9._-]+$ ]]; then
  die "input history-artifact may only use letters, digits and . _ -, not '${INPUT_HISTORY_ARTIFACT}'"
fi
if [[ -n "${INPUT_HISTORY_POSTGRES_ENV:-}" && ! "${INPUT_HISTORY_POSTGRES_ENV}" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
  die "input history-postgres-env is the NAME of the environment variable holding the connection string (e.g. CIGATE_HISTORY_PG); its value is not a variable name (not shown: it may be the secret itself)"
fi

# The marker ends up inside an HTML comment (the sticky comment's id): keep it to a safe alphabet.
if [[ ! "${INPUT_MARKER:-cigate}" =~ ^[A-Za-z0-9._:/-]+$ || "${INPUT_MARKER:-cigate}" == *--* ]]; then
  die "input marker may only use letters, digits and . _ : / - (no '--'), not '${INPUT_MARKER}'"
fi

if [[ -n "${INPUT_SHARD:-}" && -n "${INPUT_SHARDS:-}" ]]; then
  die "inputs shard and shards exclude each other: shard runs one part of the suites, shards merges all the parts"
fi
if [[ -n "${INPUT_SHARD:-}" && ! "${INPUT_SHARD}" =~ ^[0-9]+/[0-9]+$ ]]; then
  die "input shard must be I/N, such as 2/4 (the second of four shards), not '${INPUT_SHARD}'"
fi
if [[ -n "${INPUT_SHARDS:-}" && ! -d "${INPUT_SHARDS}" ]]; then
  die "input shards: folder '${INPUT_SHARDS}' not found (download the shard artifacts into it first)"
fi

if [[ -z "${INPUT_CONFIG:-}" || ! -e "${INPUT_CONFIG}" ]]; then
  die "config '${INPUT_CONFIG:-}' not found (relative paths start at the workspace: did you check out the repository first?)"
fi

# pull_request_target runs with a write token and the repository's secrets; a workflow that
# then evaluates the pull request's code lets any fork read them. cigate github publish refuses
# it too, but refusing here saves the eval run.
if [[ "${GITHUB_EVENT_NAME:-}" == pull_request_target && "${INPUT_ALLOW_PULL_REQUEST_TARGET:-false}" != true ]]; then
  die "refusing to run on pull_request_target: running a pull request's code with a write token lets a fork steal the repository's secrets; use the pull_request event (set allow-pull-request-target: true only if this workflow never runs the pull request's code)"
fi

mkdir -p "$CIGATE_HOME"
