#include "kiosk/scan/image_file.hpp"

#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include <array>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace einlass::scan {
namespace {

// A ticket photo needs a few megapixels at most; these bounds stop a huge or hostile file from
// taking the kiosk's memory (a small PNG can declare a gigapixel image).
constexpr std::uintmax_t kMaxFileBytes = 64u << 20;
constexpr long long kMaxPixels = 64LL << 20;

[[noreturn]] void fail(const std::filesystem::path& file, std::string_view reason) {
  throw ImageFileError("cannot load image \"" + file.string() + "\": " + std::string(reason));
}

bool starts_with(const std::vector<std::uint8_t>& bytes, std::size_t offset,
                 std::string_view magic) {
  if (bytes.size() < offset + magic.size()) return false;
  for (std::size_t i = 0; i < magic.size(); ++i) {
    if (bytes[offset + i] != static_cast<std::uint8_t>(magic[i])) return false;
  }
  return true;
}

enum class Kind { png, jpeg, other };

// stb_image also reads BMP, GIF, TGA, PSD, HDR and PNM. Only PNG and JPEG are promised, so the
// file is told by its signature, not its extension, and anything else is refused by name: a
// phone's HEIC photo then gets an answer that says what to do instead of "corrupt image".
Kind identify(const std::vector<std::uint8_t>& bytes, const std::filesystem::path& file) {
  if (starts_with(bytes, 0, "\x89PNG\r\n\x1a\n")) return Kind::png;
  if (starts_with(bytes, 0, "\xff\xd8\xff")) return Kind::jpeg;
  struct Known {
    std::size_t offset;
    std::string_view magic;
    std::string_view name;
  };
  static constexpr std::array<Known, 9> known{{
      {0, "GIF8", "GIF"},
      {0, "BM", "BMP"},
      {8, "WEBP", "WebP"},
      {0, std::string_view("II*\0", 4), "TIFF"},
      {0, std::string_view("MM\0*", 4), "TIFF"},
      {4, "ftypheic", "HEIC"},
      {4, "ftypheix", "HEIC"},
      {4, "ftypmif1", "HEIF"},
      {4, "ftypavif", "AVIF"},
  }};
  for (const auto& k : known) {
    if (starts_with(bytes, k.offset, k.magic)) {
      fail(file, std::string(k.name) + " images are not supported; save it as PNG or JPEG");
    }
  }
  return Kind::other;
}

std::vector<std::uint8_t> read_all(const std::filesystem::path& file) {
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (!std::filesystem::exists(status)) fail(file, "file does not exist");
  if (std::filesystem::is_directory(status)) fail(file, "is a directory, not an image file");
  const auto size = std::filesystem::file_size(file, ec);
  if (ec) fail(file, ec.message());
  if (size == 0) fail(file, "file is empty");
  if (size > kMaxFileBytes) fail(file, "file is larger than 64 MiB");

  std::ifstream in(file, std::ios::binary);
  if (!in) fail(file, "file cannot be opened (permissions?)");
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(size));
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (in.gcount() != static_cast<std::streamsize>(bytes.size())) fail(file, "read error");
  return bytes;
}

}  // namespace

GreyImage load_grey_image(const std::filesystem::path& file) {
  const auto bytes = read_all(file);
  const Kind kind = identify(bytes, file);
  if (kind == Kind::other) fail(file, "not a PNG or JPEG image");
  const char* format = kind == Kind::png ? "PNG" : "JPEG";
  const int length = static_cast<int>(bytes.size());  // bounded by kMaxFileBytes

  int width = 0;
  int height = 0;
  int channels = 0;
  if (stbi_info_from_memory(bytes.data(), length, &width, &height, &channels) == 0) {
    fail(file,
         std::string("damaged or unsupported ") + format + " (" + stbi_failure_reason() + ")");
  }
  if (static_cast<long long>(width) * height > kMaxPixels) {
    fail(file, std::to_string(width) + "x" + std::to_string(height) +
                   " pixels is too large for a ticket photo");
  }

  std::unique_ptr<stbi_uc, void (*)(void*)> pixels(
      stbi_load_from_memory(bytes.data(), length, &width, &height, &channels, 1), stbi_image_free);
  if (!pixels) {
    fail(file,
         std::string("damaged or unsupported ") + format + " (" + stbi_failure_reason() + ")");
  }
  GreyImage image;
  image.width = width;
  image.height = height;
  image.pixels.assign(pixels.get(), pixels.get() + static_cast<std::size_t>(width) * height);
  return image;
}

void save_grey_png(const GreyImage& image, const std::filesystem::path& file) {
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() != static_cast<std::size_t>(image.width) * image.height) {
    throw std::invalid_argument("save_grey_png: pixel count does not match width x height");
  }
  errno = 0;
  if (stbi_write_png(file.c_str(), image.width, image.height, 1, image.pixels.data(),
                     image.width) == 0) {
    // stb reports no reason; fopen's errno is the likely one (missing folder, permissions).
    const std::string reason = errno != 0 ? std::generic_category().message(errno) : "write failed";
    throw ImageFileError("cannot write PNG \"" + file.string() + "\": " + reason);
  }
}

}  // namespace einlass::scan
