#include "sync/client/backoff.hpp"

#include <algorithm>

namespace einlass::sync::client {

Backoff::Backoff(std::chrono::milliseconds base, std::chrono::milliseconds cap)
    : base_(base), cap_(std::max(cap, base)), random_(std::random_device{}()) {}

std::chrono::milliseconds Backoff::ceiling(int failures) const {
  if (failures <= 0) return std::chrono::milliseconds{0};
  auto ceiling = base_;
  for (int i = 1; i < failures && ceiling < cap_; ++i)
    ceiling *= 2;
  return std::min(ceiling, cap_);
}

std::chrono::milliseconds Backoff::next(int failures, std::chrono::milliseconds at_least) {
  const auto top = ceiling(failures).count();
  std::uniform_int_distribution<long long> pick(0, top);
  return std::max(std::chrono::milliseconds{pick(random_)}, at_least);
}

}  // namespace einlass::sync::client
