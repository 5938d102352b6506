#include "kiosk/scan/qr_png.hpp"

#include <png.h>

#include <csetjmp>
#include <cstddef>
#include <stdexcept>

#include "kiosk/scan/qr_render.hpp"

namespace einlass::scan {
namespace {

void append_to_vector(png_structp png, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::vector<uint8_t>*>(png_get_io_ptr(png));
  out->insert(out->end(), data, data + length);
}

void no_flush(png_structp) {}

// libpng reports errors by longjmp. Everything with a destructor lives in the caller; this
// function holds only plain pointers, so jumping back into it skips no destructor.
bool write_png(std::vector<uint8_t>& out, int side, std::vector<png_bytep>& rows) {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (!png) return false;
  png_infop info = png_create_info_struct(png);
  if (!info || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return false;
  }
  png_set_write_fn(png, &out, append_to_vector, no_flush);
  png_set_IHDR(png, info, static_cast<png_uint_32>(side), static_cast<png_uint_32>(side), 1,
               PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  // Rows of a QR code repeat module_px times: no filter plus zlib's matching does it best.
  png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_rows(png, info, rows.data());
  png_write_png(png, info, PNG_TRANSFORM_IDENTITY, nullptr);
  png_destroy_write_struct(&png, &info);
  return true;
}

}  // namespace

std::vector<uint8_t> qr_png_bytes(std::string_view text, int module_px, int quiet_zone_modules) {
  const GreyImage image = render_qr(text, module_px, quiet_zone_modules);
  const int side = image.width;
  const std::size_t row_bytes = (static_cast<std::size_t>(side) + 7) / 8;
  // 1-bit grey: bit set = white, most significant bit first.
  std::vector<uint8_t> packed(row_bytes * static_cast<std::size_t>(side), 0);
  std::vector<png_bytep> rows(static_cast<std::size_t>(side));
  for (int y = 0; y < side; ++y) {
    uint8_t* row = packed.data() + row_bytes * static_cast<std::size_t>(y);
    rows[static_cast<std::size_t>(y)] = row;
    const uint8_t* grey = image.pixels.data() + static_cast<std::size_t>(y) * side;
    for (int x = 0; x < side; ++x)
      if (grey[x] >= 128) row[x / 8] |= static_cast<uint8_t>(0x80u >> (x % 8));
  }
  std::vector<uint8_t> out;
  out.reserve(2048);
  if (!write_png(out, side, rows)) throw std::runtime_error("could not encode the QR code as PNG");
  return out;
}

}  // namespace einlass::scan
