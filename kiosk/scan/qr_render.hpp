#pragma once

#include <filesystem>
#include <string_view>

#include "kiosk/scan/grey_image.hpp"

namespace einlass::scan {

// Renders `text` as a QR code (error correction level M) with black modules of
// module_px x module_px pixels on white, surrounded by quiet_zone_modules of white. ZXing picks
// the densest mode, so ticket codes (0-9 and upper-case letters only) use alphanumeric mode
// and stay a version or two smaller than arbitrary text of the same length.
// Throws std::invalid_argument for empty text, text too long for any QR version, module_px < 1
// or quiet_zone_modules < 0.
GreyImage render_qr(std::string_view text, int module_px = 8, int quiet_zone_modules = 4);

// render_qr, then save_grey_png. Throws like both.
void write_qr_png(std::string_view text, const std::filesystem::path& file, int module_px = 8,
                  int quiet_zone_modules = 4);

}  // namespace einlass::scan
