#!/usr/bin/env bash
# Installs everything mlpkit needs on a fresh Debian machine that has Node.js 20:
# pnpm, the Fashion-MNIST data set from Debian, and the workspace's npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version)" != 9.* ]]; then
  echo "setup: installing pnpm 9"
  npm install -g pnpm@9 >/dev/null
fi

data=/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz
if [ ! -f "$data" ] && command -v apt-get >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing Debian's dataset-fashion-mnist"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq dataset-fashion-mnist >/dev/null \
    || echo "setup: could not install dataset-fashion-mnist; mlpkit will download Fashion-MNIST into its cache instead"
fi

echo "setup: installing npm packages"
pnpm install --frozen-lockfile
