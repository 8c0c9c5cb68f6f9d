#!/usr/bin/env bash
# Builds the consumer projects of tests/consumer/ against fusevm, as a user would:
#   run.sh install CMAKE BUILD_DIR SOURCE_DIR WORK_DIR CC CXX
#     installs BUILD_DIR (already built) into WORK_DIR/prefix, then builds and runs the
#     find_package and pkg-config consumers against it;
#   run.sh subproject CMAKE BUILD_DIR SOURCE_DIR WORK_DIR CC CXX
#     builds the FetchContent/add_subdirectory consumer, which compiles the library itself
#     (interpreter only and unoptimised, to keep the test short).
# Each consumer prints one line that CTest checks.
set -euo pipefail
mode=$1 cmake=$2 build=$3 src=$4 work=$5 cc=$6 cxx=$7
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
configure() {  # configure SOURCE BINARY [ARGS...]
  local source=$1 binary=$2
  shift 2
  "$cmake" -S "$source" -B "$binary" "${generator[@]}" -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_CXX_COMPILER="$cxx" "$@" >"$binary.log" 2>&1 || { cat "$binary.log"; exit 1; }
}
rm -rf "$work"
mkdir -p "$work"
case "$mode" in
  install)
    for component in devel runtime; do
      "$cmake" --install "$build" --prefix "$work/prefix" --component "$component" >>"$work/install.log"
    done
    test -f "$work/prefix/include/fusevm/fusevm.h"
    test -f "$work/prefix/include/fusevm/version.h"
    configure "$src/tests/consumer/find_package" "$work/find_package" -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_PREFIX_PATH="$work/prefix"
    "$cmake" --build "$work/find_package" >"$work/find_package-build.log" 2>&1 \
      || { cat "$work/find_package-build.log"; exit 1; }
    "$work/find_package/consumer_static"
    "$work/find_package/consumer_shared_c"
    # pkg-config must find fusevm.pc through PKG_CONFIG_PATH alone, wherever it was installed.
    libdir=$(dirname "$(find "$work/prefix" -name fusevm.pc -print -quit)")
    PKG_CONFIG_PATH="$libdir" configure "$src/tests/consumer/pkg_config" "$work/pkg_config" \
      -DCMAKE_BUILD_TYPE=Release
    "$cmake" --build "$work/pkg_config" >"$work/pkg_config-build.log" 2>&1 \
      || { cat "$work/pkg_config-build.log"; exit 1; }
    "$work/pkg_config/consumer_pc_shared"
    "$work/pkg_config/consumer_pc_static"
    ;;
  subproject)
    configure "$src/tests/consumer/subproject" "$work/subproject" -DFUSEVM_SOURCE_DIR="$src" \
      -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0 -DFUSEVM_JIT=OFF
    "$cmake" --build "$work/subproject" --target consumer_subproject -j 2 \
      >"$work/subproject-build.log" 2>&1 || { tail -50 "$work/subproject-build.log"; exit 1; }
    "$work/subproject/consumer_subproject"
    ;;
  *)
    echo "usage: $0 install|subproject CMAKE BUILD_DIR SOURCE_DIR WORK_DIR CC CXX" >&2
    exit 2
    ;;
esac
