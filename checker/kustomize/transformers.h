#pragma once
// The transformers of a kustomization, applied to its objects after its
// strategic merge patches, in kustomize's order: namespace, name prefix and
// suffix, labels, annotations (apply_metadata), then, after its JSON
// patches, replica counts and images (apply_values). Every value they write
// is tagged as written in the kustomization file.
#include <vector>

#include "checker/kustomize/kustomization.h"
#include "checker/kustomize/object.h"
#include "checker/kustomize/origins.h"

namespace clause::kustomize {

void apply_metadata(std::vector<Object> &objects, const Kustomization &k, Origins &origins);
void apply_values(std::vector<Object> &objects, const Kustomization &k, Origins &origins);

// `image` split into name, tag and digest ("nginx:1.2@sha256:..." ->
// "nginx", "1.2", "sha256:..."); a registry port is part of the name.
struct ImageRef {
  std::string name, tag, digest;
};
ImageRef split_image(const std::string &image);

}  // namespace clause::kustomize
