#pragma once
// Helpers shared by the scan_*_test.cpp files: ticket-shaped texts, synthetic frames, a frame
// source that can be unplugged, and waiting for a worker thread without fixed sleeps.

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <utility>

#include "kiosk/core/ticket_alphabet.hpp"
#include "kiosk/scan/frame_source.hpp"
#include "kiosk/scan/synthetic_scene.hpp"

namespace einlass::scan::testing {

// Text shaped like a ticket code (prefix and alphabet, 147 characters: QR version 6).
inline std::string ticket_text(unsigned seed) {
  std::mt19937 random(seed);
  std::string text = "EL1";
  while (text.size() < 147)
    text += core::kTicketAlphabet[random() % core::kTicketAlphabet.size()];
  return text;
}

// A 720p frame with `text` held up at `side` pixels, turned a little.
inline SceneSpec scene_with_code(const std::string& text, double side = 200, double x = 640,
                                 double y = 360, unsigned seed = 1) {
  SceneSpec spec;
  spec.background_seed = seed;
  spec.noise_seed = seed;
  CodeInView code;
  code.text = text;
  code.centre = {x, y};
  code.side_px = side;
  code.rotation_deg = 8;
  spec.code = code;
  return spec;
}

inline SceneSpec empty_scene(unsigned seed = 1) {
  SceneSpec spec;
  spec.background_seed = seed;
  spec.noise_seed = seed;
  return spec;
}

// Wraps a source so a test can pull the camera's plug: while unplugged, next_frame() reports
// Lost and open() fails, exactly as V4l2Camera does when the USB cable is out.
class PluggableSource final : public FrameSource {
 public:
  explicit PluggableSource(std::unique_ptr<FrameSource> inner, bool plugged = true)
      : inner_(std::move(inner)), plugged_(plugged) {}

  void set_plugged(bool plugged) {
    std::lock_guard lock(mutex_);
    plugged_ = plugged;
  }
  int opens() const {
    std::lock_guard lock(mutex_);
    return opens_;
  }

  std::string describe() const override { return "test camera"; }
  bool open(std::string& why_not) override {
    std::lock_guard lock(mutex_);
    ++opens_;
    if (!plugged_) {
      why_not = "test camera: no such device";
      return false;
    }
    return inner_->open(why_not);
  }
  void close() override { inner_->close(); }
  FrameStatus next_frame(Frame& out, std::chrono::milliseconds timeout) override {
    {
      std::lock_guard lock(mutex_);
      if (!plugged_) return FrameStatus::Lost;
    }
    return inner_->next_frame(out, timeout);
  }

 private:
  std::unique_ptr<FrameSource> inner_;
  mutable std::mutex mutex_;
  bool plugged_;
  int opens_ = 0;
};

// Polls `condition` until it holds or `limit` passes; true when it held. The limit is generous
// because it only matters when the test fails: CI runs under ASan on a loaded 2-core machine.
inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds limit = std::chrono::seconds(60)) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return condition();
}

}  // namespace einlass::scan::testing
