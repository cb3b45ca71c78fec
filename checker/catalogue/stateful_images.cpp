#include "checker/catalogue/stateful_images.h"

#include <algorithm>
#include <array>

namespace clause::catalogue {
namespace {

// Repository names (the last path segment, without tag or digest), sorted.
constexpr std::array<std::string_view, 19> kImages = {
    "cassandra", "couchdb",    "elasticsearch", "etcd",  "grafana",   "influxdb", "kafka",
    "mariadb",   "mongo",      "mongodb",       "mysql", "neo4j",     "openldap", "postgis",
    "postgres",  "postgresql", "rabbitmq",      "redis", "zookeeper",
};

static_assert(std::is_sorted(kImages.begin(), kImages.end()), "kImages must stay sorted");

// The placeholder images' repository names.
constexpr std::array<std::string_view, 1> kPlaceholders = {"pause"};

// "registry.k8s.io/pause:3.9" -> "pause".
std::string_view repository_name(std::string_view image) {
  size_t at = image.find('@');
  if (at != std::string_view::npos) image = image.substr(0, at);
  size_t slash = image.rfind('/');
  std::string_view name = slash == std::string_view::npos ? image : image.substr(slash + 1);
  size_t colon = name.find(':');
  if (colon != std::string_view::npos) name = name.substr(0, colon);
  return name;
}

}  // namespace

bool is_single_writer_image(std::string_view image) {
  return std::binary_search(kImages.begin(), kImages.end(), repository_name(image));
}

bool is_placeholder_image(std::string_view image) {
  return std::find(kPlaceholders.begin(), kPlaceholders.end(), repository_name(image)) != kPlaceholders.end();
}

}  // namespace clause::catalogue
