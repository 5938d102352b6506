#include "kiosk/scan/motion_gate.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdlib>

namespace einlass::scan {
namespace {

constexpr int kBlock = 4;

}  // namespace

void MotionGate::sample(GreyView frame) {
  const int step = std::max(kBlock, settings_.grid_step);
  const int columns = frame.width / step, rows = frame.height / step;
  current_.resize(static_cast<std::size_t>(columns) * rows);
  width_ = frame.width;
  height_ = frame.height;
  for (int gy = 0; gy < rows; ++gy) {
    // The block in the middle of each grid cell.
    const int y0 = gy * step + (step - kBlock) / 2;
    for (int gx = 0; gx < columns; ++gx) {
      const int x0 = gx * step + (step - kBlock) / 2;
      int sum = 0;
      for (int y = y0; y < y0 + kBlock; ++y) {
        const std::uint8_t* p = frame.data + static_cast<std::ptrdiff_t>(y) * frame.stride +
                                static_cast<std::ptrdiff_t>(x0) * frame.pixel_stride;
        for (int x = 0; x < kBlock; ++x)
          sum += p[x * frame.pixel_stride];
      }
      current_[static_cast<std::size_t>(gy) * columns + gx] =
          static_cast<std::uint8_t>(sum / (kBlock * kBlock));
    }
  }
}

bool MotionGate::moved(GreyView frame) {
  sample(frame);
  if (reference_.empty() || ref_width_ != width_ || ref_height_ != height_ ||
      reference_.size() != current_.size()) {
    last_change_ = 1;
    return true;
  }
  differences_.resize(current_.size());
  for (std::size_t i = 0; i < current_.size(); ++i) {
    differences_[i] = std::abs(static_cast<int>(current_[i]) - static_cast<int>(reference_[i]));
  }
  // Most of a kiosk's view is still even when someone walks by, so the median difference is
  // the noise floor; a large median means most of the view changed (someone stepped in front).
  sorted_ = differences_;
  const auto middle = sorted_.begin() + static_cast<std::ptrdiff_t>(sorted_.size() / 2);
  std::nth_element(sorted_.begin(), middle, sorted_.end());
  if (*middle > settings_.min_level_change) {
    last_change_ = 1;
    return true;
  }
  const int threshold = std::max(settings_.min_level_change, 5 * *middle);
  const auto changed = std::count_if(differences_.begin(), differences_.end(),
                                     [threshold](int d) { return d > threshold; });
  last_change_ =
      current_.empty() ? 0.0 : static_cast<double>(changed) / static_cast<double>(current_.size());
  return last_change_ > settings_.moved_share;
}

void MotionGate::accept() {
  reference_ = current_;
  ref_width_ = width_;
  ref_height_ = height_;
}

}  // namespace einlass::scan
