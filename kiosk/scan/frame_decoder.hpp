#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "kiosk/scan/finder_locator.hpp"
#include "kiosk/scan/grey_image.hpp"
#include "kiosk/scan/qr_decoder.hpp"

namespace einlass::scan {

// How a camera frame is searched. The defaults are what the scan benchmark measured best on
// 1280x720 frames (tests/bench/scan_bench.cpp prints the comparison).
struct FrameDecodeSettings {
  // Look for finder patterns first and decode only around them; a frame without any is not
  // decoded at all. Off: ZXing searches the whole frame.
  bool locate_first = true;
  LocatorSettings locator;
  // Modules at least this big are decoded from a 2x2-averaged copy of the region: a quarter of
  // the pixels, and averaging undoes some blur and noise. Smaller ones at full resolution.
  float half_resolution_from_module_px = 4.5f;
  // When the preferred resolution fails, try the other one too.
  bool try_other_resolution = true;
  // At most this many separate regions are decoded per frame (a frame with a code has one; more
  // are clutter that happens to look like finder patterns).
  int max_regions = 2;
  // ZXing's effort on each region. tryHarder costs nothing measurable here: on an image a few
  // hundred pixels high ZXing searches every row either way.
  QrDecodeSettings region{.try_harder = true, .try_rotate = false, .try_downscale = false};
  // ZXing's effort when the whole frame is searched (locate_first off, or decode_whole()).
  QrDecodeSettings whole{.try_harder = false, .try_rotate = false, .try_downscale = false};
};

// What the last decode() did, for the benchmark's breakdown and for tests.
struct FrameDecodeTrace {
  int candidates = 0;  // finder-pattern candidates the locator reported
  int regions = 0;     // regions handed to ZXing
  bool used_hint = false;
  bool whole_frame = false;
};

// Decodes QR codes in camera frames. Keeps scratch buffers, so use one per thread.
class FrameDecoder {
 public:
  explicit FrameDecoder(FrameDecodeSettings settings = {});

  // The code in `frame`, or nullopt. `hint` is where a code was in the previous frame: that
  // region is tried first (a held code rarely moves far between frames). Throws
  // std::invalid_argument for an invalid view.
  std::optional<DecodedQr> decode(GreyView frame,
                                  const std::optional<std::array<Point, 4>>& hint = std::nullopt);

  // Searches the whole frame with ZXing, no locator: slower, and the safety net for anything
  // the locator might not see.
  std::optional<DecodedQr> decode_whole(GreyView frame);

  const FrameDecodeTrace& last_trace() const { return trace_; }
  const FrameDecodeSettings& settings() const { return settings_; }

 private:
  struct Region {
    int x = 0, y = 0, width = 0, height = 0;
    float module = 0;
  };
  std::optional<DecodedQr> decode_region(GreyView frame, const Region& region);
  std::optional<DecodedQr> decode_at(GreyView frame, const Region& region, bool half);

  FrameDecodeSettings settings_;
  QrDecoder region_decoder_;
  QrDecoder whole_decoder_;
  FinderLocator locator_;
  GreyImage half_;
  FrameDecodeTrace trace_;
};

}  // namespace einlass::scan
