# Regenerates docs/rules/README.md from the rule metadata (MODE=write), or
# fails when the committed file differs from what the rules say (MODE=check).
# The same for docs/severity.md with -DFORMAT=severity and docs/peer-directives.md
# with -DFORMAT=directives.
#   cmake -DCLAUSE=<binary> -DREADME=<path> -DMODE=write|check [-DFORMAT=markdown|severity|directives] -P RulesReadme.cmake
if(NOT FORMAT)
  set(FORMAT markdown)
endif()
execute_process(COMMAND "${CLAUSE}" rules --format ${FORMAT}
                OUTPUT_VARIABLE generated RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "clause rules --format ${FORMAT} failed (${rc})")
endif()
if(MODE STREQUAL "write")
  file(WRITE "${README}" "${generated}")
  return()
endif()
if(EXISTS "${README}")
  file(READ "${README}" committed)
else()
  set(committed "")
endif()
if(NOT committed STREQUAL generated)
  message(FATAL_ERROR "${README} is out of date with the rule metadata.\n"
                      "Refresh it with: cmake --build build --target rules-readme severity-table peer-directives")
endif()
