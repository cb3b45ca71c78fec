# ctest `install_layout`: `cmake --install` puts the binary in bin/ and the
# documentation in share/doc/clause/, and the installed binary runs.
# Usage: cmake -DBUILD=<build dir> -DPREFIX=<scratch prefix> -P install_layout.cmake
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD}" --prefix "${PREFIX}"
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${rc}")
endif()
foreach(f bin/clause share/doc/clause/README.md share/doc/clause/configuration.md
          share/doc/clause/suppressions.md share/doc/clause/rules/CL-0901.md share/doc/clause/rules/CL-0000.md)
  if(NOT EXISTS "${PREFIX}/${f}")
    message(FATAL_ERROR "${f} is not installed")
  endif()
endforeach()
execute_process(COMMAND "${PREFIX}/bin/clause" version RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^clause [0-9]+\\.[0-9]+\\.[0-9]+ \\(")
  message(FATAL_ERROR "the installed clause does not run: ${rc} ${out}")
endif()
file(REMOVE_RECURSE "${PREFIX}")
