#!/usr/bin/env bash
# The composite action (action.yml) end to end on this machine: the same action/*.sh step
# scripts, in the same order, against the fake GitHub API (tests/CiGate.GitHub.Fake) and
# CiGate's simulator. Scenarios:
#   push      a push to main: no base (not required off pull requests), verdict none, the
#             summary says so; its results become the base artifact
#   pr-fail   a pull request 27 points worse: base downloaded from the artifact, gate fails,
#             one sticky comment, a failing check run, outputs, job summary
#   pr-pass   the same pull request fixed (new commit): the comment is updated, not duplicated;
#             its suite equals the base's, so it is reused from the base run after a canary;
#             with reuse-base: false (pr-full) it runs
#   fork      a fork pull request (base-results folder, fail-on: never): posts nothing, still
#             writes the summary and the outputs
#   changed   a pull request that changed the suite (dataset.limit): reported with the changed
#             key and an annotation on its cigate.yml line; warns by default, fails with
#             on_definition_change: fail, passes with accept-changes
#   no-base   a pull request whose base commit has no artifact: inconclusive (exit 3) with the
#             explanation in the comment; with require-base: false, verdict none
#   prt       pull_request_target: refused before anything runs
#   bad-input a mistyped input: refused before anything runs
#   sharded   two shard jobs (shard: 1/2, 2/2) compare and post nothing; a merge job (shards:)
#             merges them and gates the whole run
#   history   pushes to main and a tag are recorded into one SQLite store carried as an artifact
#             (downloaded, extended, uploaded); pull requests, other branches and shards are not;
#             a failed download records nothing and uploads nothing; a fork's newer store
#             artifact is ignored
#   base-*    the base download fails closed: a token without actions: read fails the step
#             with that cause; two 502s are retried and the base is used; no artifact for the
#             base commit (or only a fork's) continues with no base folder, and compare is
#             inconclusive on the pull request (require-base)
#   trust-*   the allow-commands and trusted-hosts inputs: a target sending its api_key_env key
#             to evil.example (a name that resolves nowhere) is refused at the run step with
#             CIGATE0023 before any request; trusted-hosts: evil.example gets past the check to
#             the connection (CIGATE0301); a perf suite's server.command is refused (CIGATE0022)
#             unless allow-commands: true, which starts it; a mistyped allow-commands fails the step
# Ends with "action e2e: N passed, N failed"; exits 1 on any failed assertion.
# Needs: the .NET SDK, jq, the public datasets in shared/datasets beside the repository.
# CIGATE_E2E_ARTIFACTS: build folder (default artifacts/action-e2e); CIGATE_E2E_KEEP=1 keeps
# the temp folder for a look.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"

command -v jq > /dev/null 2>&1 || { echo "action e2e: jq is required (apt-get install -y jq)" >&2; exit 2; }
command -v curl > /dev/null 2>&1 || { echo "action e2e: curl is required (apt-get install -y curl)" >&2; exit 2; }
command -v dotnet > /dev/null 2>&1 || { echo "action e2e: dotnet is required" >&2; exit 2; }

datasets=""
dir=$repo
while [[ "$dir" != / ]]; do
  if [[ -d "$dir/shared/datasets" ]]; then
    datasets="$dir/shared/datasets"
    break
  fi
  dir=$(dirname "$dir")
done
[[ -n "$datasets" ]] || { echo "action e2e: shared/datasets not found above $repo" >&2; exit 2; }

# The step scripts in action.yml's order. The drift check below keeps this list honest.
steps=(preflight install base run history compare publish outputs finish)

art=${CIGATE_E2E_ARTIFACTS:-$repo/artifacts/action-e2e}
tmp=$(mktemp -d)
fake_pid=""
stop_fake() {
  [[ -n "$fake_pid" ]] || return 0
  kill "$fake_pid" 2> /dev/null || true
  # The fake may not exit on SIGTERM; do not leave it behind.
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    kill -0 "$fake_pid" 2> /dev/null || break
    sleep 0.5
  done
  kill -KILL "$fake_pid" 2> /dev/null || true
  wait "$fake_pid" 2> /dev/null || true
  fake_pid=""
}
cleanup() {
  stop_fake
  if [[ "${CIGATE_E2E_KEEP:-}" == 1 ]]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "  ok: $1"; }
bad() { failed=$((failed + 1)); echo "  FAILED: $1" >&2; }
expect_eq() { if [[ "$2" == "$3" ]]; then ok "$1"; else bad "$1: expected '$2', got '$3'"; fi; }
expect_true() { local message=$1; shift; if "$@"; then ok "$message"; else bad "$message"; fi; }

echo "== action.yml: the step scripts this test runs, no expressions in run:"
expect_eq "action.yml step scripts, in order" "${steps[*]}" \
  "$(grep -oE 'GITHUB_ACTION_PATH/action/[a-z-]+\.sh' action.yml | sed -E 's|.*/action/||; s|\.sh$||' | tr '\n' ' ' | sed 's/ $//')"

# Script injection guard: expressions may feed env:, never the text of a run: line.
# Every run: is one line (no | or > blocks), so a line grep sees all of them.
expect_eq "action.yml has no multi-line run: blocks" "" "$(grep -nE '^\s*(- )?run:\s*[|>]' action.yml || true)"
expect_eq "no \${{ }} expression inside a run: line of action.yml" "" "$(grep -nE '^\s*(- )?run:.*\$\{\{' action.yml || true)"

echo "== build"
[[ -d tests/CiGate.GitHub.Fake ]] || { echo "action e2e: tests/CiGate.GitHub.Fake is missing" >&2; exit 2; }
dotnet build tests/CiGate.GitHub.Fake -c Release -nologo -v quiet --artifacts-path "$art"
dotnet build src/CiGate.Cli -c Release -nologo -v quiet --artifacts-path "$art"

dotnet "$art/bin/CiGate.GitHub.Fake/release/CiGate.GitHub.Fake.dll" --port 0 > "$tmp/fake.log" 2>&1 &
fake_pid=$!
api=""
for _ in $(seq 1 120); do
  api=$(sed -n 's/^fake github listening on \(http[^ ]*\).*/\1/p' "$tmp/fake.log" | head -n 1)
  [[ -n "$api" ]] && break
  kill -0 "$fake_pid" 2> /dev/null || break
  sleep 0.5
done
[[ -n "$api" ]] || { echo "action e2e: the fake GitHub API did not start:" >&2; cat "$tmp/fake.log" >&2; exit 2; }
echo "fake github at $api"
state() { curl -fsS "$api/_fake/state"; }

# The workspace a checkout would give: examples/quickstart's config cut to 100 items, with the
# simulator's accuracy as the knob (0.72 base, 0.45 a regression).
workspace=$tmp/workspace
mkdir -p "$workspace"
write_config() {
  sed -e "s|accuracy: 0.72|accuracy: $2|" -e 's|limit: 1000|limit: 100|' \
    -e "s|path: \.\./\.\./\.\./shared/datasets/|path: $datasets/|" examples/quickstart/cigate.yml > "$workspace/$1"
  if ! { grep -q "accuracy: $2" "$workspace/$1" && grep -q 'limit: 100$' "$workspace/$1" && grep -q "path: $datasets/" "$workspace/$1"; }; then
    echo "action e2e: examples/quickstart/cigate.yml changed shape; update write_config" >&2
    exit 2
  fi
}
write_config base.yml 0.72
write_config worse.yml 0.45
write_config same.yml 0.72
sed 's/limit: 100$/limit: 90/' "$workspace/same.yml" > "$workspace/changed.yml"

base_sha=1111111111111111111111111111111111111111
pr_event() { # head sha, head repository[, base sha]
  jq -n --arg head "$1" --arg base "${3:-$base_sha}" --arg from "$2" '{action: "synchronize", number: 7,
    pull_request: {number: 7, head: {sha: $head, ref: "feature", repo: {full_name: $from}},
                   base: {sha: $base, ref: "main", repo: {full_name: "octo/repo"}}},
    repository: {full_name: "octo/repo"}}'
}

# Runs the action's steps like the runner does: in order, stopping at the first that fails.
# Arguments: scenario name, event name, event JSON, GITHUB_SHA; then NAME=VALUE input overrides.
# The INPUT_* names and defaults mirror action.yml's inputs and env: mappings.
run_action() {
  local name=$1 event=$2 payload=$3 sha=$4 step rc=0
  shift 4
  local dir=$tmp/$name
  mkdir -p "$dir/runner-temp"
  : > "$dir/output"
  : > "$dir/summary"
  printf '%s\n' "$payload" > "$dir/event.json"
  (
    cd "$workspace"
    export GITHUB_ACTIONS=true GITHUB_API_URL=$api GITHUB_SERVER_URL=http://127.0.0.1 GITHUB_REPOSITORY=octo/repo
    export GITHUB_RUN_ID=42 GITHUB_SHA=$sha GITHUB_EVENT_NAME=$event GITHUB_EVENT_PATH=$dir/event.json
    export GITHUB_OUTPUT=$dir/output GITHUB_STEP_SUMMARY=$dir/summary GITHUB_WORKSPACE=$workspace
    export RUNNER_TEMP=$dir/runner-temp GITHUB_ACTION_PATH=$repo GITHUB_TOKEN=fake-token
    export CIGATE_BUILD_ARTIFACTS=$art
    export INPUT_CONFIG=cigate.yml INPUT_SUITES="" INPUT_BASE_RESULTS="" INPUT_BASE_ARTIFACT=cigate-results
    export INPUT_TOKEN=$GITHUB_TOKEN INPUT_CIGATE_VERSION="" INPUT_MARKER=cigate INPUT_CHECK_NAME=CiGate
    export INPUT_FAIL_ON=fail INPUT_ALLOW_PULL_REQUEST_TARGET=false INPUT_ACCEPT_CHANGES=false INPUT_REQUIRE_BASE=auto
    export INPUT_SHARD="" INPUT_SHARDS="" INPUT_REUSE_BASE=true INPUT_CHANGED_ONLY=true
    export INPUT_ALLOW_COMMANDS=false INPUT_TRUSTED_HOSTS=""
    # Trust comes from the inputs alone, never from the machine running this test.
    unset CIGATE_ALLOW_COMMANDS CIGATE_TRUSTED_HOSTS
    export INPUT_RECORD=auto INPUT_HISTORY_ARTIFACT=cigate-history INPUT_HISTORY_POSTGRES_ENV="" CIGATE_DEFAULT_BRANCH=main
    # What the runner derives from the event: refs/heads/B or refs/tags/T for pushes, refs/pull/N/merge for PRs.
    GITHUB_REF=$(jq -r 'if .pull_request then "refs/pull/\(.number)/merge" else .ref // "" end' "$GITHUB_EVENT_PATH")
    GITHUB_REF_TYPE=$(case "$GITHUB_REF" in refs/tags/*) echo tag ;; *) echo branch ;; esac)
    GITHUB_REF_NAME=${GITHUB_REF#refs/*/}
    export GITHUB_REF GITHUB_REF_TYPE GITHUB_REF_NAME
    CIGATE_BASE_SHA=$(jq -r '.pull_request.base.sha // ""' "$GITHUB_EVENT_PATH")
    export CIGATE_BASE_SHA
    for assignment in "$@"; do export "${assignment?}"; done
    for step in "${steps[@]}"; do
      step_rc=0
      bash "$repo/action/$step.sh" || step_rc=$?
      if [[ "$step_rc" -ne 0 ]]; then
        echo "$step" > "$dir/stopped-at"
        exit "$step_rc"
      fi
    done
  ) > "$dir/log" 2>&1 || rc=$?
  echo "== $name: exit $rc$([[ -f "$dir/stopped-at" ]] && echo " at step $(cat "$dir/stopped-at")")"
  last_rc=$rc
  last_dir=$dir
}

# Shows a scenario's log when one of its assertions failed, to save a re-run.
failed_before=0
begin() { failed_before=$failed; }
end() {
  if [[ "$failed" -ne "$failed_before" ]]; then
    echo "---- log of $last_dir" >&2
    tail -n 60 "$last_dir/log" >&2
  fi
}

output() { sed -n "s/^$1=//p" "$last_dir/output" | tail -n 1; }
cli() { dotnet "$art/bin/CiGate.Cli/release/cigate.dll" "$@"; }
# What the action's upload-artifact step does when the history step asks for it (upload=true).
upload_history() { # sha[, branch or tag the run was on]
  [[ "$(output upload)" == true ]] || return 0
  local folder file files='{}'
  folder=$(output path)
  for file in "$folder"/*; do
    # Through files: a store of a few MB is too long for a command line.
    base64 -w0 < "$file" > "$tmp/upload.b64"
    jq --arg name "$(basename "$file")" --rawfile data "$tmp/upload.b64" '. + {($name): $data}' <<< "$files" > "$tmp/upload.json"
    files=$(cat "$tmp/upload.json")
  done
  jq -n --arg sha "$1" --arg branch "${2:-main}" --slurpfile files "$tmp/upload.json" \
    '{repo: "octo/repo", name: "cigate-history", head_sha: $sha, head_branch: $branch, files_base64: $files[0]}' > "$tmp/upload-body.json"
  curl -fsS -X POST -H 'Content-Type: application/json' --data-binary @"$tmp/upload-body.json" "$api/_fake/artifacts" > /dev/null
}
history_artifacts() { state | jq '[.artifacts[]? | select(.name == "cigate-history")] | length'; }
comments() { state | jq --arg m "<!-- cigate:comment:$1 -->" '[.comments[] | select(.body | startswith($m))]'; }
check_conclusion() { state | jq -r --arg sha "$1" '[.check_runs[] | select(.head_sha == $sha)] | last | .conclusion // "none"'; }
posted() { state | jq '(.comments | length) + (.check_runs | length) + (.statuses | length)'; }

# 1. A push to main: no pull request, so no base. Its results are what main's workflow uploads.
begin
run_action push push '{"ref": "refs/heads/main"}' "$base_sha" INPUT_CONFIG=base.yml
expect_eq "push: the action passes" 0 "$last_rc"
expect_eq "push: verdict output" none "$(output verdict)"
expect_true "push: summary says there was no base" grep -q "CiGate: none — no base results, so nothing was compared" "$last_dir/summary"
expect_true "push: results-dir holds results.json" test -f "$(output results-dir)/results.json"
expect_eq "push: no comment (not a pull request)" 0 "$(state | jq '.comments | length')"
expect_eq "push: a neutral check run (verdict none)" neutral "$(check_conclusion "$base_sha")"
expect_eq "push: recorded in the history store" true "$(output recorded)"
expect_eq "push: the store is handed to upload-artifact" true "$(output upload)"
upload_history "$base_sha"
end
base_results=$last_dir/runner-temp/cigate/head

# What actions/upload-artifact would have stored for main's commit.
jq -n --arg sha "$base_sha" --rawfile results "$base_results/results.json" --rawfile items "$base_results/items.jsonl" \
  '{repo: "octo/repo", name: "cigate-results", head_sha: $sha, files: {"results.json": $results, "items.jsonl": $items}}' |
  curl -fsS -X POST -H 'Content-Type: application/json' --data-binary @- "$api/_fake/artifacts" > /dev/null

# 2. A pull request that loses 27 points: base from the artifact, gate fails.
head1=2222222222222222222222222222222222222222
begin
run_action pr-fail pull_request "$(pr_event "$head1" octo/repo)" "$head1" INPUT_CONFIG=worse.yml
expect_eq "pr-fail: the action fails with the gate's exit code" 1 "$last_rc"
expect_eq "pr-fail: it stopped at the fail-on step" finish "$(cat "$last_dir/stopped-at" 2> /dev/null)"
expect_eq "pr-fail: verdict output" fail "$(output verdict)"
expect_eq "pr-fail: exit-code output" 1 "$(output exit-code)"
expect_true "pr-fail: GITHUB_OUTPUT has verdict=fail" grep -qx "verdict=fail" "$last_dir/output"
expect_true "pr-fail: comment-path exists" test -f "$(output comment-path)"
expect_eq "pr-fail: exactly one comment with the marker" 1 "$(comments cigate | jq length)"
expect_true "pr-fail: the comment has the verdict line" grep -q "CiGate: fail" <(comments cigate | jq -r '.[0].body')
expect_eq "pr-fail: the comment is on pull request 7" 7 "$(comments cigate | jq '.[0].issue')"
expect_eq "pr-fail: check run on the head SHA failed" failure "$(check_conclusion "$head1")"
expect_true "pr-fail: the step summary is not empty" test -s "$last_dir/summary"
expect_eq "pr-fail: a pull request is not recorded" false "$(output recorded)"
expect_eq "pr-fail: the check run has the check name" CiGate "$(state | jq -r --arg sha "$head1" '[.check_runs[] | select(.head_sha == $sha)] | last | .name')"
comment_id=$(comments cigate | jq '.[0].id')
end

# 3. The pull request fixed by a new commit: the same comment is updated.
head2=3333333333333333333333333333333333333333
begin
run_action pr-pass pull_request "$(pr_event "$head2" octo/repo)" "$head2" INPUT_CONFIG=same.yml INPUT_SUITES=mmlu-pro
expect_eq "pr-pass: the action passes" 0 "$last_rc"
expect_eq "pr-pass: verdict output" pass "$(output verdict)"
expect_eq "pr-pass: still exactly one comment with the marker" 1 "$(comments cigate | jq length)"
expect_eq "pr-pass: it is the same comment, updated in place" "$comment_id" "$(comments cigate | jq '.[0].id')"
expect_true "pr-pass: the comment now has the pass verdict" grep -q "CiGate: pass" <(comments cigate | jq -r '.[0].body')
expect_eq "pr-pass: check run on the new head SHA succeeded" success "$(check_conclusion "$head2")"
expect_true "pr-pass: the step summary is not empty" test -s "$last_dir/summary"
# Same config as the base: the suite is copied from the base run after its canary, not run again.
expect_true "pr-pass: the unchanged suite is reused from the base after its canary" \
  grep -qE "unchanged: reused from base@.*canary of 30 items: 0 of 30 flipped" <(comments cigate | jq -r '.[0].body')
expect_true "pr-pass: the reused items are marked" grep -q '"reused_from"' "$last_dir/runner-temp/cigate/head/items.jsonl"
end

# 3b. The same pull request with reuse-base: false (own marker): every suite runs on the head.
begin
run_action pr-full pull_request "$(pr_event "$head2" octo/repo)" "$head2" INPUT_CONFIG=same.yml INPUT_SUITES=mmlu-pro \
  INPUT_REUSE_BASE=false INPUT_MARKER=full
expect_eq "pr-full: the action passes" 0 "$last_rc"
expect_true "pr-full: reuse-base: false copies nothing" \
  test -z "$(grep -l '"reused_from"' "$last_dir/runner-temp/cigate/head/items.jsonl" || true)"
end

# 4. A fork's pull request: its token is read-only, so nothing is posted; the summary is written.
head3=4444444444444444444444444444444444444444
before=$(posted)
begin
run_action fork pull_request "$(pr_event "$head3" forker/repo)" "$head3" INPUT_CONFIG=worse.yml \
  INPUT_BASE_RESULTS="$base_results" INPUT_FAIL_ON=never
expect_eq "fork: fail-on never passes the step" 0 "$last_rc"
expect_eq "fork: verdict output still says fail" fail "$(output verdict)"
expect_eq "fork: exit-code output" 1 "$(output exit-code)"
expect_eq "fork: nothing new posted to GitHub" "$before" "$(posted)"
expect_true "fork: the step summary is not empty" test -s "$last_dir/summary"
end

# 5. The pull request changed the suite (dataset.limit 100 → 90): still compared and reported,
#    the changed key named and annotated on its line; on_definition_change decides the verdict.
limit_line=$(grep -n 'limit: 90$' "$workspace/changed.yml" | cut -d: -f1)
begin
run_action changed pull_request "$(pr_event "$head2" octo/repo)" "$head2" INPUT_CONFIG=changed.yml \
  INPUT_BASE_RESULTS="$base_results"
expect_eq "changed: warns (on_definition_change: warn by default) and passes the step" "0 warn" "$last_rc $(output verdict)"
expect_true "changed: the comment names the changed key" grep -q "dataset.limit: 100 → 90" <(comments cigate | jq -r '.[0].body')
expect_true "changed: the summary has the Definition changed block" grep -q "Definition changed" "$last_dir/summary"
expect_true "changed: the annotation is on the limit line of changed.yml" \
  grep -q "^::warning file=changed.yml,line=$limit_line,title=CiGate%3A definition changed::mmlu-pro on sim: dataset.limit: 100 → 90" "$last_dir/log"
expect_true "changed: no annotation points into a temp folder" bash -c "! grep -q '::.*file=/' '$last_dir/log'"
expect_eq "changed: the check run is neutral (warn)" neutral "$(check_conclusion "$head2")"
end
{ cat "$workspace/changed.yml"; printf '    gate: { on_definition_change: fail }\n'; } > "$workspace/changed-fail.yml"
begin
run_action changed-fail pull_request "$(pr_event "$head2" octo/repo)" "$head2" INPUT_CONFIG=changed-fail.yml \
  INPUT_BASE_RESULTS="$base_results"
expect_eq "changed-fail: on_definition_change: fail fails the gate" "1 fail" "$last_rc $(output verdict)"
expect_true "changed-fail: the comment is still posted and says why" grep -q "on&#95;definition&#95;change: fail" <(comments cigate | jq -r '.[0].body')
end
begin
run_action changed-accepted pull_request "$(pr_event "$head2" octo/repo)" "$head2" INPUT_CONFIG=changed-fail.yml \
  INPUT_BASE_RESULTS="$base_results" INPUT_ACCEPT_CHANGES=true
expect_eq "changed-accepted: accept-changes overrides the suite's policy and passes" "0 pass" "$last_rc $(output verdict)"
end

# 5b. No base: the pull request's base commit has no artifact (main's run failed, or it expired).
head4=6666666666666666666666666666666666666666
orphan_event=$(pr_event "$head4" octo/repo | jq '.pull_request.base.sha = "9999999999999999999999999999999999999999"')
begin
run_action no-base pull_request "$orphan_event" "$head4" INPUT_CONFIG=same.yml
expect_eq "no-base: inconclusive on a pull request (exit 3)" "3 inconclusive" "$last_rc $(output verdict)"
expect_true "no-base: the comment says there was no base" grep -q "No base results" <(comments cigate | jq -r '.[0].body')
expect_true "no-base: the comment says how to fix it" grep -q "Re-run the base branch's workflow" <(comments cigate | jq -r '.[0].body')
expect_eq "no-base: the check run asks for action" action_required "$(check_conclusion "$head4")"
end
begin
run_action no-base-optional pull_request "$orphan_event" "$head4" INPUT_CONFIG=same.yml INPUT_REQUIRE_BASE=false
expect_eq "no-base-optional: require-base false gives verdict none and passes" "0 none" "$last_rc $(output verdict)"
expect_true "no-base-optional: the comment still says there was no base" grep -q "CiGate: none — no base results" <(comments cigate | jq -r '.[0].body')
end
begin
run_action require-base-bad pull_request "$orphan_event" "$head4" INPUT_REQUIRE_BASE=yes
expect_eq "require-base-bad: a mistyped require-base is refused at the first step" "2 preflight" "$last_rc $(cat "$last_dir/stopped-at" 2> /dev/null)"
end

# 6. pull_request_target: refused up front, before any build or model call.
begin
run_action prt pull_request_target "$(pr_event "$head3" forker/repo)" "$head3" INPUT_CONFIG=worse.yml
expect_eq "prt: refused with exit 2" 2 "$last_rc"
expect_eq "prt: at the first step" preflight "$(cat "$last_dir/stopped-at" 2> /dev/null)"
expect_true "prt: the refusal explains why" grep -q "steal the repository's secrets" "$last_dir/log"
end

# 7. A mistyped input: refused up front with the input's name.
begin
run_action bad-input pull_request "$(pr_event "$head2" octo/repo)" "$head2" INPUT_FAIL_ON=sometimes
expect_eq "bad-input: refused with exit 2 at the first step" "2 preflight" "$last_rc $(cat "$last_dir/stopped-at" 2> /dev/null)"
expect_true "bad-input: the error names the input" grep -q "input fail-on must be" "$last_dir/log"
end

# 8. A sharded run: two shard jobs, then a merge job that compares and comments once.
before=$(posted)
mkdir -p "$tmp/shards"
for part in 1 2; do
  begin
  run_action "shard$part" pull_request "$(pr_event "$head2" octo/repo)" "$head2" INPUT_CONFIG=same.yml INPUT_SHARD="$part/2" \
    INPUT_BASE_RESULTS="$base_results" INPUT_MARKER=sharded
  expect_eq "shard$part: the shard job passes without comparing" "0 none" "$last_rc $(output verdict)"
  expect_eq "shard$part: results-dir is shard $part/2" "$part/2" "$(jq -r '"\(.shard.index)/\(.shard.count)"' "$(output results-dir)/results.json")"
  expect_true "shard$part: the summary says why it is not compared" grep -q "holds part of the run" "$last_dir/summary"
  end
  # What actions/download-artifact puts in one folder per artifact.
  cp -r "$(output results-dir)" "$tmp/shards/cigate-shard-$part"
done
expect_eq "shards: nothing posted to GitHub" "$before" "$(posted)"
begin
run_action merged pull_request "$(pr_event "$head2" octo/repo)" "$head2" INPUT_CONFIG=same.yml INPUT_SHARDS="$tmp/shards" \
  INPUT_BASE_RESULTS="$base_results" INPUT_MARKER=sharded
expect_eq "merged: the merged run gates and passes" "0 pass" "$last_rc $(output verdict)"
expect_eq "merged: results-dir is the whole run" "null 100" "$(jq -r '"\(.shard) \(.suites[0].counts.items)"' "$(output results-dir)/results.json")"
expect_eq "merged: one comment with the merge job's marker" 1 "$(comments sharded | jq length)"
end
begin
run_action shard-bad pull_request "$(pr_event "$head2" octo/repo)" "$head2" INPUT_SHARD=half
expect_eq "shard-bad: a malformed shard input is refused at the first step" "2 preflight" "$last_rc $(cat "$last_dir/stopped-at" 2> /dev/null)"
end

# 9. History: the push to main (scenario 1) started the store; a tag extends the same store, so a
#    release is never lost to a branch-scoped cache; other refs and shards are not recorded.
tag_sha=5555555555555555555555555555555555555555
begin
curl -fsS -X POST -H 'Content-Type: application/json' --data '{"repo": "octo/repo", "name": "v1.0"}' "$api/_fake/tags" > /dev/null
run_action tag push '{"ref": "refs/tags/v1.0"}' "$tag_sha" INPUT_CONFIG=same.yml
expect_eq "tag: the action passes and records" "0 true" "$last_rc $(output recorded)"
store=$(output path)/history.db
expect_eq "tag: main's run and the tag's run are in one store" "main, v1.0" \
  "$(cli history list --db "$store" --format json | jq -r '[.[] | .identity.branch // .identity.tag] | sort | join(", ")')"
expect_eq "tag: no write-ahead log left behind for the upload to miss" "" "$(find "$(output path)" -name '*-wal' -size +0)"
upload_history "$tag_sha" v1.0
expect_eq "tag: two history artifacts uploaded (main, then the tag)" 2 "$(history_artifacts)"
end
begin
run_action feature-push push '{"ref": "refs/heads/feature"}' "$head2" INPUT_CONFIG=same.yml
expect_eq "feature-push: record auto skips other branches" "0 false" "$last_rc $(output recorded)"
expect_true "feature-push: the log says why" grep -q "history: not recorded (record: auto records pushes to 'main' and tags" "$last_dir/log"
end
begin
run_action shard-record push '{"ref": "refs/heads/main"}' "$head2" INPUT_CONFIG=same.yml INPUT_SHARD=1/2 INPUT_RECORD=true
expect_eq "shard-record: a shard is never recorded, even with record: true" "0 false" "$last_rc $(output recorded)"
end
begin
run_action record-bad push '{"ref": "refs/heads/main"}' "$head2" INPUT_RECORD=yes
expect_eq "record-bad: a mistyped record input is refused at the first step" "2 preflight" "$last_rc $(cat "$last_dir/stopped-at" 2> /dev/null)"
end
# A token the API refuses: the download fails, so nothing is recorded and nothing uploaded (an
# empty store uploaded as the newest artifact would hide every earlier run).
curl -fsS -X POST -H 'Content-Type: application/json' --data '{"require_token": "another-token"}' "$api/_fake/config" > /dev/null
begin
run_action history-down push '{"ref": "refs/heads/main"}' "$head2" INPUT_CONFIG=same.yml
expect_eq "history-down: the step fails at history" history "$(cat "$last_dir/stopped-at" 2> /dev/null)"
expect_true "history-down: it says the store was not replaced" grep -q "not recording, so that a new, empty store never replaces it" "$last_dir/log"
expect_eq "history-down: nothing handed to upload-artifact" "" "$(output upload)"
end
curl -fsS -X POST -H 'Content-Type: application/json' --data '{"require_token": null}' "$api/_fake/config" > /dev/null
expect_eq "history: still two history artifacts" 2 "$(history_artifacts)"

# A fork's pull_request run uploads the newest cigate-history artifact (not a SQLite store at
# all here): the next push to main must extend main's store, never take the fork's.
jq -n --arg sha "$head3" '{repo: "octo/repo", name: "cigate-history", head_sha: $sha, event: "pull_request",
  head_branch: "main", head_repository: "forker/repo", files: {"history.db": "poisoned"}}' |
  curl -fsS -X POST -H 'Content-Type: application/json' --data-binary @- "$api/_fake/artifacts" > /dev/null
main_sha2=6666666666666666666666666666666666666666
begin
run_action history-fork push '{"ref": "refs/heads/main"}' "$main_sha2" INPUT_CONFIG=same.yml
expect_eq "history-fork: the push records" "0 true" "$last_rc $(output recorded)"
expect_true "history-fork: the fork's artifact is named as ignored" grep -q "fork's commit" "$last_dir/log"
expect_eq "history-fork: main's store was extended (main, v1.0, main)" "main, main, v1.0" \
  "$(cli history list --db "$(output path)/history.db" --format json | jq -r '[.[] | .identity.branch // .identity.tag] | sort | join(", ")')"
end

# 10. The base download fails closed. A token without actions: read: the step fails and says so.
curl -fsS -X POST -H 'Content-Type: application/json' --data '{"forbidden": true}' "$api/_fake/config" > /dev/null
begin
run_action base-403 pull_request "$(pr_event "$head2" octo/repo)" "$head2" INPUT_CONFIG=same.yml
expect_eq "base-403: the job fails at the base step" "3 base" "$last_rc $(cat "$last_dir/stopped-at" 2> /dev/null)"
expect_true "base-403: the error names the missing permission" grep -q "::error title=CiGate::could not get the base results: the token lacks actions: read" "$last_dir/log"
expect_eq "base-403: no verdict (never a green 'none')" "" "$(output verdict)"
end
curl -fsS -X POST -H 'Content-Type: application/json' --data '{"forbidden": false}' "$api/_fake/config" > /dev/null

# Two 502s: retried with backoff, then the base artifact is used.
curl -fsS -X POST -H 'Content-Type: application/json' --data '{"server_errors": 2}' "$api/_fake/config" > /dev/null
begin
run_action base-5xx pull_request "$(pr_event "$head2" octo/repo)" "$head2" INPUT_CONFIG=same.yml
expect_eq "base-5xx: the action passes against the base" "0 pass" "$last_rc $(output verdict)"
expect_eq "base-5xx: it retried twice" 2 "$(grep -c "GitHub call failed (502 BadGateway); retrying" "$last_dir/log")"
expect_true "base-5xx: the base came from the artifact" grep -q "base results: artifact 'cigate-results' of $base_sha" "$last_dir/log"
end

# No artifact for the base commit: not a download failure; on a pull request the base is required,
# so compare reports the head alone and is inconclusive (exit 3), never a silent pass.
other_base=7777777777777777777777777777777777777777
begin
run_action base-missing pull_request "$(pr_event "$head2" octo/repo "$other_base")" "$head2" INPUT_CONFIG=same.yml
expect_eq "base-missing: no base on a pull request is inconclusive" "3 inconclusive" "$last_rc $(output verdict)"
expect_true "base-missing: the summary says why" grep -q "no artifact 'cigate-results' from a push to the default branch or a tag for base commit $other_base" "$last_dir/summary"
expect_true "base-missing: no base folder is left" test ! -e "$last_dir/runner-temp/cigate/base"
end

# Only a fork's artifact for the base commit: never used, so no base either.
jq -n --arg sha "$other_base" --rawfile results "$base_results/results.json" --rawfile items "$base_results/items.jsonl" \
  '{repo: "octo/repo", name: "cigate-results", head_sha: $sha, event: "pull_request", head_branch: "main",
    head_repository: "forker/repo", files: {"results.json": $results, "items.jsonl": $items}}' |
  curl -fsS -X POST -H 'Content-Type: application/json' --data-binary @- "$api/_fake/artifacts" > /dev/null
begin
run_action base-fork pull_request "$(pr_event "$head2" octo/repo "$other_base")" "$head2" INPUT_CONFIG=same.yml
expect_eq "base-fork: a fork's artifact is not a base (inconclusive)" "3 inconclusive" "$last_rc $(output verdict)"
expect_true "base-fork: the log says why it was ignored" grep -q "ignoring artifact 'cigate-results'.*fork's commit" "$last_dir/log"
end

# 11. Trust: what cigate.yml cannot grant itself; only the action's inputs (the workflow) can.
#     A target that would send its key to evil.example (RFC 2606: resolves nowhere), added to a
#     config whose suite runs on every target.
{ sed -n '1,/^suites:/p' "$workspace/same.yml" | sed '$d'
  printf '  remote:\n    base_url: http://evil.example/v1\n    model: m\n    api_key_env: CIGATE_E2E_KEY\n    retries: { max_attempts: 1 }\n\n'
  sed -n '/^suites:/,$p' "$workspace/same.yml"; } > "$workspace/untrusted.yml"
host_line=$(grep -n 'base_url: http://evil.example/v1' "$workspace/untrusted.yml" | cut -d: -f1)
trust_key=sk-e2e-trust-0001
begin
run_action trust-host push '{"ref": "refs/heads/main"}' "$head2" INPUT_CONFIG=untrusted.yml CIGATE_E2E_KEY=$trust_key
expect_eq "trust-host: refused at the run step with exit 2" "2 run" "$last_rc $(cat "$last_dir/stopped-at" 2> /dev/null)"
expect_true "trust-host: CIGATE0023 at base_url in untrusted.yml" grep -q "untrusted.yml($host_line,[0-9]*): error CIGATE0023: 'targets.remote.base_url' would send the API key from CIGATE_E2E_KEY to 'evil.example'" "$last_dir/log"
expect_true "trust-host: refused before any request (no results folder)" test ! -e "$last_dir/runner-temp/cigate/head"
expect_true "trust-host: no connection was tried" bash -c "! grep -q CIGATE0301 '$last_dir/log'"
end
begin
run_action trust-host-granted push '{"ref": "refs/heads/main"}' "$head2" INPUT_CONFIG=untrusted.yml CIGATE_E2E_KEY=$trust_key \
  INPUT_TRUSTED_HOSTS="api.example.com, evil.example"
expect_eq "trust-host-granted: past the trust check, the run fails on the connection (exit 3)" "3 run" "$last_rc $(cat "$last_dir/stopped-at" 2> /dev/null)"
expect_true "trust-host-granted: no CIGATE0023" bash -c "! grep -q CIGATE0023 '$last_dir/log'"
expect_true "trust-host-granted: CIGATE0301, evil.example unreachable" grep -q "error CIGATE0301: target 'remote' is unreachable" "$last_dir/log"
expect_true "trust-host-granted: the key is not in the log" bash -c "! grep -q '$trust_key' '$last_dir/log'"
end

# A perf suite that starts its own server: the command touches a flag, then exits (never ready).
cat > "$workspace/server.yml" << EOF
version: 1
targets:
  local:
    base_url: http://127.0.0.1:9/v1
    model: m
suites:
  serving:
    kind: perf
    targets: [local]
    workload: { prompt_tokens: 8, output_tokens: 4, tokenizer: words }
    profile: concurrent
    concurrency: 1
    max_requests: 1
    server:
      command: touch "$tmp/server-started"; exit 1
      ready: { timeout: 5s, interval: 100ms }
      stop_timeout: 2s
EOF
command_line=$(grep -n 'command: touch' "$workspace/server.yml" | cut -d: -f1)
begin
run_action trust-command push '{"ref": "refs/heads/main"}' "$head2" INPUT_CONFIG=server.yml
expect_eq "trust-command: refused at the run step with exit 2" "2 run" "$last_rc $(cat "$last_dir/stopped-at" 2> /dev/null)"
expect_true "trust-command: CIGATE0022 at server.command in server.yml" grep -q "server.yml($command_line,[0-9]*): error CIGATE0022: 'suites.serving.server.command' would start a process" "$last_dir/log"
expect_true "trust-command: the command did not run" test ! -e "$tmp/server-started"
end
begin
run_action trust-command-granted push '{"ref": "refs/heads/main"}' "$head2" INPUT_CONFIG=server.yml INPUT_ALLOW_COMMANDS=true
expect_true "trust-command-granted: the command ran" test -e "$tmp/server-started"
expect_eq "trust-command-granted: a server that exits is CIGATE0304 (exit 3), not a refusal" "3 run 0" \
  "$last_rc $(cat "$last_dir/stopped-at" 2> /dev/null) $(grep -c CIGATE0022 "$last_dir/log")"
expect_true "trust-command-granted: CIGATE0304 names the server" grep -q "error CIGATE0304" "$last_dir/log"
end
begin
run_action trust-command-bad push '{"ref": "refs/heads/main"}' "$head2" INPUT_CONFIG=server.yml INPUT_ALLOW_COMMANDS=yes
expect_eq "trust-command-bad: a mistyped allow-commands fails the run step" "2 run" "$last_rc $(cat "$last_dir/stopped-at" 2> /dev/null)"
expect_true "trust-command-bad: the error names the input" grep -q "input allow-commands must be 'true' or 'false'" "$last_dir/log"
end

# Install step: the published package the action is pinned to (a local folder feed stands in for
# NuGet), the fallback to a build when that version is not published, and an explicit version.
feed=$tmp/feed
dotnet pack "$repo/src/CiGate.Cli" -c Release -o "$feed" -nologo -v quiet --artifacts-path "$tmp/pack" > "$tmp/pack.log" 2>&1 ||
  { cat "$tmp/pack.log" >&2; bad "install: dotnet pack failed"; }
packed=$(basename "$(ls "$feed"/cigate.*.nupkg 2> /dev/null | head -1)" .nupkg)
packed=${packed#cigate.}
run_install() {
  local name=$1
  shift
  last_dir=$tmp/install-$name
  mkdir -p "$last_dir/runner-temp"
  last_rc=0
  (
    export RUNNER_TEMP=$last_dir/runner-temp GITHUB_ACTION_PATH=$repo CIGATE_BUILD_ARTIFACTS=$art
    export CIGATE_NUGET_SOURCE=$feed INPUT_CIGATE_VERSION="" CIGATE_ACTION_REF=""
    for assignment in "$@"; do export "${assignment?}"; done
    bash "$repo/action/install.sh" && "$RUNNER_TEMP/cigate/bin/cigate" --version > "$last_dir/version"
  ) > "$last_dir/log" 2>&1 || last_rc=$?
}
begin
run_install tag "CIGATE_ACTION_REF=v$packed"
expect_eq "install: uses: ...@v$packed installs that package" "0 $packed" "$last_rc $(cat "$last_dir/version" 2> /dev/null)"
expect_true "install: from the feed, not a build" grep -q "installing cigate $packed from NuGet" "$last_dir/log"
expect_true "install: the launcher runs the installed tool" grep -q "cigate/tool/cigate" "$last_dir/runner-temp/cigate/bin/cigate"
echo "install: package ready in $(grep -o 'ready in [0-9]* s' "$last_dir/log" | grep -o '[0-9]*') s"
end
begin
run_install unpublished "CIGATE_ACTION_REF=v9.9.9"
expect_eq "install: an unpublished pinned version falls back to a build" 0 "$last_rc"
expect_true "install: the fallback says why" grep -q "cigate 9.9.9 could not be installed; building" "$last_dir/log"
expect_true "install: the launcher runs the build" grep -q "cigate.dll" "$last_dir/runner-temp/cigate/bin/cigate"
end
begin
run_install sha "CIGATE_ACTION_REF=0123456789abcdef0123456789abcdef01234567"
expect_eq "install: a SHA pin builds the action's checkout" "0 1" "$last_rc $(grep -c 'building cigate from' "$last_dir/log")"
end
begin
run_install explicit "INPUT_CIGATE_VERSION=9.9.9"
expect_eq "install: an explicit version that cannot be installed fails the step (exit 3), no fallback" "3 0" \
  "$last_rc $(grep -c 'building cigate from' "$last_dir/log")"
end

echo "action e2e: $passed passed, $failed failed"
[[ "$failed" -eq 0 ]]
