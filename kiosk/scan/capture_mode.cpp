#include "kiosk/scan/capture_mode.hpp"

#include <algorithm>
#include <tuple>

namespace einlass::scan {

std::optional<CaptureMode> choose_capture_mode(std::span<const CaptureMode> offered,
                                               const CapturePreferences& preferences) {
  if (offered.empty()) return std::nullopt;
  // Larger tuples are better; compared field by field in the documented order.
  const auto rank = [&](const CaptureMode& m) {
    // Width up to the target counts fully; beyond it, wider is only worse (last-but-one key).
    const int useful_width = std::min(m.width, preferences.target_width);
    return std::make_tuple(m.fps >= preferences.min_fps, useful_width,
                           m.fps >= preferences.smooth_fps, m.format == PixelFormat::Yuyv, -m.width,
                           m.fps);
  };
  return *std::max_element(
      offered.begin(), offered.end(),
      [&](const CaptureMode& a, const CaptureMode& b) { return rank(a) < rank(b); });
}

int jpeg_scale_eighths(int width, int target_width) {
  for (int m = 1; m < 8; ++m) {
    if (width * m / 8 >= target_width) return m;
  }
  return 8;
}

}  // namespace einlass::scan
