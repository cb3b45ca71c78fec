#pragma once
// A small Report built in code for the reporter tests: two rules, three
// findings in one root (one with a related location, one suppressed) and a
// parse diagnostic. And small helpers the reporter tests share.
#include <string>

#include "checker/model/report.h"

namespace clause::testing {

inline Span span(uint32_t line, uint32_t col, uint32_t end_line, uint32_t end_col) {
  Span s;
  s.start_line = line;
  s.start_col = col;
  s.end_line = end_line;
  s.end_col = end_col;
  return s;
}

// How many times `what` occurs in `text` (overlapping occurrences count).
inline size_t count(const std::string &text, const std::string &what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

inline RuleInfo backup_rule() {
  RuleInfo r;
  r.id = "CL-0902";
  r.name = "ops.backup-enabled";
  r.scenario = "5.9";
  r.title = "Databases keep automated backups for at least 7 days";
  r.severity = Severity::High;
  r.kind = RuleKind::Infrastructure;
  r.rationale = "Restoring a database after an incident needs recent backups.";
  r.remediation = "Set backup_retention_period to 7 or more.";
  r.formats = {"terraform", "cloudformation"};
  r.help_markdown = "# CL-0902 ops.backup-enabled\n\nKeep at least 7 days of automated backups.\n";
  return r;
}

inline RuleInfo log_retention_rule() {
  RuleInfo r;
  r.id = "CL-1003";
  r.name = "mon.log-retention-matches-agreement";
  r.scenario = "5.10";
  r.title = "Log retention meets what the agreement promises";
  r.severity = Severity::Medium;
  r.kind = RuleKind::CrossDocument;
  r.precision = "medium";
  r.rationale = "Reports to the customer rely on logs kept as long as promised.";
  r.remediation = "Raise retention_in_days to the agreement's log retention.";
  r.formats = {"terraform", "agreement"};
  r.tags = {"logging"};
  return r;
}

inline Report sample_report() {
  Report report;
  report.rules = {backup_rule(), log_retention_rule()};
  report.category = "iac/";

  RootReport root;
  root.name = "fixtures/demo";
  root.abs_path = "/work/demo repo";
  root.files_by_kind = {{"terraform", 3}, {"agreement", 1}, {"skipped", 2}};

  Finding backup;
  backup.rule_id = "CL-0902";
  backup.severity = Severity::High;
  backup.location = {"main.tf", span(12, 3, 12, 30)};
  backup.message = "aws_db_instance.main keeps backups for 1 days; keep at least 7";
  backup.resource = "aws_db_instance.main";
  backup.snippet = "  backup_retention_period = 1";
  root.findings.push_back(backup);

  Finding logs;
  logs.rule_id = "CL-1003";
  logs.severity = Severity::Medium;
  logs.location = {"main.tf", span(20, 2, 20, 24)};
  logs.message = "aws_cloudwatch_log_group.app keeps logs 30 days; the agreement promises 365";
  logs.resource = "aws_cloudwatch_log_group.app";
  logs.snippet = "\tretention_in_days = 30";
  logs.related.push_back({{"agreements/csa.yaml", span(41, 5, 41, 22)}, "log retention promised here"});
  root.findings.push_back(logs);

  Finding suppressed;
  suppressed.rule_id = "CL-0902";
  suppressed.severity = Severity::High;
  suppressed.location = {"modules/db/main.tf", span(5, 3, 5, 30)};
  suppressed.message = "module.db.aws_db_instance.this keeps backups for 0 days; keep at least 7";
  suppressed.resource = "module.db.aws_db_instance.this";
  suppressed.snippet = "  backup_retention_period = 0";
  suppressed.suppression =
      Suppression{"inSource", "dev database, rebuilt nightly", {"modules/db/main.tf", span(4, 3, 4, 60)}};
  root.findings.push_back(suppressed);

  FileDiagnostic parse;
  parse.path = "broken.tf";
  parse.diagnostic.level = DiagLevel::Error;
  parse.diagnostic.code = "parse-error";
  parse.diagnostic.message = "unexpected '}'";
  parse.diagnostic.span = span(3, 7, 3, 8);
  root.diagnostics.push_back(parse);

  report.roots.push_back(std::move(root));
  return report;
}

}  // namespace clause::testing
