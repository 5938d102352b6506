#pragma once

#include <filesystem>
#include <stdexcept>

#include "kiosk/scan/grey_image.hpp"

namespace einlass::scan {

// A still image could not be read or written. what() names the file and the reason, so that a
// staff script or the headless `decode` command can show it unchanged.
class ImageFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads a PNG or JPEG file as 8-bit grey (colour is converted to luminance, alpha dropped,
// 16-bit PNG reduced to 8 bit). Throws ImageFileError when the file is missing, unreadable,
// not a PNG/JPEG, damaged, or too large to be a sensible photo of a ticket.
GreyImage load_grey_image(const std::filesystem::path& file);

// Writes `image` as an 8-bit grey PNG. Throws std::invalid_argument for an inconsistent image
// and ImageFileError when the file cannot be written.
void save_grey_png(const GreyImage& image, const std::filesystem::path& file);

}  // namespace einlass::scan
