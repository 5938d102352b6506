#include "kiosk/scan/qr_render.hpp"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "kiosk/scan/image_file.hpp"

namespace einlass::scan {
namespace {

// MultiFormatWriter takes a level 0-8 shared with Aztec and PDF417; ZXing 1.4 maps it to QR as
// (level - 1) / 2: 1-2 = L, 3-4 = M, 5-6 = Q, 7-8 = H. M restores ~15 % damaged modules: enough
// for a creased print-out or a cracked phone screen without growing the code much.
constexpr int kEccLevelM = 4;

// A code of this many modules per side at this scale stays far below any sane image size.
constexpr int kMaxModulePx = 64;
constexpr int kMaxQuietZone = 64;

}  // namespace

GreyImage render_qr(std::string_view text, int module_px, int quiet_zone_modules) {
  if (text.empty()) throw std::invalid_argument("render_qr: empty text");
  if (module_px < 1 || module_px > kMaxModulePx) {
    throw std::invalid_argument("render_qr: module_px must be 1-64");
  }
  if (quiet_zone_modules < 0 || quiet_zone_modules > kMaxQuietZone) {
    throw std::invalid_argument("render_qr: quiet_zone_modules must be 0-64");
  }

  // Margin 0 and size 0 make ZXing return exactly one bit per module; scaling and the quiet
  // zone are done here so that both are exact whole modules.
  const ZXing::BitMatrix modules = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                                       .setEccLevel(kEccLevelM)
                                       .setMargin(0)
                                       .encode(std::string(text), 0, 0);

  const int side = (modules.width() + 2 * quiet_zone_modules) * module_px;
  GreyImage image;
  image.width = side;
  image.height = side;
  image.pixels.assign(static_cast<std::size_t>(side) * side, 255);
  const int offset = quiet_zone_modules * module_px;
  for (int my = 0; my < modules.height(); ++my) {
    for (int mx = 0; mx < modules.width(); ++mx) {
      if (!modules.get(mx, my)) continue;
      for (int py = 0; py < module_px; ++py) {
        auto* row = image.pixels.data() +
                    static_cast<std::size_t>(offset + my * module_px + py) * side + offset +
                    static_cast<std::size_t>(mx) * module_px;
        std::fill(row, row + module_px, std::uint8_t{0});
      }
    }
  }
  return image;
}

void write_qr_png(std::string_view text, const std::filesystem::path& file, int module_px,
                  int quiet_zone_modules) {
  save_grey_png(render_qr(text, module_px, quiet_zone_modules), file);
}

}  // namespace einlass::scan
