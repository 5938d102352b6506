#pragma once

#include <cstdint>

#include "kiosk/scan/grey_image.hpp"

namespace einlass::scan {

// A rectangle of pixels; filters clip it to the image.
struct PixelRect {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;
};

// Averages each pixel of `rect` with its `radius` neighbours left and right (a moving hand
// smears the code along its path). radius 0 does nothing.
void box_blur_horizontal(GreyImage& image, PixelRect rect, int radius);

// The same along columns.
void box_blur_vertical(GreyImage& image, PixelRect rect, int radius);

// Out-of-focus blur: two passes of a square box filter approximate a Gaussian well enough for
// a decoder to see the difference between a sharp and a soft lens.
void defocus_blur(GreyImage& image, PixelRect rect, int radius);

// Adds zero-mean sensor noise with roughly the given standard deviation (grey levels) to every
// pixel, clamped to 0..255. Deterministic for a given seed.
void add_sensor_noise(GreyImage& image, double sigma, std::uint64_t seed);

// Scales `source` down by a whole `factor`, each output pixel the mean of a factor x factor
// block (unlike skipping pixels, averaging also removes some noise and blur). Reuses `out`'s
// memory. factor 1 copies.
void shrink(GreyView source, int factor, GreyImage& out);

}  // namespace einlass::scan
