#include "checker/engine/rule.h"

#include <atomic>
#include <mutex>

namespace clause {

struct LazyChecks::State {
  std::once_flag once;
  std::function<CompiledChecks()> compile;  // empty once compiled
  CompiledChecks value;
  std::atomic<bool> done{false};
};

LazyChecks::LazyChecks() : state_(std::make_shared<State>()) { state_->done = true; }

LazyChecks::LazyChecks(CompiledChecks compiled) : state_(std::make_shared<State>()) {
  state_->value = std::move(compiled);
  state_->done = true;
}

LazyChecks::LazyChecks(std::function<CompiledChecks()> compile) : state_(std::make_shared<State>()) {
  state_->compile = std::move(compile);
}

const CompiledChecks &LazyChecks::get() const {
  State &s = *state_;
  if (!s.done.load(std::memory_order_acquire))
    std::call_once(s.once, [&s] {
      s.value = s.compile();
      s.compile = nullptr;
      s.done.store(true, std::memory_order_release);
    });
  return s.value;
}

CompiledChecks &LazyChecks::edit() {
  get();
  if (state_.use_count() > 1) {
    auto own = std::make_shared<State>();
    own->value = state_->value;
    own->done = true;
    state_ = std::move(own);
  }
  return state_->value;
}

bool LazyChecks::compiled() const { return state_->done.load(std::memory_order_acquire); }

namespace {

// The most specific predicate: per type, per format, shared.
const Predicate *most_specific(const std::map<std::pair<TargetFormat, std::string>, Predicate> &by_type,
                               const std::map<TargetFormat, Predicate> &by_format,
                               const std::optional<Predicate> &shared, TargetFormat f,
                               const std::string &type) {
  if (auto t = by_type.find({f, type}); t != by_type.end()) return &t->second;
  if (auto it = by_format.find(f); it != by_format.end()) return &it->second;
  return shared ? &*shared : nullptr;
}

}  // namespace

const Predicate *DeclarativeCheck::check_for(TargetFormat f, const std::string &type) const {
  const CompiledChecks &c = checks.get();
  return most_specific(c.check_by_type, c.check, c.shared_check, f, type);
}

const Predicate *DeclarativeCheck::when_for(TargetFormat f, const std::string &type) const {
  const CompiledChecks &c = checks.get();
  return most_specific(c.when_by_type, c.when, c.shared_when, f, type);
}

}  // namespace clause
