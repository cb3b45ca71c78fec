# ctest `install_layout`: `cmake --install` puts the binary in bin/, the
# documentation, licence, Debian copyright file and changelog in
# share/doc/clause/, the manual page in share/man/man1/ and the bash and zsh
# completions where those shells look; the installed binary runs.
# Usage: cmake -DBUILD=<build dir> -DPREFIX=<scratch prefix> -P install_layout.cmake
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD}" --prefix "${PREFIX}"
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed: ${rc}")
endif()
foreach(f bin/clause bin/clause-check-sarif share/doc/clause/README.md share/doc/clause/configuration.md
          share/doc/clause/suppressions.md share/doc/clause/rules/CL-0901.md share/doc/clause/rules/CL-0000.md
          share/doc/clause/copyright share/doc/clause/LICENSE share/doc/clause/CHANGELOG.md
          share/man/man1/clause.1 share/bash-completion/completions/clause share/zsh/vendor-completions/_clause)
  if(NOT EXISTS "${PREFIX}/${f}")
    message(FATAL_ERROR "${f} is not installed")
  endif()
endforeach()
execute_process(COMMAND "${PREFIX}/bin/clause" version RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^clause [0-9]+\\.[0-9]+\\.[0-9]+ \\(")
  message(FATAL_ERROR "the installed clause does not run: ${rc} ${out}")
endif()
file(READ "${PREFIX}/share/doc/clause/copyright" copyright)
if(NOT copyright MATCHES "^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
   OR NOT copyright MATCHES "\nFiles: \\*\nCopyright: [^\n]+\nLicense: Apache-2.0\n")
  message(FATAL_ERROR "share/doc/clause/copyright is not a machine-readable copyright file for Apache-2.0")
endif()
file(READ "${PREFIX}/share/doc/clause/LICENSE" license)
if(NOT license MATCHES "Apache License\n +Version 2.0, January 2004")
  message(FATAL_ERROR "share/doc/clause/LICENSE is not the Apache License 2.0")
endif()
# The manual page holds every subcommand's help, as the binary prints it.
file(READ "${PREFIX}/share/man/man1/clause.1" man)
execute_process(COMMAND "${PREFIX}/bin/clause" scan --help OUTPUT_VARIABLE scan_help)
string(REGEX MATCHALL "--[a-z][a-z-]+" scan_options "${scan_help}")
list(REMOVE_DUPLICATES scan_options)
foreach(opt IN LISTS scan_options)
  string(REPLACE "-" "\\-" roff_opt "${opt}")
  string(FIND "${man}" "${roff_opt}" at)
  if(at LESS 0)
    message(FATAL_ERROR "the manual page does not mention clause scan ${opt}")
  endif()
endforeach()
if(NOT man MATCHES "\n\\.TH CLAUSE 1 " OR NOT man MATCHES "\n\\.SS \"clause merge\"\n")
  message(FATAL_ERROR "share/man/man1/clause.1 is not the clause(1) page with every subcommand")
endif()
file(REMOVE_RECURSE "${PREFIX}")
