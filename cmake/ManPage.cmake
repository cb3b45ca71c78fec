# Writes the clause(1) manual page from the binary's own help, so the page
# says exactly what `clause --help` and `clause COMMAND --help` say.
#   cmake -DCLAUSE=<binary> -DOUT=<clause.1> -DVERSION=<x.y.z> -P ManPage.cmake

# Text as roff: backslashes and minus signs escaped, and a line that starts
# with a control character ('.' or ') made literal.
function(roff_escape text out)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

function(help_of out)
  execute_process(COMMAND "${CLAUSE}" ${ARGN} --help OUTPUT_VARIABLE text RESULT_VARIABLE rc
                  ERROR_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "clause ${ARGN} --help failed (${rc})")
  endif()
  string(STRIP "${text}" text)
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

help_of(top)
# The subcommands: the lines of the "Subcommands:" section, name first.
string(FIND "${top}" "Subcommands:" at)
if(at LESS 0)
  string(FIND "${top}" "SUBCOMMANDS:" at)
endif()
if(at LESS 0)
  message(FATAL_ERROR "clause --help lists no subcommands")
endif()
string(SUBSTRING "${top}" ${at} -1 section)
string(REGEX MATCHALL "\n  [a-z][a-z-]*" names "${section}")
list(TRANSFORM names STRIP)

roff_escape("${top}" top_roff)
set(page ".\\\" Generated from `clause --help` by cmake/ManPage.cmake; do not edit.
.TH CLAUSE 1 \"\" \"clause ${VERSION}\" \"User Commands\"
.SH NAME
clause \\- ISO/IEC 20000\\-9 conformance checker for cloud services
.SH SYNOPSIS
.B clause
.I command
[\\fIoptions\\fR] [\\fIPATH\\fR ...]
.SH DESCRIPTION
.B clause
reads infrastructure definitions (Terraform HCL and plan JSON, CloudFormation,
Kubernetes) and structured cloud service agreements, checks them against rules
grouped by the fifteen scenarios of ISO/IEC 20000\\-9, and reports the gaps as
compiler\\-style text, SARIF for GitHub code scanning, JSON, JUnit XML, Markdown
or a self\\-contained HTML report.
.PP
.nf
${top_roff}
.fi
.SH COMMANDS
")
foreach(name IN LISTS names)
  help_of(sub ${name})
  roff_escape("${sub}" sub_roff)
  string(APPEND page ".SS \"clause ${name}\"\n.nf\n${sub_roff}\n.fi\n")
endforeach()
string(APPEND page ".SH EXIT STATUS
.TP
.B 0
nothing at or above \\fB\\-\\-fail\\-on\\fR remains
.TP
.B 1
findings at or above \\fB\\-\\-fail\\-on\\fR (default: low)
.TP
.B 2
usage, configuration or rule\\-pack error; the message names the file and line
.TP
.B 3
internal error
.SH ENVIRONMENT
.TP
.B NO_COLOR
never colour the text output
.TP
.B CI
when true, unused suppressions are reported
.TP
.B SOURCE_DATE_EPOCH
the scan time written in reports, for reproducible output (see \\fB\\-\\-reproducible\\fR)
.TP
.B XDG_CACHE_HOME
where the model cache lives (\\fI$XDG_CACHE_HOME/clause\\fR)
.SH FILES
.TP
.I .clause.yaml
configuration, found upward from each scan root
.TP
.I /usr/share/doc/clause/
the user guide and a page per rule (also \\fBclause explain\\fR \\fIID\\fR)
.SH SEE ALSO
.BR git (1)
")
file(WRITE "${OUT}.tmp" "${page}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
