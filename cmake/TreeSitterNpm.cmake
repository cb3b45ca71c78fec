# tree-sitter runtime and the HCL grammar, compiled from the C sources that
# the npm packages pinned in third_party/package-lock.json ship. Debian's
# libtree-sitter (0.20.7) cannot load the grammar's ABI 15, so we never link
# it. npm installs into the build tree; install scripts never run.
set(CLAUSE_NPM_DIR "${CMAKE_BINARY_DIR}/npm")
set(_ts_modules "${CLAUSE_NPM_DIR}/node_modules")
set(_ts_rt "${_ts_modules}/tree-sitter/vendor/tree-sitter/lib")
set(_ts_hcl "${_ts_modules}/@tree-sitter-grammars/tree-sitter-hcl/src")

file(MAKE_DIRECTORY "${CLAUSE_NPM_DIR}")
foreach(_f package.json package-lock.json .npmrc)
  configure_file("${PROJECT_SOURCE_DIR}/third_party/${_f}" "${CLAUSE_NPM_DIR}/${_f}" COPYONLY)
endforeach()

# Re-run `npm ci` whenever the lock file changes (the stamp records which).
file(SHA256 "${PROJECT_SOURCE_DIR}/third_party/package-lock.json" _lock_hash)
set(_stamp "${CLAUSE_NPM_DIR}/.installed-${_lock_hash}")
if(NOT EXISTS "${_stamp}" OR NOT EXISTS "${_ts_rt}/src/lib.c")
  find_program(NPM_EXECUTABLE npm REQUIRED)
  message(STATUS "clause: npm ci (tree-sitter C sources) into ${CLAUSE_NPM_DIR}")
  execute_process(COMMAND "${NPM_EXECUTABLE}" ci --ignore-scripts --no-audit --no-fund --loglevel=error
                  WORKING_DIRECTORY "${CLAUSE_NPM_DIR}" RESULT_VARIABLE _npm_rc)
  if(NOT _npm_rc EQUAL 0)
    message(FATAL_ERROR "npm ci failed (${_npm_rc}) in ${CLAUSE_NPM_DIR}")
  endif()
  file(GLOB _old_stamps "${CLAUSE_NPM_DIR}/.installed-*")
  if(_old_stamps)
    file(REMOVE ${_old_stamps})
  endif()
  file(WRITE "${_stamp}" "")
endif()
foreach(_f "${_ts_rt}/src/lib.c" "${_ts_hcl}/parser.c" "${_ts_hcl}/scanner.c")
  if(NOT EXISTS "${_f}")
    message(FATAL_ERROR "${_f} missing after npm ci")
  endif()
endforeach()

# lib.c is the runtime amalgamation; WASM support stays off.
add_library(tree_sitter_runtime STATIC "${_ts_rt}/src/lib.c")
target_include_directories(tree_sitter_runtime SYSTEM PUBLIC "${_ts_rt}/include" PRIVATE "${_ts_rt}/src")
target_compile_definitions(tree_sitter_runtime PRIVATE _POSIX_C_SOURCE=200112L _DEFAULT_SOURCE)
set_target_properties(tree_sitter_runtime PROPERTIES C_STANDARD 11 C_STANDARD_REQUIRED ON
                                                     POSITION_INDEPENDENT_CODE ON)
target_compile_options(tree_sitter_runtime PRIVATE -w)

# The grammar's external scanner is wrapped by parsers/hcl/template_chunks.c
# (one chunk per run of plain template text, not per character): its entry
# point is renamed so that the wrapper's takes its place.
add_library(tree_sitter_hcl STATIC "${_ts_hcl}/parser.c" "${_ts_hcl}/scanner.c"
                                   "${PROJECT_SOURCE_DIR}/parsers/hcl/template_chunks.c")
set_source_files_properties("${_ts_hcl}/scanner.c" PROPERTIES COMPILE_DEFINITIONS
                            "tree_sitter_hcl_external_scanner_scan=clause_hcl_grammar_scan")
target_include_directories(tree_sitter_hcl PRIVATE "${_ts_hcl}" "${PROJECT_SOURCE_DIR}")
set_target_properties(tree_sitter_hcl PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
target_compile_options(tree_sitter_hcl PRIVATE -w)
target_link_libraries(tree_sitter_hcl PUBLIC tree_sitter_runtime)
add_library(TreeSitter::hcl ALIAS tree_sitter_hcl)
