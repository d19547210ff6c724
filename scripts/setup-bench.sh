#!/usr/bin/env bash
# Optional: installs the reference system `pnpm bench` compares against where it can, on a
# Debian machine: PyTorch from Debian (run through /usr/bin/python3) with OpenBLAS, which it
# needs for its fast kernels (with only the reference libblas3 it runs at ~5 GFLOP/s).
# TensorFlow.js needs nothing: it is a dev dependency of apps/bench.
set -euo pipefail
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
$sudo apt-get install -y -qq python3-torch libopenblas0-pthread >/dev/null
/usr/bin/python3 -c 'import torch; print(f"setup-bench: PyTorch {torch.__version__} ready for pnpm bench")'
