#!/usr/bin/env bash
# Installs the Debian 12 packages fusevm builds, tests and benchmarks with. Idempotent: installs
# only what is missing, and uses sudo only when not already root.
set -euo pipefail

PACKAGES=(
  cmake ninja-build g++ pkg-config python3          # build
  clang-14 libclang-rt-14-dev                        # fuzzing (libFuzzer) and sanitizers
  libgtest-dev libgmock-dev libbenchmark-dev         # tests and benchmarks
  nlohmann-json3-dev libcli11-dev libfmt-dev libspdlog-dev libre2-dev libasmjit-dev libxxhash-dev
)
if [[ "${1:-}" == "--with-peers" ]]; then
  PACKAGES+=(lua5.4 luajit mawk gawk original-awk busybox hyperfine)  # benchmark peers
fi

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
