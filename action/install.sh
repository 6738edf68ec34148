#!/usr/bin/env bash
# Step 2: obtain cigate and write a launcher at $RUNNER_TEMP/cigate/bin/cigate that the later
# steps call. Which cigate (input cigate-version):
# - empty (the default): the published version the action is pinned to, when its ref is a version
#   tag (uses: owner/cigate@v1.2.3 installs 1.2.3 from NuGet, a few seconds); otherwise, or when that
#   install fails, a build of the action's own checkout (what `uses: ...@SHA` pinned, about a minute).
# - X.Y.Z: install that version of the `cigate` NuGet tool (no fallback: you asked for it).
# - build: always build from the action's checkout.
# Installs go into $RUNNER_TEMP with --tool-path: the user's PATH and global tools stay untouched.
# Env: INPUT_CIGATE_VERSION, CIGATE_ACTION_REF (github.action_ref); GITHUB_ACTION_PATH, RUNNER_TEMP
# from the runner; tests only: CIGATE_BUILD_ARTIFACTS (reuse a build folder), CIGATE_NUGET_SOURCE
# (an extra package source, e.g. a local folder feed).
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

if ! command -v dotnet > /dev/null 2>&1; then
  die "dotnet not found: keep setup-dotnet enabled or install the .NET 10 SDK on the runner" 3
fi

mkdir -p "$(dirname "$CIGATE_LAUNCHER")"
version=${INPUT_CIGATE_VERSION:-}
started=$SECONDS

build() {
  : "${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
  local artifacts=${CIGATE_BUILD_ARTIFACTS:-$CIGATE_HOME/build}
  note "building cigate from $GITHUB_ACTION_PATH"
  # Build from the action's folder so its global.json picks the SDK, not the user's; the
  # artifacts folder keeps the build out of the action's checkout.
  (cd "$GITHUB_ACTION_PATH" && dotnet build src/CiGate.Cli -c Release -nologo -v quiet --artifacts-path "$artifacts")
  local dll="$artifacts/bin/CiGate.Cli/release/cigate.dll"
  [[ -f "$dll" ]] || die "the build did not produce $dll" 3
  printf '#!/usr/bin/env bash\nexec dotnet %q "$@"\n' "$dll" > "$CIGATE_LAUNCHER"
}

# Installs the NuGet tool at version $1 with up to $2 tries; returns 1 when it could not.
install_package() {
  local want=$1 tries=$2 tools="$CIGATE_HOME/tool" attempt
  local sources=()
  [[ -n "${CIGATE_NUGET_SOURCE:-}" ]] && sources=(--add-source "$CIGATE_NUGET_SOURCE")
  for ((attempt = 1; attempt <= tries; attempt++)); do
    if dotnet tool install cigate --version "$want" --tool-path "$tools" "${sources[@]}" ||
      dotnet tool update cigate --version "$want" --tool-path "$tools" "${sources[@]}"; then
      printf '#!/usr/bin/env bash\nexec %q "$@"\n' "$tools/cigate" > "$CIGATE_LAUNCHER"
      return 0
    fi
    if ((attempt < tries)); then
      note "install attempt $attempt failed; retrying"
      sleep $((attempt * 5))
    fi
  done
  return 1
}

if [[ "$version" == build ]]; then
  build
elif [[ -n "$version" ]]; then
  # The version lands on a command line: allow only what a NuGet version can contain.
  [[ "$version" =~ ^[0-9A-Za-z.+-]+$ ]] || die "input cigate-version '$version' is not a version"
  install_package "$version" 3 || die "could not install cigate $version from the package feed" 3
elif [[ "${CIGATE_ACTION_REF:-}" =~ ^v([0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?)$ ]]; then
  pinned=${BASH_REMATCH[1]}
  note "the action is pinned to v$pinned: installing cigate $pinned from NuGet"
  install_package "$pinned" 2 || { note "cigate $pinned could not be installed; building the action's checkout instead"; build; }
else
  build
fi

chmod +x "$CIGATE_LAUNCHER"
note "cigate $(cigate --version) ready in $((SECONDS - started)) s"
