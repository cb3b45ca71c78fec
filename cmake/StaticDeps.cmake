# yaml-cpp, RE2 and cmark-gfm linked statically (Debian ships libyaml-cpp.a,
# libre2.a, libcmark-gfm.a and libcmark-gfm-extensions.a in their -dev
# packages), so that the binary and the .deb depend only on libc and
# libstdc++, which every Debian and Ubuntu runner has.
# Sets CLAUSE_YAML_CPP, CLAUSE_RE2 and CLAUSE_CMARK to the targets to link.
option(CLAUSE_STATIC_DEPS "Link yaml-cpp, RE2 and cmark-gfm statically" ON)
if(NOT CLAUSE_STATIC_DEPS)
  set(CLAUSE_YAML_CPP yaml-cpp::yaml-cpp)
  set(CLAUSE_RE2 PkgConfig::RE2)
  find_library(CLAUSE_CMARK_SHARED NAMES cmark-gfm REQUIRED)
  find_library(CLAUSE_CMARK_EXTENSIONS_SHARED NAMES cmark-gfm-extensions REQUIRED)
  set(CLAUSE_CMARK ${CLAUSE_CMARK_EXTENSIONS_SHARED} ${CLAUSE_CMARK_SHARED})
  return()
endif()

find_library(CLAUSE_YAML_CPP_ARCHIVE NAMES libyaml-cpp.a)
find_library(CLAUSE_RE2_ARCHIVE NAMES libre2.a HINTS ${RE2_LIBRARY_DIRS})
if(NOT CLAUSE_YAML_CPP_ARCHIVE OR NOT CLAUSE_RE2_ARCHIVE)
  message(FATAL_ERROR "libyaml-cpp.a or libre2.a not found (libyaml-cpp-dev, libre2-dev); "
                      "configure with -DCLAUSE_STATIC_DEPS=OFF to link them as shared libraries")
endif()
get_target_property(_yaml_includes yaml-cpp::yaml-cpp INTERFACE_INCLUDE_DIRECTORIES)
add_library(clause_yaml_cpp_static STATIC IMPORTED)
set_target_properties(clause_yaml_cpp_static PROPERTIES IMPORTED_LOCATION "${CLAUSE_YAML_CPP_ARCHIVE}")
if(_yaml_includes)
  set_target_properties(clause_yaml_cpp_static PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${_yaml_includes}")
endif()
add_library(clause_re2_static STATIC IMPORTED)
set_target_properties(clause_re2_static PROPERTIES IMPORTED_LOCATION "${CLAUSE_RE2_ARCHIVE}"
                      INTERFACE_LINK_LIBRARIES Threads::Threads)
if(RE2_INCLUDE_DIRS)
  set_target_properties(clause_re2_static PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${RE2_INCLUDE_DIRS}")
endif()
set(CLAUSE_YAML_CPP clause_yaml_cpp_static)
set(CLAUSE_RE2 clause_re2_static)

# cmark-gfm renders rule pages in the HTML report (reporters/markdown_html.cpp);
# its pipe tables live in the extensions library, which needs the core.
find_library(CLAUSE_CMARK_ARCHIVE NAMES libcmark-gfm.a)
find_library(CLAUSE_CMARK_EXTENSIONS_ARCHIVE NAMES libcmark-gfm-extensions.a)
if(NOT CLAUSE_CMARK_ARCHIVE OR NOT CLAUSE_CMARK_EXTENSIONS_ARCHIVE)
  message(FATAL_ERROR "libcmark-gfm.a or libcmark-gfm-extensions.a not found "
                      "(libcmark-gfm-dev, libcmark-gfm-extensions-dev); run scripts/install-deps")
endif()
add_library(clause_cmark_static STATIC IMPORTED)
set_target_properties(clause_cmark_static PROPERTIES IMPORTED_LOCATION "${CLAUSE_CMARK_ARCHIVE}")
add_library(clause_cmark_extensions_static STATIC IMPORTED)
set_target_properties(clause_cmark_extensions_static PROPERTIES
                      IMPORTED_LOCATION "${CLAUSE_CMARK_EXTENSIONS_ARCHIVE}"
                      INTERFACE_LINK_LIBRARIES clause_cmark_static)
set(CLAUSE_CMARK clause_cmark_extensions_static)
