# Sourced by every step script of the composite action (action.yml): the folders the steps
# share and small helpers. Not a step itself.
# The CIGATE_* names are used by the scripts that source this file, hence SC2034.
# shellcheck shell=bash disable=SC2034
#
# Steps hand results to each other through files under $RUNNER_TEMP/cigate (the runner empties
# RUNNER_TEMP at the end of every job), never through the environment, so that each step only
# sees the inputs action.yml maps to it.

: "${RUNNER_TEMP:?RUNNER_TEMP is not set (this script runs inside a GitHub Actions job)}"

CIGATE_HOME="$RUNNER_TEMP/cigate"
CIGATE_HEAD="$CIGATE_HOME/head"        # results of this commit (cigate run --out)
CIGATE_BASE="$CIGATE_HOME/base"        # base results downloaded from an artifact
CIGATE_REPORTS="$CIGATE_HOME/compare"  # cigate compare --out: comment.md, summary.md, gate.json...
CIGATE_STATE="$CIGATE_HOME/state"      # one small file per value passed between steps
CIGATE_LAUNCHER="$CIGATE_HOME/bin/cigate"

# The one way the steps call the tool, whichever way install.sh obtained it.
cigate() {
  if [[ ! -x "$CIGATE_LAUNCHER" ]]; then
    error "cigate is not installed: the install step did not run or failed"
    return 2
  fi
  "$CIGATE_LAUNCHER" "$@"
}

note() {
  printf 'cigate-action: %s\n' "$*" >&2
}

# Workflow-command data must escape %, CR and LF, or a crafted message could inject commands.
escape_data() {
  local s=$1
  s=${s//'%'/'%25'}
  s=${s//$'\r'/'%0D'}
  s=${s//$'\n'/'%0A'}
  printf '%s' "$s"
}

error() {
  printf '::error title=CiGate::%s\n' "$(escape_data "$*")"
}

# Prints an ::error annotation and exits with the given code (default 2: usage or config).
die() {
  error "$1"
  exit "${2:-2}"
}

state_set() {
  mkdir -p "$CIGATE_STATE"
  printf '%s' "$2" > "$CIGATE_STATE/$1"
}

state_get() {
  if [[ -f "$CIGATE_STATE/$1" ]]; then
    cat "$CIGATE_STATE/$1"
  else
    printf '%s' "${2-}"
  fi
}

# Step outputs are single lines here (verdicts, numbers, paths); refuse anything that is not,
# rather than let a newline forge another output.
set_output() {
  if [[ "$2" == *$'\n'* || "$2" == *$'\r'* ]]; then
    die "output '$1' would span several lines" 3
  fi
  if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
    printf '%s=%s\n' "$1" "$2" >> "$GITHUB_OUTPUT"
  fi
  note "output $1=$2"
}

append_summary() {
  if [[ -n "${GITHUB_STEP_SUMMARY:-}" ]]; then
    cat >> "$GITHUB_STEP_SUMMARY"
  else
    cat > /dev/null
  fi
}

# The overall verdict in gate.json, as a word: verdict_name (none without a base that was not
# required), else overall, which may be serialized as the enum's name or its number (Pass=0,
# Warn=1, Inconclusive=2, Fail=3); accept both.
gate_verdict() {
  local file=$1 raw
  if command -v jq > /dev/null 2>&1; then
    raw=$(jq -r '.verdict_name // .overall' "$file")
  elif command -v python3 > /dev/null 2>&1; then
    raw=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d.get("verdict_name") or d["overall"])' "$file")
  else
    # Neither tool (a bare self-hosted runner): fall back to the line compare printed.
    raw=$(sed -n 's/^cigate compare: //p' "$CIGATE_STATE/compare.txt" 2> /dev/null | head -n 1)
  fi
  # tr rather than ${raw,,}: macOS's /bin/bash is 3.2.
  case "$(printf '%s' "$raw" | tr '[:upper:]' '[:lower:]')" in
    0 | pass) echo pass ;;
    1 | warn) echo warn ;;
    2 | inconclusive) echo inconclusive ;;
    3 | fail) echo fail ;;
    none) echo none ;;
    *) echo unknown ;;
  esac
}
