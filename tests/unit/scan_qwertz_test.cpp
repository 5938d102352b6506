// A keyboard-wedge scanner that emulates a US keyboard, on a kiosk set to the German (QWERTZ)
// layout: the character mapping, written out here from the two layouts' key caps, and what it
// means for tickets (nothing: they arrive intact) and for other systems' codes (read back by
// undoing the mapping when the roster confirms the result).

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "kiosk/core/ticket_alphabet.hpp"
#include "kiosk/core/ticket_codec.hpp"
#include "kiosk/scan/hid_scanner.hpp"
#include "kiosk/scan/keyboard_layout.hpp"
#include "kiosk/scan/utf8_text.hpp"
#include "ticket_test_support.hpp"

namespace einlass::scan {
namespace {

using namespace std::chrono_literals;

// Same key, same Shift state: US key cap -> German T1 key cap. Every printable ASCII
// character a US keyboard can type, row by row, shifted and unshifted.
const std::map<char, std::string> kUsOnGerman = {
    // number row: ` 1 2 3 4 5 6 7 8 9 0 - =   /   ~ ! @ # $ % ^ & * ( ) _ +
    {'`', "^"},
    {'1', "1"},
    {'2', "2"},
    {'3', "3"},
    {'4', "4"},
    {'5', "5"},
    {'6', "6"},
    {'7', "7"},
    {'8', "8"},
    {'9', "9"},
    {'0', "0"},
    {'-', "ß"},
    {'=', "´"},
    {'~', "°"},
    {'!', "!"},
    {'@', "\""},
    {'#', "§"},
    {'$', "$"},
    {'%', "%"},
    {'^', "&"},
    {'&', "/"},
    {'*', "("},
    {'(', ")"},
    {')', "="},
    {'_', "?"},
    {'+', "`"},
    // q w e r t y u i o p [ ] \   /   Q W E R T Y U I O P { } |
    {'y', "z"},
    {'Y', "Z"},
    {'[', "ü"},
    {']', "+"},
    {'\\', "#"},
    {'{', "Ü"},
    {'}', "*"},
    {'|', "'"},
    // a s d f g h j k l ; '   /   A S D F G H J K L : "
    {';', "ö"},
    {'\'', "ä"},
    {':', "Ö"},
    {'"', "Ä"},
    // z x c v b n m , . /   /   Z X C V B N M < > ?
    {'z', "y"},
    {'Z', "Y"},
    {',', ","},
    {'.', "."},
    {'/', "-"},
    {'<', ";"},
    {'>', ":"},
    {'?', "_"},
    {' ', " "},
};

std::string expected_on_german(char us) {
  const auto it = kUsOnGerman.find(us);
  if (it != kUsOnGerman.end()) return it->second;
  // The remaining letters are on the same keys on both layouts.
  EXPECT_TRUE((us >= 'a' && us <= 'z') || (us >= 'A' && us <= 'Z')) << "'" << us << "'";
  return std::string(1, us);
}

TEST(ScanQwertz, EveryUsCharacterLandsWhereTheGermanKeyCapsSay) {
  for (char c = 0x20; c < 0x7F; ++c) {
    EXPECT_EQ(type_us_on_german(std::string(1, c)), expected_on_german(c)) << "US '" << c << "'";
  }
}

TEST(ScanQwertz, TicketAlphabetAndPrefixArriveUnchanged) {
  for (const char c : core::kTicketAlphabet) {
    EXPECT_EQ(type_us_on_german(std::string(1, c)), std::string(1, c)) << c;
  }
  EXPECT_EQ(type_us_on_german(core::kTicketPrefix), core::kTicketPrefix);
  // Real, signed tickets typed by a US-layout scanner on a German kiosk verify as they arrive.
  std::mt19937 random(5);
  const auto key = core::test::seeded_key(3);
  core::Keyring keyring;
  keyring.add(key.public_key);
  for (int i = 0; i < 50; ++i) {
    auto payload = core::test::random_payload(random);
    payload.not_before = 0;
    payload.not_after = UINT32_MAX;
    const std::string ticket = core::encode_ticket(payload, key.secret);
    const std::string arrived = type_us_on_german(ticket);
    EXPECT_EQ(arrived, ticket);
    EXPECT_EQ(core::verify_ticket(arrived, keyring, payload.event_tag, 1'600'000'000).verdict,
              core::TicketVerdict::Valid);
  }
}

TEST(ScanQwertz, WhyNotBase45OrFullBase32) {
  // Base45 (as in EU vaccination certificates) uses space $ % * + - . / : — half of those are
  // garbled on a German layout; standard base32 has Y and Z, which trade places.
  EXPECT_EQ(type_us_on_german("*+-/:"), "(`ß-Ö");
  EXPECT_EQ(type_us_on_german("YZ"), "ZY");
  EXPECT_EQ(type_us_on_german(" $%."), " $%.");
}

TEST(ScanQwertz, UndoingTheMappingRestoresAnyUsText) {
  std::string all;
  for (char c = 0x20; c < 0x7F; ++c)
    all += c;
  EXPECT_EQ(undo_us_on_german(type_us_on_german(all)), all);
  // Characters no US key produces on a German layout are left alone.
  EXPECT_EQ(undo_us_on_german("€@"), "€@");
}

TEST(ScanQwertz, OtherSystemsCodeIsReadBackWhenTheRosterConfirmsIt) {
  const std::set<std::string> roster = {"LIK-2019-004711", "LIK-2019-004712", "Straße-7"};
  const auto knows = [&](std::string_view code) { return roster.count(std::string(code)) > 0; };

  // What the scanner's US key presses give on the kiosk.
  const std::string arrived = type_us_on_german("LIK-2019-004711");
  EXPECT_EQ(arrived, "LIKß2019ß004711");
  const auto readings = us_layout_readings(arrived);
  ASSERT_FALSE(readings.empty());
  EXPECT_EQ(readings.front(), "LIK-2019-004711");
  EXPECT_EQ(choose_reading(arrived, readings, knows), "LIK-2019-004711");

  // The same code where an ASCII-only step turned each 'ß' into '?'.
  const std::string lost = "LIK?2019?004711";
  EXPECT_EQ(choose_reading(lost, us_layout_readings(lost), knows), "LIK-2019-004711");

  // A code the roster knows as it arrived is never "corrected".
  EXPECT_EQ(choose_reading("Straße-7", us_layout_readings("Straße-7"), knows), "Straße-7");
  // An unknown code stays as it arrived (and gets the "unknown code" answer).
  EXPECT_EQ(choose_reading("LIKß2019ß999999", us_layout_readings("LIKß2019ß999999"), knows),
            "LIKß2019ß999999");
  // A ticket is used as it is; it verifies offline.
  const std::string ticket =
      core::encode_ticket(core::test::sample_payload(), core::test::seeded_key(3).secret);
  EXPECT_EQ(choose_reading(ticket, {}, knows), ticket);
}

TEST(ScanQwertz, ScannerBurstOfAnOpaqueCodeCarriesItsOtherReadings) {
  HidScannerInput input;
  auto t = HidScannerInput::Clock::now();
  for (const char32_t c : from_utf8(type_us_on_german("LIK-2019-004711/A"))) {
    input.on_char(c, t += 2ms);
  }
  const auto outcome = input.on_enter(t += 2ms);
  ASSERT_TRUE(outcome.scan);
  EXPECT_EQ(*outcome.scan, "LIKß2019ß004711-A");
  ASSERT_FALSE(outcome.other_readings.empty());
  EXPECT_EQ(outcome.other_readings.front(), "LIK-2019-004711/A");
}

}  // namespace
}  // namespace einlass::scan
