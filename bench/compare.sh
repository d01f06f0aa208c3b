#!/usr/bin/env bash
# Side-by-side benchmark: feedmill against rsspls (builds) and nginx (serving), in one run.
# Installs what it needs (nginx, wrk from Debian; rsspls from crates.io), builds feedmill in
# release mode, then runs bench/compare.py. Options are passed on: --pages 200 --rounds 3 ...
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
command -v wrk >/dev/null || need+=(wrk)
if ((${#need[@]})); then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"
fi
export PATH="$PATH:/usr/sbin:$HOME/.cargo/bin"
command -v rsspls >/dev/null || cargo install --locked rsspls
cargo build --release --quiet
exec python3 bench/compare.py "$@"
