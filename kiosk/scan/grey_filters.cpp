#include "kiosk/scan/grey_filters.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace einlass::scan {
namespace {

PixelRect clip(const GreyImage& image, PixelRect r) {
  const int x0 = std::max(0, r.x), y0 = std::max(0, r.y);
  const int x1 = std::min(image.width, r.x + r.width), y1 = std::min(image.height, r.y + r.height);
  return {x0, y0, std::max(0, x1 - x0), std::max(0, y1 - y0)};
}

// One moving-average pass over `count` samples `step` bytes apart. Samples beyond the ends
// repeat the edge value, so a blurred edge pixel keeps its brightness.
void blur_line(std::uint8_t* first, int count, std::ptrdiff_t step, int radius,
               std::vector<std::uint8_t>& scratch) {
  scratch.resize(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i)
    scratch[static_cast<std::size_t>(i)] = first[i * step];
  const auto at = [&](int i) {
    return static_cast<int>(scratch[static_cast<std::size_t>(std::clamp(i, 0, count - 1))]);
  };
  const int window = 2 * radius + 1;
  int sum = 0;
  for (int i = -radius; i <= radius; ++i)
    sum += at(i);
  for (int i = 0; i < count; ++i) {
    first[i * step] = static_cast<std::uint8_t>((sum + window / 2) / window);
    sum += at(i + radius + 1) - at(i - radius);
  }
}

// xorshift64*: fast, and the same sequence on every platform (unlike std::normal_distribution).
struct NoiseBits {
  std::uint64_t state;
  std::uint64_t next() {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545F4914F6CDD1DULL;
  }
};

}  // namespace

void box_blur_horizontal(GreyImage& image, PixelRect rect, int radius) {
  rect = clip(image, rect);
  if (radius <= 0 || rect.width == 0) return;
  std::vector<std::uint8_t> scratch;
  for (int y = rect.y; y < rect.y + rect.height; ++y) {
    blur_line(image.pixels.data() + static_cast<std::size_t>(y) * image.width + rect.x, rect.width,
              1, radius, scratch);
  }
}

void box_blur_vertical(GreyImage& image, PixelRect rect, int radius) {
  rect = clip(image, rect);
  if (radius <= 0 || rect.height == 0) return;
  std::vector<std::uint8_t> scratch;
  for (int x = rect.x; x < rect.x + rect.width; ++x) {
    blur_line(image.pixels.data() + static_cast<std::size_t>(rect.y) * image.width + x, rect.height,
              image.width, radius, scratch);
  }
}

void defocus_blur(GreyImage& image, PixelRect rect, int radius) {
  for (int pass = 0; pass < 2; ++pass) {
    box_blur_horizontal(image, rect, radius);
    box_blur_vertical(image, rect, radius);
  }
}

void shrink(GreyView source, int factor, GreyImage& out) {
  factor = std::max(1, factor);
  out.width = source.width / factor;
  out.height = source.height / factor;
  out.pixels.resize(static_cast<std::size_t>(out.width) * out.height);
  const int ps = source.pixel_stride;
  const int area = factor * factor;
  for (int y = 0; y < out.height; ++y) {
    const std::uint8_t* top = source.data + static_cast<std::ptrdiff_t>(y) * factor * source.stride;
    std::uint8_t* dst = out.pixels.data() + static_cast<std::size_t>(y) * out.width;
    if (factor == 2) {  // the common case, written out so the compiler keeps it tight
      const std::uint8_t* bottom = top + source.stride;
      for (int x = 0; x < out.width; ++x) {
        const int i = 2 * x * ps;
        dst[x] =
            static_cast<std::uint8_t>((top[i] + top[i + ps] + bottom[i] + bottom[i + ps] + 2) >> 2);
      }
      continue;
    }
    for (int x = 0; x < out.width; ++x) {
      int sum = 0;
      for (int dy = 0; dy < factor; ++dy) {
        const std::uint8_t* p = top + static_cast<std::ptrdiff_t>(dy) * source.stride +
                                static_cast<std::ptrdiff_t>(x) * factor * ps;
        for (int dx = 0; dx < factor; ++dx)
          sum += p[dx * ps];
      }
      dst[x] = static_cast<std::uint8_t>((sum + area / 2) / area);
    }
  }
}

void add_sensor_noise(GreyImage& image, double sigma, std::uint64_t seed) {
  if (sigma <= 0) return;
  NoiseBits bits{seed * 0x9E3779B97F4A7C15ULL + 1};
  // The sum of four uniform bytes has a standard deviation of 2 * 73.9 = 147.8 around 510:
  // close enough to a bell curve for sensor noise, and cheap.
  const int scale = static_cast<int>(std::lround(sigma / 147.8 * 1024));
  for (std::size_t i = 0; i < image.pixels.size(); i += 2) {
    const std::uint64_t r = bits.next();
    for (std::size_t k = 0; k < 2 && i + k < image.pixels.size(); ++k) {
      const std::uint64_t b = r >> (32 * k);
      const int sum = static_cast<int>((b & 0xFF) + ((b >> 8) & 0xFF) + ((b >> 16) & 0xFF) +
                                       ((b >> 24) & 0xFF));
      const int value = image.pixels[i + k] + (((sum - 510) * scale) >> 10);
      image.pixels[i + k] = static_cast<std::uint8_t>(std::clamp(value, 0, 255));
    }
  }
}

}  // namespace einlass::scan
