# clause_write_if_changed(FILE CONTENT): writes FILE only when its content
# would change, so generated sources keep their timestamps and nothing that
# depends on them rebuilds for nothing.
function(clause_write_if_changed file content)
  set(_old "")
  if(EXISTS "${file}")
    file(READ "${file}" _old)
  endif()
  if(NOT _old STREQUAL content)
    file(WRITE "${file}" "${content}")
  endif()
endfunction()
