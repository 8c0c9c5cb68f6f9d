# Install rules: headers (with the generated version.h), the static library and, when built, the
# shared one, the `fusevm` tool, a CMake package (fusevmConfig.cmake, its version file and the
# exported targets fusevm::fusevm and fusevm::fusevm_shared) and a pkg-config file (fusevm.pc).
# tests/consumer/ builds small projects against an installed tree to check all of it.
# Components: devel (headers, static library, CMake and pkg-config files), runtime (the shared
# library), tools (the `fusevm` command).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(FUSEVM_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/fusevm)

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/fusevm
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT devel
  FILES_MATCHING PATTERN "*.h" PATTERN "*.def")
install(FILES ${PROJECT_BINARY_DIR}/generated/fusevm/version.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/fusevm COMPONENT devel)

set(fusevm_install_targets fusevm)
if(TARGET fusevm_shared)
  list(APPEND fusevm_install_targets fusevm_shared)
endif()
install(TARGETS ${fusevm_install_targets} EXPORT fusevmTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT devel
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT devel
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(TARGET fusevm_cli)
  install(TARGETS fusevm_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT tools)
endif()

install(EXPORT fusevmTargets NAMESPACE fusevm:: DESTINATION ${FUSEVM_INSTALL_CMAKEDIR}
  COMPONENT devel)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/fusevmConfig.cmake.in
  ${PROJECT_BINARY_DIR}/fusevmConfig.cmake INSTALL_DESTINATION ${FUSEVM_INSTALL_CMAKEDIR})
# 0.x releases promise no compatibility between minor versions.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/fusevmConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/fusevmConfig.cmake ${PROJECT_BINARY_DIR}/fusevmConfigVersion.cmake
  DESTINATION ${FUSEVM_INSTALL_CMAKEDIR} COMPONENT devel)

# pkg-config: the prefix is computed from the .pc file's own place (${pcfiledir}), so the
# installed tree may be moved, or installed with `cmake --install --prefix` elsewhere.
file(RELATIVE_PATH FUSEVM_PC_PREFIX_FROM_PCDIR
  ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" FUSEVM_PC_PREFIX_FROM_PCDIR "${FUSEVM_PC_PREFIX_FROM_PCDIR}")
if(FUSEVM_JIT)
  set(FUSEVM_PC_REQUIRES_PRIVATE "re2 libxxhash spdlog fmt")
  set(FUSEVM_PC_LIBS_PRIVATE "-lasmjit -lrt -lpthread -lstdc++ -lm")
else()
  set(FUSEVM_PC_REQUIRES_PRIVATE "re2 libxxhash")
  set(FUSEVM_PC_LIBS_PRIVATE "-lpthread -lstdc++ -lm")
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/fusevm.pc.in ${PROJECT_BINARY_DIR}/fusevm.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/fusevm.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
  COMPONENT devel)
