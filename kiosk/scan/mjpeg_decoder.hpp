#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "kiosk/scan/grey_image.hpp"

namespace einlass::scan {

// Decodes the JPEG frames of an MJPEG webcam straight to grey with libjpeg-turbo: the colour
// planes are never converted (only luminance is inverse-transformed) and the picture can be
// scaled down by M/8 inside the inverse DCT, which is cheaper than decoding full size. Frames
// without Huffman tables (the Motion-JPEG convention) decode with the standard tables.
class MjpegDecoder {
 public:
  // Decodes `size` bytes at `data` into `out` (memory reused), scaled by scale_eighths/8
  // (1..8). False for a damaged frame, with the reason in `error` if given: webcams send a
  // truncated frame now and then, and the caller just waits for the next one.
  bool decode(const std::uint8_t* data, std::size_t size, int scale_eighths, GreyImage& out,
              std::string* error = nullptr);
};

}  // namespace einlass::scan
