#pragma once

#include <cstdint>
#include <vector>

#include "kiosk/scan/grey_image.hpp"

namespace einlass::scan {

struct MotionGateSettings {
  // Distance in pixels between the sample points; each sample is the mean of a 4x4 block, so
  // sensor noise mostly averages out. 16 gives 80x45 points on a 720p frame: a ticket held at
  // arm's length (~120 px) covers over 50 of them.
  int grid_step = 16;
  // A point has changed when it differs from the reference by more than this many grey levels,
  // or by more than 5x the frame's typical (median) difference, whichever is larger: a noisy
  // sensor in a dim hall raises the bar by itself.
  int min_level_change = 10;
  // The frame counts as moved when more than this share of the points changed.
  double moved_share = 0.004;
};

// Decides cheaply (about 60 000 pixel reads on a 720p frame) whether a frame differs from a
// reference frame, so that the decoder can skip frames of a scene where nothing happens.
// It only compares; when to decode anyway (so that a code held perfectly still is still read)
// is the caller's policy.
class MotionGate {
 public:
  explicit MotionGate(MotionGateSettings settings = {}) : settings_(settings) {}

  // Samples `frame` and compares it with the reference. True when it moved, when there is no
  // reference yet, or when the frame size changed.
  bool moved(GreyView frame);

  // The frame passed to the last moved() becomes the reference.
  void accept();

  // Share of sample points that changed in the last moved() (0..1), for tests and the benchmark.
  double last_change() const { return last_change_; }

 private:
  void sample(GreyView frame);

  MotionGateSettings settings_;
  std::vector<std::uint8_t> current_, reference_;
  std::vector<int> differences_, sorted_;
  int width_ = 0, height_ = 0, ref_width_ = 0, ref_height_ = 0;
  double last_change_ = 1;
};

}  // namespace einlass::scan
