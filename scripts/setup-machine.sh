#!/usr/bin/env bash
# Installs the Debian packages the project needs on a fresh machine, and nothing when they are there:
# Chromium drives the e2e tests; code-server builds its kerberos module against libkrb5-dev; Debian's
# ripgrep stands in for the rg that code-server's @vscode/ripgrep would otherwise download.
set -euo pipefail

# apt needs root: run it directly as root, through sudo otherwise, and say so plainly when neither works.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "setup-machine: need root (or sudo) to run: $*" >&2
    return 1
  fi
}

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup-machine: installing ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

# @vscode/ripgrep (inside code-server) looks for this tarball before it tries to download rg.
ripgrep_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$ripgrep_cache" ]; then
  mkdir -p "$(dirname "$ripgrep_cache")"
  tar -czf "$ripgrep_cache" -C "$(dirname "$(command -v rg)")" rg
fi
