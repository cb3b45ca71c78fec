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

const Predicate *DeclarativeCheck::check_for(TargetFormat f, const std::string &type) const {
  const CompiledChecks &c = checks.get();
  auto t = c.check_by_type.find({f, type});
  if (t != c.check_by_type.end()) return &t->second;
  auto it = c.check.find(f);
  if (it != c.check.end()) return &it->second;
  return c.shared_check ? &*c.shared_check : nullptr;
}

const Predicate *DeclarativeCheck::when_for(TargetFormat f, const std::string &type) const {
  const CompiledChecks &c = checks.get();
  auto t = c.when_by_type.find({f, type});
  if (t != c.when_by_type.end()) return &t->second;
  auto it = c.when.find(f);
  if (it != c.when.end()) return &it->second;
  return c.shared_when ? &*c.shared_when : nullptr;
}

}  // namespace clause
