#pragma once
// A QR code as the bytes of a PNG file, for ticket e-mails and printouts. One bit per pixel:
// a code is only black and white, and a 1-bit image is an eighth of the data to compress, so
// the server's ticket run spends its time on signing and the code itself, not on zlib.

#include <cstdint>
#include <string_view>
#include <vector>

namespace einlass::scan {

// Same geometry as render_qr (whole modules, quiet zone in modules). Throws
// std::invalid_argument for bad arguments and std::runtime_error if libpng fails.
std::vector<uint8_t> qr_png_bytes(std::string_view text, int module_px, int quiet_zone_modules = 4);

}  // namespace einlass::scan
