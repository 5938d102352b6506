#pragma once
// Scans handed from worker threads (camera decoding, the latency benchmark) to the UI thread.
// Pushing wakes the sleeping main loop; the UI takes scans between frames.

#include <chrono>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace einlass::app::gui {

struct ScanArrival {
  std::string code;
  // Camera scans: when the frame that first showed the code arrived; others: when handed over.
  std::chrono::steady_clock::time_point arrived;
};

class ScanInbox {
 public:
  explicit ScanInbox(std::function<void()> wake) : wake_(std::move(wake)) {}

  void push(std::string code) {
    {
      std::lock_guard lock(mutex_);
      queue_.push_back({std::move(code), std::chrono::steady_clock::now()});
    }
    if (wake_) wake_();
  }

  std::optional<ScanArrival> take() {
    std::lock_guard lock(mutex_);
    if (queue_.empty()) return std::nullopt;
    ScanArrival a = std::move(queue_.front());
    queue_.pop_front();
    return a;
  }

 private:
  std::function<void()> wake_;
  std::mutex mutex_;
  std::deque<ScanArrival> queue_;
};

}  // namespace einlass::app::gui
