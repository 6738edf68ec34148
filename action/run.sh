#!/usr/bin/env bash
# Step 4: run the suites on this commit into $RUNNER_TEMP/cigate/head. Everything later reads
# only that folder. A run that cannot produce results (bad config, endpoint down) fails the step
# whatever fail-on says: there is nothing to gate.
# Env: INPUT_CONFIG, INPUT_SUITES (space-separated names, optional), INPUT_SHARD (I/N: run one
# shard), INPUT_SHARDS (a folder of shard results: merge them instead of running),
# INPUT_REUSE_BASE and INPUT_CHANGED_ONLY ('true': copy unchanged suites from the base results,
# judged by the files changed since CIGATE_BASE_SHA; CIGATE_BASE_REF names the base branch),
# INPUT_ALLOW_COMMANDS ('true': the config may start processes), INPUT_TRUSTED_HOSTS (hosts the
# config may send secrets to, space- or comma-separated).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# base.sh, the step before, started the job's folders clean and found the base results.
rm -rf "$CIGATE_HEAD" "$CIGATE_REPORTS"

args=(run "$INPUT_CONFIG" --out "$CIGATE_HEAD")
if [[ -n "${INPUT_SHARD:-}" ]]; then
  args+=(--shard "$INPUT_SHARD")
fi
# Split on whitespace only: `read -a` neither globs nor evaluates anything.
read -r -a suites <<< "${INPUT_SUITES:-}"
# ${a[@]+...}: an empty array is "unbound" to bash 3.2 (macOS) under set -u.
for suite in ${suites[@]+"${suites[@]}"}; do
  args+=(--suite "$suite")
done

# The trust the workflow grants; cigate.yml cannot grant it itself (see README "Security").
case "${INPUT_ALLOW_COMMANDS:-false}" in
  true) args+=(--allow-commands) ;;
  false | "") ;;
  *) die "input allow-commands must be 'true' or 'false', not '$INPUT_ALLOW_COMMANDS'" ;;
esac
read -r -a hosts <<< "${INPUT_TRUSTED_HOSTS//,/ }"
for host in ${hosts[@]+"${hosts[@]}"}; do
  args+=(--trusted-host "$host")
done

# Reuse the base results for the suites this change left alone (a shard runs its part whole).
base=$(state_get base-dir)
if [[ "${INPUT_REUSE_BASE:-true}" == true && -n "$base" && -z "${INPUT_SHARD:-}" ]]; then
  args+=(--reuse-from "$base" --reuse-branch "${CIGATE_BASE_REF:-base}")
  repo_dir=$INPUT_CONFIG
  [[ -d "$repo_dir" ]] || repo_dir=$(dirname "$INPUT_CONFIG")
  if [[ "${INPUT_CHANGED_ONLY:-true}" == true && -n "${CIGATE_BASE_SHA:-}" ]]; then
    # A shallow checkout lacks the base commit: fetch just it (git diff then falls back to BASE HEAD).
    if ! git -C "$repo_dir" cat-file -e "$CIGATE_BASE_SHA^{commit}" 2> /dev/null; then
      git -C "$repo_dir" fetch --quiet --no-tags --depth=1 origin "$CIGATE_BASE_SHA" 2> /dev/null || true
    fi
    if git -C "$repo_dir" cat-file -e "$CIGATE_BASE_SHA^{commit}" 2> /dev/null; then
      args+=(--changed-since "$CIGATE_BASE_SHA")
    else
      note "changed-only: base commit $CIGATE_BASE_SHA is not in the checkout; suites with inputs: run"
    fi
  fi
fi

# A sharded run's parts, downloaded by the workflow: merge them into the head results instead
# of running anything. cigate merge refuses a missing, duplicated or mismatched shard.
if [[ -n "${INPUT_SHARDS:-}" ]]; then
  shard_dirs=()
  while IFS= read -r found; do
    shard_dirs+=("$(dirname "$found")")
  done < <(find "$INPUT_SHARDS" -mindepth 1 -maxdepth 3 -name results.json | LC_ALL=C sort)
  [[ ${#shard_dirs[@]} -gt 0 ]] || die "input shards: no results.json under '$INPUT_SHARDS' (it must hold the shards' cigate run --out folders)"
  args=(merge "${shard_dirs[@]}" --out "$CIGATE_HEAD")
fi

rc=0
# stdout is the run summary: keep it for the head-only report when there is no base.
cigate "${args[@]}" | tee "$CIGATE_STATE/run.txt" || rc=${PIPESTATUS[0]}
state_set run-exit "$rc"
if [[ "$rc" -ne 0 ]]; then
  die "cigate run failed (exit $rc); see the errors above" "$rc"
fi
