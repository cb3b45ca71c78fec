#pragma once
// Container images of data stores whose instances each keep their own data
// (one writer, or a cluster that must be configured as one): more replicas
// of such a pod behind one Service give independent stores or a split
// brain, not availability. Provider facts as data.
#include <string_view>

namespace clause::catalogue {

// Whether `image` ("docker.io/library/redis:7", "mysql@sha256:...") is one.
bool is_single_writer_image(std::string_view image);

}  // namespace clause::catalogue
