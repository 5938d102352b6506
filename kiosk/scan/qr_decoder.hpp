#pragma once

#include <array>
#include <optional>
#include <string>

#include "kiosk/scan/grey_image.hpp"

namespace einlass::scan {

struct Point {
  int x = 0;
  int y = 0;
};

struct DecodedQr {
  std::string text;
  // Image coordinates of the symbol's top-left, top-right, bottom-right and bottom-left corner
  // (symbol orientation, so they follow the code when the ticket is held rotated). The UI draws
  // its "seen" frame from them.
  std::array<Point, 4> corners{};
  // "L", "M", "Q" or "H". ZXing 1.4 reports no symbol version, so there is none here.
  std::string ec_level;
};

// Search effort. The defaults suit still photos (the headless `decode` command); camera frames
// go through FrameDecoder (frame_decoder.hpp), whose settings the scan benchmark tuned.
struct QrDecodeSettings {
  // Scan every row for finder patterns instead of every few: finds small or blurred codes
  // (a phone held far away) at some extra cost per frame.
  bool try_harder = true;
  // Retries the frame turned by 90/180/270 degrees. QR finder patterns are found at any angle,
  // and ZXing 1.4 applies this to 1D readers only (measured: no effect on QR-only decoding);
  // off, so that it costs nothing should a later version apply it to QR too.
  bool try_rotate = false;
  // Also scans a downscaled copy of large frames: a code held close to the camera, or one with
  // noise and moire from a phone screen, often binarises better at lower resolution.
  bool try_downscale = true;
};

// Finds and decodes one QR code in a grey frame. Stateless and const, so one instance may be
// shared by threads.
class QrDecoder {
 public:
  explicit QrDecoder(QrDecodeSettings settings = {}) : settings_(settings) {}

  // The first readable QR code in `frame`, or nullopt when there is none. Throws
  // std::invalid_argument for a view with no data, a non-positive size or too small strides.
  std::optional<DecodedQr> decode(GreyView frame) const;

  const QrDecodeSettings& settings() const { return settings_; }

 private:
  QrDecodeSettings settings_;
};

}  // namespace einlass::scan
