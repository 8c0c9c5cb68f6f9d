#!/usr/bin/env bash
# Installs the Debian 12 packages fusevm builds, tests and benchmarks with. Idempotent: installs
# only what is missing, and uses sudo only when not already root. --with-peers adds the benchmark
# peers, --with-docs Doxygen and Graphviz (neither is needed to build or test).
set -euo pipefail

PACKAGES=(
  cmake ninja-build g++ pkg-config python3          # build
  clang-14 libclang-rt-14-dev                        # fuzzing (libFuzzer) and sanitizers
  libgtest-dev libgmock-dev libbenchmark-dev         # tests and benchmarks
  nlohmann-json3-dev libcli11-dev libfmt-dev libspdlog-dev libre2-dev libasmjit-dev libxxhash-dev
)
for arg in "$@"; do
  case "$arg" in
    --with-peers)  # benchmark peers, and gnuplot for the chart of scripts/bench-report.py
      PACKAGES+=(lua5.4 luajit nodejs perl mawk gawk original-awk busybox hyperfine gnuplot-nox) ;;
    --with-docs)   # the `docs` target (Doxygen API reference) and `fusevm dis --dot` rendering
      PACKAGES+=(doxygen graphviz) ;;
    *) echo "usage: $0 [--with-peers] [--with-docs]" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
SUDO=""
if [[ "$(id -u)" != 0 ]]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
