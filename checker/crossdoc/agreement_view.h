#pragma once
// One cloud service agreement as the cross-document rules read it: its
// promises with the exact place each is written, so that a finding can name
// the agreement line next to the infrastructure line.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checker/model/finding.h"
#include "checker/model/resource.h"
#include "checker/project/project.h"

namespace clause::crossdoc {

// A value written in the agreement and where.
struct Promised {
  const Node *node = nullptr;
  Span span;  // from the key to the end of the value
};

struct DurationPromise : Promised {
  int64_t seconds = 0;
};

struct PercentPromise : Promised {
  double value = 0;
};

struct Service {
  std::string id;
  const Node *node = nullptr;      // the services[] entry
  Promised id_field;               // services[].id
  const Node *selector = nullptr;  // infraSelector (a Map), or nullptr
  Span selector_span;              // the infraSelector key and value
};

struct Objective {
  std::string id;
  std::string service;  // services[].id it applies to ("" = the whole agreement)
  std::string metric;
  const Node *node = nullptr;  // the objectives[] entry
  std::optional<PercentPromise> target;
  Promised metric_field;
};

class AgreementView {
 public:
  // `pseudo` is the CloudServiceAgreement pseudo-resource of one document.
  explicit AgreementView(const Resource &pseudo);

  const Resource &resource() const { return *pseudo_; }
  const Document &document() const { return *pseudo_->document; }
  const Node &root() const { return *pseudo_->body; }
  const std::string &id() const { return pseudo_->name; }

  // A field by dotted path of map keys; a Promised with node == nullptr
  // when absent.
  Promised field(std::string_view path) const;
  // A duration field (ISO 8601 or short form); nullopt when absent or not a
  // duration (agreement rules report those).
  std::optional<DurationPromise> duration(std::string_view path) const;
  std::optional<DurationPromise> duration_in(const Node &map, std::string_view key) const;
  // A list of strings at `path` (non-strings skipped).
  std::vector<std::string> strings(std::string_view path) const;

  const std::vector<Service> &services() const { return services_; }
  const Service *service(std::string_view id) const;
  const std::vector<Objective> &objectives() const { return objectives_; }
  // Objectives on availability (their metric names availability) with a
  // numeric percent target.
  std::vector<const Objective *> availability_objectives() const;

  // "agreement.yaml:88".
  std::string where(const Span &span) const;
  // The agreement side of a cross-document finding.
  RelatedLocation related(const Promised &p, std::string message) const;

 private:
  const Resource *pseudo_;
  std::vector<Service> services_;
  std::vector<Objective> objectives_;
};

// Every agreement of the project, in document order.
std::vector<AgreementView> agreements(const Project &project);

// Human text for a number of days ("1 day", "30 days").
std::string days_text(double days);

}  // namespace clause::crossdoc
