#include "kiosk/scan/finder_locator.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <stdexcept>

namespace einlass::scan {
namespace {

// Frames with more candidates than this are pathological (a fence, a checkerboard shirt); the
// strongest ones are kept and the decoder falls back to the whole frame anyway.
constexpr std::size_t kMaxCandidates = 128;

// Rows whose mean neighbour step is at least this (sensor noise sigma of about 5 grey levels)
// are smoothed before they are searched.
constexpr int kSmoothFromNoiseStep = 6;

// Width of the blocks the local mean is computed for.
constexpr int kBlock = 16;

// Five runs dark, light, dark, light, dark in the ratio 1:1:3:1:1, each within half a module
// (one and a half for the centre) of the ideal: the tolerance ZXing's own finder search uses,
// so that every pattern the decoder could use is also found here.
bool finder_ratio(const std::array<int, 5>& len, float& module) {
  const int total = len[0] + len[1] + len[2] + len[3] + len[4];
  module = static_cast<float>(total) / 7.0f;
  const float tolerance = module / 2;
  return std::abs(module - static_cast<float>(len[0])) < tolerance &&
         std::abs(module - static_cast<float>(len[1])) < tolerance &&
         std::abs(3 * module - static_cast<float>(len[2])) < 3 * tolerance &&
         std::abs(module - static_cast<float>(len[3])) < tolerance &&
         std::abs(module - static_cast<float>(len[4])) < tolerance;
}

}  // namespace

const std::vector<FinderCandidate>& FinderLocator::locate(GreyView frame) {
  if (frame.data == nullptr || frame.width <= 0 || frame.height <= 0 || frame.pixel_stride < 1 ||
      frame.stride < frame.width * frame.pixel_stride) {
    throw std::invalid_argument("FinderLocator::locate: invalid grey view");
  }
  found_.clear();
  row_.resize(static_cast<std::size_t>(frame.width));
  const int step = std::max(1, settings_.row_step);
  for (int y = step / 2; y < frame.height; y += step)
    scan_row(frame, y);
  std::stable_sort(
      found_.begin(), found_.end(),
      [](const FinderCandidate& a, const FinderCandidate& b) { return a.hits > b.hits; });
  return found_;
}

void FinderLocator::scan_row(GreyView frame, int y) {
  const int width = frame.width;
  // Gathering the row makes the loops below stride-1 whatever the camera's layout (a YUYV
  // frame has a luma byte every second byte); a grey frame is read in place.
  const unsigned char* src = frame.data + static_cast<std::ptrdiff_t>(y) * frame.stride;
  const unsigned char* row = src;
  if (frame.pixel_stride != 1) {
    for (int x = 0; x < width; ++x)
      row_[static_cast<std::size_t>(x)] = src[x * frame.pixel_stride];
    row = row_.data();
  }

  // Sensor noise on this row: the mean step between neighbours is about 1.13 sigma for
  // Gaussian noise (edges add a little, which errs on the safe side).
  int steps = 0;
  for (int x = 1; x < width; ++x)
    steps += std::abs(row[x] - row[x - 1]);
  int noise_step = steps / std::max(1, width - 1);
  if (noise_step >= kSmoothFromNoiseStep) {
    // A noisy row (dim light) is smoothed 1-2-1 first: noise drops to 0.6 sigma, while runs of
    // two or more pixels, all a decodable code has, keep their length.
    smooth_.resize(static_cast<std::size_t>(width));
    smooth_[0] = row[0];
    smooth_[static_cast<std::size_t>(width) - 1] = row[width - 1];
    for (int x = 1; x + 1 < width; ++x) {
      smooth_[static_cast<std::size_t>(x)] =
          static_cast<unsigned char>((row[x - 1] + 2 * row[x] + row[x + 1] + 2) >> 2);
    }
    row = smooth_.data();
    noise_step = noise_step * 6 / 10;
  }

  // Local mean per block of kBlock pixels, averaged with the blocks around it: a threshold
  // that follows lighting gradients and highlights, computed once per block, not per pixel.
  const int blocks = (width + kBlock - 1) / kBlock;
  block_sum_.resize(static_cast<std::size_t>(blocks));
  for (int k = 0; k < blocks; ++k) {
    // A fixed-length inner loop into a local sum: the compiler vectorises it.
    int sum = 0;
    const unsigned char* block = row + k * kBlock;
    if ((k + 1) * kBlock <= width) {
      for (int i = 0; i < kBlock; ++i)
        sum += block[i];
    } else {
      for (int i = 0; i < width - k * kBlock; ++i)
        sum += block[i];
    }
    block_sum_[static_cast<std::size_t>(k)] = sum;
  }
  const int reach = std::max(1, settings_.window_radius / kBlock);
  threshold_.resize(static_cast<std::size_t>(width));
  for (int k = 0; k < blocks; ++k) {
    const int k0 = std::max(0, k - reach), k1 = std::min(blocks - 1, k + reach);
    int sum = 0;
    for (int j = k0; j <= k1; ++j)
      sum += block_sum_[static_cast<std::size_t>(j)];
    const int pixels = std::min(width, (k1 + 1) * kBlock) - k0 * kBlock;
    const auto mean = static_cast<unsigned char>(sum / pixels);
    const int x1 = std::min(width, (k + 1) * kBlock);
    std::fill(threshold_.begin() + k * kBlock, threshold_.begin() + x1, mean);
  }

  // A pixel changes colour only when it is clearly on the other side of the local mean: on a
  // flat surface sensor noise would otherwise cut the row into hundreds of short runs, each of
  // which would have to be checked. A third of the minimum contrast keeps real edges.
  const int band = std::max(settings_.min_contrast / 3, noise_step);
  // Noise also makes chance patterns with some contrast; a real finder on a phone or paper has
  // far more than the noise.
  const int min_contrast = std::max(settings_.min_contrast, noise_step * 3);

  // Pass 1, the only one that touches every pixel: where the colour changes.
  edges_.clear();
  const unsigned char* mean = threshold_.data();
  bool dark = false;
  edges_.push_back(0);
  for (int x = 0; x < width; ++x) {
    const int value = row[x];
    const bool now_dark = dark ? value <= mean[x] + band : value + band < mean[x];
    if (now_dark != dark) {
      if (x > 0) edges_.push_back(x);
      dark = now_dark;
    }
  }
  edges_.push_back(width);
  // The first run is dark when the row starts dark; colours alternate from there.
  const bool first_dark = row[0] + band < mean[0];

  // Pass 2: every five runs ending in a dark one (so d l d l d) with finder proportions.
  const auto runs = static_cast<int>(edges_.size()) - 1;
  for (int last = 4; last < runs; ++last) {
    if (((last % 2 == 0) == first_dark) == false) continue;  // run `last` is light
    std::array<int, 5> len{};
    for (int i = 0; i < 5; ++i) {
      len[static_cast<std::size_t>(i)] = edges_[static_cast<std::size_t>(last - 4 + i) + 1] -
                                         edges_[static_cast<std::size_t>(last - 4 + i)];
    }
    // Cheap rejection first: the centre run is the longest of a finder.
    if (len[2] < len[1] || len[2] < len[3]) continue;
    float module = 0;
    if (!finder_ratio(len, module) || module < settings_.min_module ||
        module > settings_.max_module)
      continue;
    // Only now, for the rare run sequence with the right proportions, sum the grey levels.
    std::array<int, 5> sum{};
    for (int i = 0; i < 5; ++i) {
      const int from = edges_[static_cast<std::size_t>(last - 4 + i)];
      for (int x = from; x < from + len[static_cast<std::size_t>(i)]; ++x) {
        sum[static_cast<std::size_t>(i)] += row[x];
      }
    }
    const int dark_mean = (sum[0] + sum[2] + sum[4]) / (len[0] + len[2] + len[4]);
    const int light_mean = (sum[1] + sum[3]) / (len[1] + len[3]);
    if (light_mean - dark_mean < min_contrast) continue;
    const int centre_start = edges_[static_cast<std::size_t>(last - 2)];
    FinderCandidate c;
    if (confirm_vertically(frame, centre_start + len[2] / 2, y, (dark_mean + light_mean) / 2,
                           module, c)) {
      c.x = static_cast<float>(centre_start) + static_cast<float>(len[2]) / 2;
      add(c);
    }
  }
}

bool FinderLocator::confirm_vertically(GreyView frame, int cx, int y, int threshold, float module_h,
                                       FinderCandidate& out) const {
  const auto dark_at = [&](int yy) {
    return frame.data[static_cast<std::ptrdiff_t>(yy) * frame.stride + cx * frame.pixel_stride] <
           threshold;
  };
  if (!dark_at(y)) return false;
  // A finder seen on a tilted phone is narrower one way than the other; beyond this the
  // decoder could not read the code either.
  const int limit = static_cast<int>(module_h * 7 * 3) + 2;
  // Walks from y in direction dir over the rest of the centre run, then a light and a dark run;
  // fills their lengths, or fails at the frame edge or an over-long run.
  const auto walk = [&](int dir, std::array<int, 3>& len) {
    int yy = y;
    for (std::size_t part = 0; part < 3; ++part) {
      const bool want_dark = part != 1;
      int n = 0;
      while (yy >= 0 && yy < frame.height && dark_at(yy) == want_dark && n <= limit) {
        ++n;
        yy += dir;
      }
      if (n == 0 || n > limit || yy < 0 || yy >= frame.height) return false;
      len[part] = n;
    }
    return true;
  };
  std::array<int, 3> up{}, down{};
  if (!walk(-1, up) || !walk(1, down)) return false;
  const std::array<int, 5> len{up[2], up[1], up[0] + down[0] - 1, down[1], down[2]};
  float module_v = 0;
  if (!finder_ratio(len, module_v)) return false;
  const float aspect = module_v / module_h;
  if (aspect < 0.4f || aspect > 2.5f) return false;
  out.y = static_cast<float>(y - up[0] + 1) + static_cast<float>(len[2]) / 2;
  out.module = (module_h + module_v) / 2;
  out.hits = 1;
  return true;
}

void FinderLocator::add(const FinderCandidate& c) {
  for (FinderCandidate& f : found_) {
    const float reach = 2.5f * std::max(f.module, c.module);
    const float ratio = f.module / c.module;
    if (std::abs(f.x - c.x) < reach && std::abs(f.y - c.y) < reach && ratio > 0.5f &&
        ratio < 2.0f) {
      // Running mean over the rows that crossed it.
      const float w = static_cast<float>(f.hits);
      f.x = (f.x * w + c.x) / (w + 1);
      f.y = (f.y * w + c.y) / (w + 1);
      f.module = (f.module * w + c.module) / (w + 1);
      ++f.hits;
      return;
    }
  }
  if (found_.size() < kMaxCandidates) found_.push_back(c);
}

}  // namespace einlass::scan
