#include "kiosk/scan/mjpeg_decoder.hpp"

// jpeglib.h needs size_t and FILE declared first.
#include <csetjmp>
#include <cstdio>

#include <jerror.h>
#include <jpeglib.h>

#include <algorithm>

namespace einlass::scan {
namespace {

// libjpeg's default error handler calls exit(). This one jumps back to decode_into(), which
// keeps only trivially destructible locals so that longjmp skips no destructor.
struct ErrorManager {
  jpeg_error_mgr base;
  std::jmp_buf escape;
  char message[JMSG_LENGTH_MAX];
};

void on_error(j_common_ptr info) {
  auto* errors = reinterpret_cast<ErrorManager*>(info->err);
  (*info->err->format_message)(info, errors->message);
  std::longjmp(errors->escape, 1);
}

// A truncated frame ("premature end of data") is only a warning to libjpeg, which fills the
// rest with grey; here it is an error, so the decoder never sees half a code. Other warnings
// (many webcams append stray bytes to every frame) leave the picture intact and are ignored.
void on_warning(j_common_ptr info, int level) {
  if (level < 0 && info->err->msg_code == JWRN_JPEG_EOF) on_error(info);
}

bool decode_into(const std::uint8_t* data, std::size_t size, int scale, GreyImage& out,
                 char* message) {
  jpeg_decompress_struct info{};
  ErrorManager errors{};
  info.err = jpeg_std_error(&errors.base);
  errors.base.error_exit = on_error;
  errors.base.emit_message = on_warning;
  if (setjmp(errors.escape) != 0) {
    std::copy(std::begin(errors.message), std::end(errors.message), message);
    jpeg_destroy_decompress(&info);
    return false;
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, data, static_cast<unsigned long>(size));
  jpeg_read_header(&info, TRUE);
  info.out_color_space = JCS_GRAYSCALE;
  info.scale_num = static_cast<unsigned int>(scale);
  info.scale_denom = 8;
  // The fast integer IDCT: its rounding differences are far below what blurs a module edge.
  info.dct_method = JDCT_IFAST;
  jpeg_start_decompress(&info);
  out.width = static_cast<int>(info.output_width);
  out.height = static_cast<int>(info.output_height);
  out.pixels.resize(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = out.pixels.data() + static_cast<std::size_t>(info.output_scanline) * out.width;
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return true;
}

}  // namespace

bool MjpegDecoder::decode(const std::uint8_t* data, std::size_t size, int scale_eighths,
                          GreyImage& out, std::string* error) {
  if (data == nullptr || size < 4) {
    if (error != nullptr) *error = "empty frame";
    return false;
  }
  char message[JMSG_LENGTH_MAX] = {};
  if (decode_into(data, size, std::clamp(scale_eighths, 1, 8), out, message)) return true;
  if (error != nullptr) *error = message;
  return false;
}

}  // namespace einlass::scan
