#pragma once
// Container images whose role is known from their repository name (the last
// path segment, without tag or digest). Provider facts as data.
//
// - Single writers: data stores whose instances each keep their own data
//   (one writer, or a cluster that must be configured as one): more replicas
//   of such a pod behind one Service give independent stores or a split
//   brain, not availability.
// - Placeholders: the `pause` image (registry.k8s.io/pause,
//   public.ecr.aws/eks-distro/kubernetes/pause, ...), which only sleeps; a
//   pod of nothing else holds capacity (Karpenter's "inflate") or a volume
//   open, and serves nothing.
#include <string_view>

namespace clause::catalogue {

// Whether `image` ("docker.io/library/redis:7", "mysql@sha256:...") is one.
bool is_single_writer_image(std::string_view image);

// Whether `image` ("registry.k8s.io/pause:3.9") is the pause image.
bool is_placeholder_image(std::string_view image);

}  // namespace clause::catalogue
