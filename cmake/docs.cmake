# The API reference: `cmake --build BUILD --target docs` runs Doxygen over include/fusevm and
# writes BUILD/docs/api/html/index.html. Optional: without Doxygen there is no `docs` target and
# nothing else changes (scripts/install-deps.sh --with-docs installs doxygen and graphviz).
find_package(Doxygen QUIET OPTIONAL_COMPONENTS dot)
if(DOXYGEN_FOUND)
  set(FUSEVM_DOCS_OUTPUT ${PROJECT_BINARY_DIR}/docs/api)
  if(TARGET Doxygen::dot)
    set(FUSEVM_DOXYGEN_HAVE_DOT YES)
  else()
    set(FUSEVM_DOXYGEN_HAVE_DOT NO)
  endif()
  configure_file(${PROJECT_SOURCE_DIR}/cmake/Doxyfile.in ${PROJECT_BINARY_DIR}/Doxyfile @ONLY)
  add_custom_target(docs
    COMMAND ${CMAKE_COMMAND} -E make_directory ${FUSEVM_DOCS_OUTPUT}
    COMMAND Doxygen::doxygen ${PROJECT_BINARY_DIR}/Doxyfile
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    COMMENT "API reference: ${FUSEVM_DOCS_OUTPUT}/html/index.html"
    VERBATIM)
else()
  message(STATUS "fusevm: Doxygen not found; no `docs` target (scripts/install-deps.sh --with-docs)")
endif()
