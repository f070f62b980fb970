#!/usr/bin/env bash
# Make a Pulumi engine (CLI + Node.js language host + dynamic-provider plugin script) available.
#
# Usage:  BIN=$(bash tools/engine/ensure-engine.sh | tail -1); export PATH="$BIN:$PATH"
#
# 1. If `pulumi` and `pulumi-language-nodejs` are both on PATH, print that bin dir and stop.
# 2. Else if .tools/pulumi/bin holds binaries built from the current recipe (stamp matches), reuse them.
# 3. Else build them with Go from the wrapper modules in tools/engine/ (see README.md there).
# Progress goes to stderr; the last (only) line on stdout is the absolute bin dir.
# Env: ENGINE_FORCE_REBUILD=1 rebuilds even if the stamp matches (the PATH check is skipped too).
set -euo pipefail

CLI_VERSION="v3.259.0"
CLI_PKG="github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
# The nested language-host module (sdk/nodejs/cmd/pulumi-language-nodejs/v3) is not served by the
# module proxy reachable here, so the language host comes from the last sdk/v3 release that still
# contained it as a plain package. See README.md.
LANGHOST_VERSION="v3.68.0"
LANGHOST_PKG="github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"
VERSION_VAR="github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"
RECIPE_REV="1" # bump when the build steps below change in a way that needs a rebuild

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DEST="$ROOT/.tools/pulumi"
BIN="$DEST/bin"
PLUGIN_SCRIPT="pulumi-resource-pulumi-nodejs"
NODE_PLUGIN_SRC="$ROOT/node_modules/@pulumi/pulumi/$PLUGIN_SCRIPT"

START=$SECONDS
log() { printf '[ensure-engine %4ds] %s\n' "$((SECONDS - START))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# --- 1. an installed engine on PATH -------------------------------------------------------------
if [[ "${ENGINE_FORCE_REBUILD:-}" != "1" ]] && command -v pulumi >/dev/null 2>&1 \
    && command -v pulumi-language-nodejs >/dev/null 2>&1; then
  dir="$(cd "$(dirname "$(command -v pulumi)")" && pwd)"
  log "using pulumi already on PATH: $dir/pulumi"
  echo "$dir"
  exit 0
fi

# Copy the dynamic-provider plugin script (a tiny shell script shipped in the @pulumi/pulumi npm
# package) next to the binaries; the engine looks for bundled plugins next to `pulumi` or on PATH.
install_plugin_script() {
  if [[ -f "$NODE_PLUGIN_SRC" ]]; then
    if ! cmp -s "$NODE_PLUGIN_SRC" "$BIN/$PLUGIN_SCRIPT" 2>/dev/null; then
      cp "$NODE_PLUGIN_SRC" "$BIN/$PLUGIN_SCRIPT.tmp.$$"
      chmod 0755 "$BIN/$PLUGIN_SCRIPT.tmp.$$"
      mv -f "$BIN/$PLUGIN_SCRIPT.tmp.$$" "$BIN/$PLUGIN_SCRIPT"
      log "installed $PLUGIN_SCRIPT from node_modules/@pulumi/pulumi"
    fi
  elif [[ ! -x "$BIN/$PLUGIN_SCRIPT" ]]; then
    die "$NODE_PLUGIN_SRC not found: run 'npm ci' (or 'npm install') in $ROOT first. The engine binaries are in $BIN, but dynamic resources need the $PLUGIN_SCRIPT script from the @pulumi/pulumi npm package."
  else
    log "note: node_modules/@pulumi/pulumi is missing; keeping the previously installed $PLUGIN_SCRIPT"
  fi
}

# The stamp identifies the recipe: pinned versions, build flags and the wrapper modules' go.mod/go.sum.
stamp() {
  {
    echo "recipe=$RECIPE_REV cli=$CLI_VERSION langhost=$LANGHOST_VERSION"
    cat "$HERE/go.mod" "$HERE/go.sum" "$HERE/langhost/go.mod" "$HERE/langhost/go.sum"
  } | sha256sum | cut -c1-16
}
WANT="$(stamp)"

up_to_date() {
  [[ -x "$BIN/pulumi" && -x "$BIN/pulumi-language-nodejs" && -f "$DEST/STAMP" ]] \
    && [[ "$(cat "$DEST/STAMP")" == "$WANT" ]]
}

mkdir -p "$BIN"
# Serialize concurrent callers (parallel CI jobs / test workers) on one lock.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$DEST/.lock"
  flock 9
fi

# --- 2. a previous build that matches the recipe ------------------------------------------------
if [[ "${ENGINE_FORCE_REBUILD:-}" != "1" ]] && up_to_date; then
  install_plugin_script
  log "up to date ($("$BIN/pulumi" version 2>/dev/null || echo '?'), stamp $WANT)"
  echo "$BIN"
  exit 0
fi

# --- 3. build ------------------------------------------------------------------------------------
command -v go >/dev/null 2>&1 || die "go is not on PATH (needed to build the Pulumi engine)"
MODCACHE="$(go env GOMODCACHE)"
if [[ -d "$MODCACHE/github.com/pulumi/pulumi/pkg/v3@$CLI_VERSION" ]]; then CACHE_STATE="warm"; else CACHE_STATE="cold"; fi
log "building Pulumi engine into $BIN ($(go version | cut -d' ' -f3), module cache $CACHE_STATE: $MODCACHE)"
log "expect several minutes on a cold cache (about 1 GB of modules to download, ~1700 packages to compile)"
rm -f "$DEST/STAMP"

# `go build -v` prints one package path per compiled package and `go list` one "go: downloading"
# line per module: show a count every 15 s instead of each line. Anything else (errors, warnings) is
# shown in full.
summarize() {
  local step="$1" what="$2" n=0 last=$SECONDS line item
  while IFS= read -r line; do
    if [[ "$line" =~ ^go:\ downloading\ (.*)$ ]]; then
      item="${BASH_REMATCH[1]}"
    elif [[ "$line" =~ ^[A-Za-z0-9._~/-]+$ ]]; then
      item="$line"
    else
      printf '  %s\n' "$line" >&2
      continue
    fi
    n=$((n + 1))
    if ((SECONDS - last >= 15)); then
      log "$step: $n $what so far (last: $item)"
      last=$SECONDS
    fi
  done
  log "$step: $n $what"
}

# build <step> <module dir> <package> <output> <version>
build() {
  local step="$1" moddir="$2" pkg="$3" out="$4" ver="$5" t0
  t0=$SECONDS
  log "$step: downloading modules for $pkg@$ver (go list -deps)"
  # Default is -mod=readonly: go.mod/go.sum are complete and must not change during the build.
  (cd "$moddir" && go list -deps "$pkg" 2>&1 >/dev/null) | summarize "$step" "modules downloaded" \
    || die "$step: module download failed (is the Go module proxy reachable? GOPROXY=$(go env GOPROXY))"
  DL_SECONDS=$((SECONDS - t0))
  log "$step: modules ready in ${DL_SECONDS}s; compiling"
  t0=$SECONDS
  (cd "$moddir" && go build -v -trimpath -ldflags "-X $VERSION_VAR=$ver" -o "$out.new" "$pkg") 2>&1 \
    | summarize "$step" "packages compiled" || die "$step: go build failed"
  mv -f "$out.new" "$out"
  BUILD_SECONDS=$((SECONDS - t0))
  log "$step: built $(basename "$out") in ${BUILD_SECONDS}s"
}

build "pulumi CLI" "$HERE" "$CLI_PKG" "$BIN/pulumi" "$CLI_VERSION"
CLI_DL=$DL_SECONDS CLI_BUILD=$BUILD_SECONDS
build "language host" "$HERE/langhost" "$LANGHOST_PKG" "$BIN/pulumi-language-nodejs" "$LANGHOST_VERSION"
LH_DL=$DL_SECONDS LH_BUILD=$BUILD_SECONDS
TOTAL=$((SECONDS - START))

"$BIN/pulumi" version >/dev/null || die "built pulumi does not run"

cat >"$DEST/build-info.json" <<EOF
{
  "pulumi": "$CLI_VERSION",
  "pulumiPackage": "$CLI_PKG",
  "languageHost": "$LANGHOST_PKG@$LANGHOST_VERSION",
  "go": "$(go version | cut -d' ' -f3)",
  "moduleCache": "$CACHE_STATE",
  "seconds": { "total": $TOTAL, "cliDownload": $CLI_DL, "cliCompile": $CLI_BUILD, "langhostDownload": $LH_DL, "langhostCompile": $LH_BUILD },
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "stamp": "$WANT"
}
EOF
echo "$WANT" >"$DEST/STAMP"
log "engine built in ${TOTAL}s ($CACHE_STATE module cache); details in $DEST/build-info.json"

install_plugin_script
echo "$BIN"
