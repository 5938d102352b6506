#pragma once

#include <cstdint>
#include <vector>

namespace einlass::scan {

// A borrowed 8-bit luminance image. `stride` is the distance in bytes between the starts of two
// rows (drivers pad rows); `pixel_stride` the distance between two neighbouring pixels of a
// row: 1 for a grey or planar Y buffer, 2 for the luma bytes of a packed YUYV frame
// (Y0 U Y1 V ...), whose "Y plane" is interleaved with chroma and cannot be described by a row
// stride alone. Our own code (motion gate, finder locator, 2x2 shrink) reads any view in place;
// ZXing 1.4 binarizes only dense rows, so it copies a view with pixel_stride != 1 — just the
// region handed to it, or the whole frame for a whole-frame search — into a buffer of its own.
// scan_bench section 1 measures what that costs on YUYV frames.
struct GreyView {
  const std::uint8_t* data = nullptr;
  int width = 0;
  int height = 0;
  int stride = 0;
  int pixel_stride = 1;
};

// An owned 8-bit luminance image with tightly packed rows (stride == width).
struct GreyImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;

  GreyView view() const { return GreyView{pixels.data(), width, height, width, 1}; }
};

}  // namespace einlass::scan
