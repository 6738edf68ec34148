#!/usr/bin/env bash
# Step 7: the action's outputs: verdict (pass, warn, fail, inconclusive; none without a base;
# error when compare could not report), report-dir, comment-path, results-dir and exit-code
# (what cigate returned: 0 pass/warn/none, 1 fail, 2 usage/config, 3 inconclusive or a
# publishing failure), recorded (true when the run went into the history store) and history-db.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if [[ -f "$CIGATE_REPORTS/gate.json" ]]; then
  verdict=$(gate_verdict "$CIGATE_REPORTS/gate.json")
elif [[ -z "$(state_get base-dir)" ]]; then
  verdict=none
else
  verdict=error
fi

set_output verdict "$verdict"
set_output exit-code "$(state_get exit-code 0)"
set_output results-dir "$CIGATE_HEAD"
# true when the history step recorded this run (in PostgreSQL, or into the store it uploads).
set_output recorded "$([[ -n "$(state_get recorded)" ]] && echo true || echo false)"
# The SQLite store with this run in it (empty with PostgreSQL or when not recorded): for history site.
store=$(state_get recorded)
set_output history-db "$([[ "$store" == */history.db ]] && printf '%s' "$store" || true)"
if [[ -d "$CIGATE_REPORTS" ]]; then
  set_output report-dir "$CIGATE_REPORTS"
  set_output comment-path "$CIGATE_REPORTS/comment.md"
else
  set_output report-dir ""
  set_output comment-path ""
fi
