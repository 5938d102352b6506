#include "kiosk/core/ticket_alphabet.hpp"

#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace einlass::core {
namespace {

std::string encode(const std::vector<uint8_t>& bytes) {
  std::string text;
  append_base32(bytes, text);
  return text;
}

std::optional<std::vector<uint8_t>> decode(std::string_view text) {
  std::vector<uint8_t> out(text.size());
  const auto size = decode_base32(text, out);
  if (!size) return std::nullopt;
  out.resize(*size);
  return out;
}

// A QR code stays in compact alphanumeric mode only if every character is in this set.
constexpr std::string_view kQrAlphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

TEST(TicketAlphabet, EveryCharacterSurvivesQrAlphanumericModeAndAGermanKeyboardScanner) {
  EXPECT_EQ(kTicketAlphabet.size(), 32u);
  for (const char c : kTicketAlphabet) {
    EXPECT_NE(kQrAlphanumeric.find(c), std::string_view::npos) << c;
    // Keyboard-wedge scanners typing a US layout on QWERTZ swap Y/Z and garble the symbols;
    // I and O read as 1 and 0.
    EXPECT_EQ(std::string_view("IOYZ $%*+-./:").find(c), std::string_view::npos) << c;
  }
}

TEST(TicketAlphabet, KnownBytesGiveTheSameTextAsInTicketsAlreadySent) {
  EXPECT_EQ(encode({}), "");
  EXPECT_EQ(encode({0xFF}), "XU");
  EXPECT_EQ(encode({0x00, 0x44, 0x32, 0x14, 0xDF}), "0123456X");
  EXPECT_EQ(decode("0123456X"), (std::vector<uint8_t>{0x00, 0x44, 0x32, 0x14, 0xDF}));
}

TEST(TicketAlphabet, AnyBytesComeBackUnchanged) {
  std::mt19937 rng(20190915);
  for (int i = 0; i < 3000; ++i) {
    std::vector<uint8_t> bytes(std::uniform_int_distribution<size_t>(0, 100)(rng));
    for (auto& b : bytes)
      b = static_cast<uint8_t>(rng());
    const std::string text = encode(bytes);
    ASSERT_EQ(text.size(), base32_length(bytes.size()));
    ASSERT_EQ(decode(text), bytes) << text;
  }
}

TEST(TicketAlphabet, OnlyTheOneCanonicalSpellingIsAccepted) {
  // "XU" is 0xFF plus two zero padding bits; "XV" sets a padding bit.
  EXPECT_TRUE(decode("XU").has_value());
  EXPECT_FALSE(decode("XV").has_value());
  // A character that carries padding bits only.
  EXPECT_FALSE(decode("XU0").has_value());
  EXPECT_FALSE(decode("X").has_value());
}

TEST(TicketAlphabet, ScannerNoiseIsRejectedNotGuessed) {
  EXPECT_FALSE(decode("0123456x").has_value());  // lowercase
  EXPECT_FALSE(decode("0123 456X").has_value());
  EXPECT_FALSE(decode("0123456X\n").has_value());
  EXPECT_FALSE(decode("O123456X").has_value());  // letter O for zero
  EXPECT_FALSE(decode("0123456Y").has_value());
  EXPECT_FALSE(decode("0123456Z").has_value());
}

TEST(TicketAlphabet, RefusesToWritePastTheOutputBuffer) {
  std::array<uint8_t, 4> small{};
  EXPECT_FALSE(decode_base32("0123456X", small).has_value());
}

}  // namespace
}  // namespace einlass::core
