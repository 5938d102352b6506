// Still-image scanning: what the kiosk's headless `decode` command and the camera path rely on.
// Codes are rendered by our own writer, so every test also checks that what we issue is what
// the door reads back.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stb/stb_image_write.h>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "kiosk/core/ticket_alphabet.hpp"
#include "kiosk/scan/grey_image.hpp"
#include "kiosk/scan/image_file.hpp"
#include "kiosk/scan/qr_decoder.hpp"
#include "kiosk/scan/qr_png.hpp"
#include "kiosk/scan/qr_render.hpp"

namespace einlass::scan {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

const fs::path kFixtures = fs::path(EINLASS_TEST_DATA) / "qr";

// Deterministic text shaped like a ticket code: prefix "EL1", then ticket-alphabet characters.
std::string ticket_like(std::size_t length, unsigned seed = 1) {
  std::string text = "EL1";
  std::mt19937 random(seed);
  while (text.size() < length)
    text += core::kTicketAlphabet[random() % core::kTicketAlphabet.size()];
  return text;
}

// Modules per side of a rendered code, from its pixel size.
int module_count(const GreyImage& image, int module_px, int quiet_zone_modules) {
  return image.width / module_px - 2 * quiet_zone_modules;
}

// A phone held up to the camera, roughly: `code` scaled by `scale`, turned by `degrees` around
// the frame centre, with reduced contrast (dim screen, grey paper), a lighting gradient behind
// it and sensor noise. The noise is built from mt19937 alone so it is the same on every
// standard library.
GreyImage synthetic_photo(const GreyImage& code, int width, int height, double scale,
                          double degrees, int noise_amplitude, unsigned seed) {
  GreyImage photo{width, height,
                  std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height)};
  const double angle = degrees * 3.14159265358979 / 180.0;
  const double c = std::cos(angle);
  const double s = std::sin(angle);
  const double cx = width / 2.0;
  const double cy = height / 2.0;
  std::mt19937 random(seed);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      // Inverse mapping: which pixel of the code lands here?
      const double dx = x - cx;
      const double dy = y - cy;
      const double u = (c * dx + s * dy) / scale + code.width / 2.0;
      const double v = (-s * dx + c * dy) / scale + code.height / 2.0;
      int value = 90 + 60 * x / width;  // background: a wall lit from one side
      if (u >= 0 && v >= 0 && u < code.width && v < code.height) {
        const auto sample =
            code.pixels[static_cast<std::size_t>(v) * code.width + static_cast<std::size_t>(u)];
        value = sample < 128 ? 45 : 205;
      }
      if (noise_amplitude > 0) {
        // Sum of two uniforms: a triangular, roughly bell-shaped error.
        const int range = 2 * noise_amplitude + 1;
        value += static_cast<int>(random() % range) + static_cast<int>(random() % range) -
                 2 * noise_amplitude;
      }
      photo.pixels[static_cast<std::size_t>(y) * width + x] =
          static_cast<std::uint8_t>(std::clamp(value, 0, 255));
    }
  }
  return photo;
}

void write_jpeg(const GreyImage& image, const fs::path& file, int quality) {
  ASSERT_NE(
      stbi_write_jpg(file.c_str(), image.width, image.height, 1, image.pixels.data(), quality), 0)
      << file;
}

class QrDecodeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("einlass-qr-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
  QrDecoder decoder_;
};

TEST_F(QrDecodeTest, PngRoundTripReturnsExactTicketTextAtLevelM) {
  const std::string ticket = ticket_like(144);
  const fs::path file = dir_ / "ticket.png";
  write_qr_png(ticket, file);

  const GreyImage loaded = load_grey_image(file);
  EXPECT_EQ(loaded.width, (41 + 2 * 4) * 8);
  EXPECT_EQ(loaded.height, loaded.width);

  const auto decoded = decoder_.decode(loaded.view());
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->text, ticket);
  EXPECT_EQ(decoded->ec_level, "M");
  // The corners frame the symbol inside its 4-module (32 px) quiet zone; the UI draws them.
  const int inner = 32;
  const int outer = 32 + 41 * 8;
  for (const Point& corner : decoded->corners) {
    EXPECT_GE(corner.x, inner - 2);
    EXPECT_LE(corner.x, outer + 1);
    EXPECT_GE(corner.y, inner - 2);
    EXPECT_LE(corner.y, outer + 1);
  }
  EXPECT_LT(decoded->corners[0].x, decoded->corners[1].x);  // top-left is left of top-right
  EXPECT_LT(decoded->corners[0].y, decoded->corners[3].y);  // and above bottom-left
}

// The e-mail's QR image: 1-bit PNG bytes, read back through the same loader and decoder the
// kiosk's `decode` uses, pixel for pixel the same code as render_qr draws.
TEST_F(QrDecodeTest, OneBitPngBytesDecodeToTheTicketAndMatchTheRenderedCode) {
  const std::string ticket = ticket_like(147, 7);
  const std::vector<uint8_t> png = qr_png_bytes(ticket, 4);
  ASSERT_GT(png.size(), 8u);
  EXPECT_EQ(std::string(png.begin(), png.begin() + 8), std::string("\x89PNG\r\n\x1a\n", 8));
  const fs::path file = dir_ / "mail.png";
  std::ofstream(file, std::ios::binary)
      .write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));

  const GreyImage loaded = load_grey_image(file);
  const GreyImage drawn = render_qr(ticket, 4);
  ASSERT_EQ(loaded.width, drawn.width);
  ASSERT_EQ(loaded.height, drawn.height);
  EXPECT_EQ(loaded.pixels, drawn.pixels);
  const auto decoded = decoder_.decode(loaded.view());
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->text, ticket);
  EXPECT_THROW(qr_png_bytes("", 4), std::invalid_argument);
}

// The ticket alphabet is QR alphanumeric, so ZXing uses alphanumeric mode: 144 (and the ~149 of
// a full signed ticket) characters fit version 6 at M (41x41 modules, up to 154 characters).
// Arbitrary bytes of the same length need byte mode and version 8 (49x49): coarser modules at the
// same print size are what lets a phone at arm's length still be read.
TEST_F(QrDecodeTest, TicketAlphabetKeepsCodeAtVersion6) {
  EXPECT_EQ(module_count(render_qr(ticket_like(144), 1, 0), 1, 0), 41);
  EXPECT_EQ(module_count(render_qr(ticket_like(149), 1, 0), 1, 0), 41);
  std::string lower = ticket_like(144);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char ch) { return static_cast<char>(std::tolower(ch)); });
  EXPECT_EQ(module_count(render_qr(lower, 1, 0), 1, 0), 49);
}

TEST_F(QrDecodeTest, RenderHonoursModuleSizeAndQuietZone) {
  const GreyImage image = render_qr(ticket_like(144), 3, 2);
  ASSERT_EQ(image.width, (41 + 4) * 3);
  // The quiet zone is white all round, and the top-left finder pattern starts right after it.
  for (int i = 0; i < image.width; ++i) {
    EXPECT_EQ(image.pixels[static_cast<std::size_t>(i)], 255) << "top row, x=" << i;
    EXPECT_EQ(image.pixels[static_cast<std::size_t>(i) * image.width], 255)
        << "left column, y=" << i;
  }
  EXPECT_EQ(image.pixels[static_cast<std::size_t>(6) * image.width + 6], 0);
  EXPECT_EQ(image.pixels[static_cast<std::size_t>(5) * image.width + 5], 255);
}

TEST_F(QrDecodeTest, RenderRejectsWhatCannotBeACode) {
  EXPECT_THROW(render_qr(""), std::invalid_argument);
  EXPECT_THROW(render_qr(std::string(5000, 'A')), std::invalid_argument);
  EXPECT_THROW(render_qr("EL1", 0), std::invalid_argument);
  EXPECT_THROW(render_qr("EL1", 8, -1), std::invalid_argument);
}

TEST_F(QrDecodeTest, JpegAtQuality80Decodes) {
  const std::string ticket = ticket_like(144, 2);
  const fs::path file = dir_ / "ticket.jpg";
  write_jpeg(render_qr(ticket, 4), file, 80);

  const auto decoded = decoder_.decode(load_grey_image(file).view());
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->text, ticket);
  EXPECT_EQ(decoded->ec_level, "M");
}

TEST_F(QrDecodeTest, NoisyRotatedCodeInA720pFrameDecodes) {
  const std::string ticket = ticket_like(144, 3);
  const GreyImage photo = synthetic_photo(render_qr(ticket, 2), 1280, 720, 3.0, 7.0, 20, 42);

  const auto decoded = decoder_.decode(photo.view());
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->text, ticket);
  // The reported corners lie on the pasted code (294 px square around the centre), not elsewhere.
  for (const Point& corner : decoded->corners) {
    EXPECT_NEAR(corner.x, 640, 200);
    EXPECT_NEAR(corner.y, 360, 200);
  }
}

TEST_F(QrDecodeTest, FramesWithoutACodeGiveNothing) {
  GreyImage blank{1280, 720, std::vector<std::uint8_t>(1280u * 720u, 180)};
  EXPECT_FALSE(decoder_.decode(blank.view()).has_value());

  GreyImage noise_only = synthetic_photo(GreyImage{}, 1280, 720, 1.0, 0.0, 40, 7);
  EXPECT_FALSE(decoder_.decode(noise_only.view()).has_value());
}

TEST_F(QrDecodeTest, StridedAndYuyvViewsDecodeTheSame) {
  const std::string ticket = ticket_like(144, 4);
  const GreyImage photo = synthetic_photo(render_qr(ticket, 2), 640, 480, 2.0, -4.0, 10, 5);
  const auto packed = decoder_.decode(photo.view());
  ASSERT_TRUE(packed.has_value());
  ASSERT_EQ(packed->text, ticket);

  // Rows padded to 704 bytes, the padding full of garbage a driver might leave there.
  const int stride = 704;
  std::vector<std::uint8_t> padded(static_cast<std::size_t>(stride) * photo.height);
  std::mt19937 random(9);
  for (auto& byte : padded)
    byte = static_cast<std::uint8_t>(random());
  for (int y = 0; y < photo.height; ++y) {
    std::copy_n(photo.pixels.begin() + static_cast<std::ptrdiff_t>(y) * photo.width, photo.width,
                padded.begin() + static_cast<std::ptrdiff_t>(y) * stride);
  }
  const auto strided =
      decoder_.decode(GreyView{padded.data(), photo.width, photo.height, stride, 1});
  ASSERT_TRUE(strided.has_value());
  EXPECT_EQ(strided->text, ticket);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(strided->corners[i].x, packed->corners[i].x);
    EXPECT_EQ(strided->corners[i].y, packed->corners[i].y);
  }

  // A packed YUYV frame: luma in every even byte, chroma (here garbage) in between.
  std::vector<std::uint8_t> yuyv(static_cast<std::size_t>(photo.width) * 2 * photo.height);
  for (std::size_t i = 0; i < photo.pixels.size(); ++i) {
    yuyv[2 * i] = photo.pixels[i];
    yuyv[2 * i + 1] = static_cast<std::uint8_t>(random());
  }
  const auto from_yuyv =
      decoder_.decode(GreyView{yuyv.data(), photo.width, photo.height, photo.width * 2, 2});
  ASSERT_TRUE(from_yuyv.has_value());
  EXPECT_EQ(from_yuyv->text, ticket);
}

TEST_F(QrDecodeTest, InvalidViewIsRejected) {
  std::vector<std::uint8_t> pixels(100, 255);
  EXPECT_THROW(decoder_.decode(GreyView{nullptr, 10, 10, 10, 1}), std::invalid_argument);
  EXPECT_THROW(decoder_.decode(GreyView{pixels.data(), 10, 10, 9, 1}), std::invalid_argument);
  EXPECT_THROW(decoder_.decode(GreyView{pixels.data(), 0, 10, 10, 1}), std::invalid_argument);
}

// The message is shown to staff as is, so it must name the file and say what is wrong.
void expect_load_error(const fs::path& file, const std::string& reason) {
  try {
    load_grey_image(file);
    ADD_FAILURE() << "no ImageFileError for " << file;
  } catch (const ImageFileError& error) {
    EXPECT_THAT(error.what(), HasSubstr(file.string()));
    EXPECT_THAT(error.what(), HasSubstr(reason));
  }
}

TEST_F(QrDecodeTest, UnreadableFilesThrowNamingTheFile) {
  expect_load_error(dir_ / "no-such-ticket.png", "does not exist");
  expect_load_error(dir_, "is a directory");
  expect_load_error(kFixtures / "not-an-image.png", "not a PNG or JPEG");

  std::ofstream(dir_ / "empty.png").close();
  expect_load_error(dir_ / "empty.png", "empty");

  // A real PNG signature followed by rubbish: a truncated download.
  std::ofstream(dir_ / "truncated.png", std::ios::binary) << "\x89PNG\r\n\x1a\n rest is missing";
  expect_load_error(dir_ / "truncated.png", "damaged");

  // What an iPhone saves by default: refused by name, with what to do instead.
  std::ofstream(dir_ / "photo.heic", std::ios::binary)
      << std::string("\0\0\0\x18", 4) << "ftypheic";
  expect_load_error(dir_ / "photo.heic", "HEIC images are not supported; save it as PNG or JPEG");
}

TEST_F(QrDecodeTest, SavingIntoAMissingFolderThrowsNamingTheFile) {
  const fs::path file = dir_ / "no-such-folder" / "out.png";
  try {
    save_grey_png(render_qr("EL1TEST"), file);
    ADD_FAILURE() << "no ImageFileError";
  } catch (const ImageFileError& error) {
    EXPECT_THAT(error.what(), HasSubstr(file.string()));
  }
}

// The committed fixtures (tests/data/qr/README.md) are what staff scripts and later tests feed
// the kiosk. EINLASS_WRITE_QR_FIXTURES=1 regenerates them with the code under test.
const std::string kFixtureTicket = "EL1TEST" + ticket_like(144, 2019).substr(7);

TEST(QrFixtures, DecodeAsDocumented) {
  if (const char* regenerate = std::getenv("EINLASS_WRITE_QR_FIXTURES");
      regenerate && *regenerate == '1') {
    write_qr_png(kFixtureTicket, kFixtures / "ticket.png", 4);
    write_jpeg(synthetic_photo(render_qr(kFixtureTicket, 2), 640, 480, 2.0, 5.0, 3, 2019),
               kFixtures / "ticket-photo.jpg", 80);
    save_grey_png(synthetic_photo(GreyImage{}, 320, 240, 1.0, 0.0, 0, 1), kFixtures / "blank.png");
    std::ofstream(kFixtures / "not-an-image.png") << "This is a text file with a .png name.\n";
  }
  const QrDecoder decoder;

  const auto ticket = decoder.decode(load_grey_image(kFixtures / "ticket.png").view());
  ASSERT_TRUE(ticket.has_value());
  EXPECT_EQ(ticket->text, kFixtureTicket);
  EXPECT_EQ(ticket->ec_level, "M");

  const auto photo = decoder.decode(load_grey_image(kFixtures / "ticket-photo.jpg").view());
  ASSERT_TRUE(photo.has_value());
  EXPECT_EQ(photo->text, kFixtureTicket);

  EXPECT_FALSE(decoder.decode(load_grey_image(kFixtures / "blank.png").view()).has_value());
  EXPECT_THROW(load_grey_image(kFixtures / "not-an-image.png"), ImageFileError);

  for (const char* name : {"ticket.png", "ticket-photo.jpg", "blank.png", "not-an-image.png"}) {
    EXPECT_LT(fs::file_size(kFixtures / name), 50u * 1024u) << name;
  }
}

}  // namespace
}  // namespace einlass::scan
