#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/scan/frame_source.hpp"
#include "kiosk/scan/synthetic_scene.hpp"

namespace einlass::scan {

// One stretch of the synthetic camera's film.
struct SyntheticShot {
  std::chrono::milliseconds duration{1000};
  SceneSpec scene;  // the whole shot, or its start when the code moves
  // Where the code is at the end of the shot: position, size, turn and tilt move there as a
  // hand brings a phone up, fast at first and slowing to a stop, so the motion blur
  // (scene.motion_px at the start) fades out as it arrives. Unset: the scene stands still.
  std::optional<CodeInView> code_to;
};

struct SyntheticCameraSettings {
  std::vector<SyntheticShot> script;
  int fps = 30;
  bool loop = true;  // start again after the last shot; otherwise the source finishes
  // A still shot is rendered once and shown with this many different sensor-noise patterns
  // in turn, so a still scene costs no rendering per frame (like a real camera, whose frames
  // cost the computer nothing) but is never pixel-identical from frame to frame.
  int still_variants = 4;
};

// What the synthetic camera showed in one frame, for benchmarks that time the path from the
// first frame showing a code to its scan.
struct SyntheticFrameInfo {
  std::uint64_t sequence = 0;
  FrameClock::time_point captured_at;
  // When the frame became available to the consumer: captured_at, or a little later when
  // rendering it took longer than a frame (a real camera's frames cost the computer nothing).
  FrameClock::time_point released_at;
  std::size_t shot = 0;
  std::string code;          // text of the code in view, empty when none
  bool code_inside = false;  // the whole symbol is inside the frame
  int motion_blur_px = 0;    // how far the code smeared during this frame's exposure
};

// A camera for tests, benchmarks and the demo on a machine without one: plays a script of
// scenes in real time at `fps`, QR codes drawn over a cluttered, noisy background, moving,
// blurred, tilted and with glare as each shot says. Like a real camera it produces frames on
// its own (a thread renders each frame ahead and releases it at its capture time), whether or
// not anyone reads them: a consumer that is late gets the newest frame and misses the others.
class SyntheticCamera final : public FrameSource {
 public:
  explicit SyntheticCamera(SyntheticCameraSettings settings);
  ~SyntheticCamera() override;

  std::string describe() const override;
  bool open(std::string& why_not) override;
  void close() override;
  FrameStatus next_frame(Frame& out, std::chrono::milliseconds timeout) override;

  // Called on the camera's own thread for every frame it releases, before any consumer can
  // see the frame. Set before open().
  void set_observer(std::function<void(const SyntheticFrameInfo&)> observer) {
    observer_ = std::move(observer);
  }

  // For each code in turn: an empty scene (1.5 s), the code brought in from the side (0.4 s,
  // motion-blurred), held still (2 s), taken away (0.4 s). Sizes and positions vary per code.
  static std::vector<SyntheticShot> demo_script(const std::vector<std::string>& codes);

 private:
  struct Placement {
    std::size_t shot = 0;
    double progress = 0;  // 0..1 through the shot
    bool finished = false;
  };
  struct Rendered {
    std::shared_ptr<const GreyImage> image;
    SymbolCorners corners{};
    bool has_code = false;
    int motion_blur_px = 0;
  };
  Placement place(std::uint64_t index) const;
  Rendered render(std::uint64_t index, const Placement& at);
  void produce();

  SyntheticCameraSettings settings_;
  std::chrono::nanoseconds period_;
  std::chrono::milliseconds total_{0};
  std::function<void(const SyntheticFrameInfo&)> observer_;

  // Shared between the camera thread and the consumer.
  std::mutex mutex_;
  std::condition_variable changed_;
  bool running_ = false;
  bool finished_ = false;
  std::shared_ptr<const GreyImage> latest_;
  std::uint64_t latest_index_ = 0;
  bool has_latest_ = false;
  std::thread producer_;
  FrameClock::time_point start_;

  // Consumer side.
  std::optional<std::uint64_t> last_returned_;
  std::shared_ptr<const GreyImage> held_;  // keeps the returned frame alive until next call

  // Camera thread side: the current still shot's renderings, and the moving shots' backdrop.
  std::optional<std::size_t> cached_shot_;
  std::vector<std::shared_ptr<const GreyImage>> variants_;
  SymbolCorners cached_corners_{};
  std::optional<std::uint32_t> background_seed_;
  GreyImage background_;
  std::optional<std::size_t> noise_shot_;
  std::vector<std::uint8_t> noise_;  // 128 + noise, for moving shots
};

}  // namespace einlass::scan
