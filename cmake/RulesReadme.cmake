# Regenerates docs/rules/README.md from the rule metadata (MODE=write), or
# fails when the committed file differs from what the rules say (MODE=check).
#   cmake -DCLAUSE=<binary> -DREADME=<path> -DMODE=write|check -P RulesReadme.cmake
execute_process(COMMAND "${CLAUSE}" rules --format markdown
                OUTPUT_VARIABLE generated RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "clause rules --format markdown failed (${rc})")
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
                      "Refresh it with: cmake --build build --target rules-readme")
endif()
