#!/usr/bin/env bash
# Installs everything mlpkit needs on a fresh Debian machine that has Node.js 20:
# pnpm, the Fashion-MNIST data set, Chromium, OpenBLAS and redis-server from Debian, and the workspace's npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version)" != 9.* ]]; then
  echo "setup: installing pnpm 9"
  npm install -g pnpm@9 >/dev/null
fi

# From Debian, where we can: the Fashion-MNIST files, Chromium for the browser check
# (apps/browser), OpenBLAS for @mlpkit/backend-blas, and redis-server for @mlpkit/search's
# queue tests (they start their own on a free port). Setup goes on without any of them: mlpkit
# downloads Fashion-MNIST into its cache instead, the browser check and the queue tests say they
# were skipped, and the blas backend's tests and bench rows are skipped (but `pnpm conformance
# --backend all` reports it failed to start, and the backend's error says how to install a BLAS).
data=/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz
declare -A why=(
  [dataset-fashion-mnist]="mlpkit will download Fashion-MNIST into its cache instead"
  [chromium]="the browser check (apps/browser) will be skipped"
  [redis-server]="the queue tests of @mlpkit/search will be skipped"
  [libopenblas0-pthread]="@mlpkit/backend-blas will not start (its tests and bench rows are skipped)"
)
wanted=()
[ -f "$data" ] || wanted+=(dataset-fashion-mnist)
[ -x /usr/bin/chromium ] || wanted+=(chromium)
command -v redis-server >/dev/null 2>&1 || wanted+=(redis-server)
compgen -G "/usr/lib/*/openblas-pthread/libopenblas.so.0" >/dev/null || wanted+=(libopenblas0-pthread)
if [ ${#wanted[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing Debian's ${wanted[*]}"
  $sudo apt-get update -qq || true
  for pkg in "${wanted[@]}"; do
    $sudo apt-get install -y -qq "$pkg" >/dev/null || echo "setup: could not install $pkg; ${why[$pkg]}"
  done
fi

echo "setup: installing npm packages"
pnpm install --frozen-lockfile
