// ZXing 1.4's Result::text() and ecLevel() return std::wstring unless this is set (g++ then
// also prints a deprecation note from Result.h on every build). Guarded so that a build that
// sets it on the command line does not see a redefinition.
#ifndef ZX_USE_UTF8
#define ZX_USE_UTF8
#endif

#include "kiosk/scan/qr_decoder.hpp"

#include <ZXing/ReadBarcode.h>

#include <stdexcept>

namespace einlass::scan {

std::optional<DecodedQr> QrDecoder::decode(GreyView frame) const {
  if (frame.data == nullptr || frame.width <= 0 || frame.height <= 0 || frame.pixel_stride < 1 ||
      frame.stride < frame.width * frame.pixel_stride) {
    throw std::invalid_argument("QrDecoder::decode: invalid grey view");
  }

  const ZXing::ImageView image(frame.data, frame.width, frame.height, ZXing::ImageFormat::Lum,
                               frame.stride, frame.pixel_stride);
  // Restricting the formats skips every 1D and other 2D reader. One symbol is enough: a kiosk
  // checks in one person at a time, and stopping at the first saves the rest of the search.
  const auto hints = ZXing::DecodeHints()
                         .setFormats(ZXing::BarcodeFormat::QRCode)
                         .setTryHarder(settings_.try_harder)
                         .setTryRotate(settings_.try_rotate)
                         .setTryDownscale(settings_.try_downscale)
                         .setMaxNumberOfSymbols(1);

  const ZXing::Result result = ZXing::ReadBarcode(image, hints);
  if (!result.isValid() || result.format() != ZXing::BarcodeFormat::QRCode) return std::nullopt;

  DecodedQr decoded;
  decoded.text = result.text();
  decoded.ec_level = result.ecLevel();
  const auto& position = result.position();
  for (std::size_t i = 0; i < decoded.corners.size(); ++i) {
    decoded.corners[i] = Point{position[i].x, position[i].y};
  }
  return decoded;
}

}  // namespace einlass::scan
