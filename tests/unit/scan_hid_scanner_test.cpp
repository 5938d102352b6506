// Hardware scanners at the kiosk keyboard: told apart from a person typing by their timing
// (a scanner types ~150 characters 1-5 ms apart and presses Enter; people type 80-300 ms
// apart), whatever has focus, and a burst that is not a complete code is "please scan
// again", never a verdict on the ticket.

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "kiosk/core/ticket_codec.hpp"
#include "kiosk/scan/hid_scanner.hpp"
#include "kiosk/scan/utf8_text.hpp"
#include "ticket_test_support.hpp"

namespace einlass::scan {
namespace {

using namespace std::chrono_literals;
using Clock = HidScannerInput::Clock;

// The kiosk's main loop, as far as keyboard input goes: key events at the times they happen,
// on_idle() once per 60 Hz frame, and what each outcome asks for collected.
class KeyboardSession {
 public:
  std::u32string typed;  // what the focused widget received (Enter as '\n', Tab as '\t')
  std::vector<std::string> scans;
  std::vector<std::vector<std::string>> readings;
  int garbled = 0;

  void wait(std::chrono::milliseconds d) {
    const Clock::time_point until = now_ + d;
    while (next_frame_ <= until) {
      absorb(input_.on_idle(next_frame_));
      next_frame_ += 16ms;
    }
    now_ = until;
  }
  void key(char32_t c, std::chrono::milliseconds after) {
    wait(after);
    absorb(input_.on_char(c, now_));
  }
  void enter(std::chrono::milliseconds after, char32_t which = U'\n') {
    wait(after);
    const auto o = which == U'\t' ? input_.on_tab(now_) : input_.on_enter(now_);
    const bool swallowed = o.scan.has_value() || o.garbled;
    absorb(o);
    if (!swallowed) typed += which;
  }
  // A scanner: characters 1-5 ms apart, then Enter (or nothing, for a scanner without suffix).
  void scanner(const std::string& utf8, bool with_enter = true) {
    std::uniform_int_distribution<int> gap(1, 5);
    for (const char32_t c : from_utf8(utf8))
      key(c, std::chrono::milliseconds(gap(random_)));
    if (with_enter) enter(std::chrono::milliseconds(gap(random_)));
  }
  // A person: 80-300 ms between keys.
  void person(const std::u32string& text) {
    std::uniform_int_distribution<int> gap(80, 300);
    for (const char32_t c : text)
      key(c, std::chrono::milliseconds(gap(random_)));
  }
  std::optional<Clock::time_point> deadline() const { return input_.next_deadline(); }
  Clock::time_point now() const { return now_; }

 private:
  void absorb(const HidScannerInput::Outcome& o) {
    typed += o.typed;
    if (o.scan) {
      scans.push_back(*o.scan);
      readings.push_back(o.other_readings);
    }
    garbled += o.garbled ? 1 : 0;
  }
  HidScannerInput input_;
  Clock::time_point now_ = Clock::time_point{} + 1h;
  Clock::time_point next_frame_ = now_;
  std::mt19937 random_{7};
};

std::string real_ticket(std::uint32_t registration = 4711) {
  auto payload = core::test::sample_payload();
  payload.registration_id = registration;
  return core::encode_ticket(payload, core::test::seeded_key(9).secret);
}

TEST(ScanHidScanner, ScannerBurstIsOneScanAndNothingIsTyped) {
  KeyboardSession s;
  const std::string ticket = real_ticket();
  ASSERT_GE(ticket.size(), 140u);
  s.scanner(ticket);
  s.wait(500ms);
  ASSERT_EQ(s.scans.size(), 1u);
  EXPECT_EQ(s.scans[0], ticket);
  EXPECT_TRUE(s.readings[0].empty());  // a ticket needs no other reading
  EXPECT_EQ(s.typed, U"");
  EXPECT_EQ(s.garbled, 0);
}

TEST(ScanHidScanner, PersonTypingReachesTheFocusedFieldInOrder) {
  KeyboardSession s;
  s.person(U"Müller, Anna");
  s.enter(150ms);
  s.wait(500ms);
  EXPECT_EQ(s.typed, U"Müller, Anna\n");
  EXPECT_TRUE(s.scans.empty());
  EXPECT_EQ(s.garbled, 0);
}

TEST(ScanHidScanner, FastTypistRollingKeysOverIsStillAPerson) {
  KeyboardSession s;
  // Two or three keys pressed almost together, then a normal pause: "the" "se" "rv" ...
  for (const std::u32string chunk : {U"the", U" s", U"erv", U"ice"}) {
    s.key(chunk[0], 120ms);
    for (std::size_t i = 1; i < chunk.size(); ++i)
      s.key(chunk[i], 6ms);
  }
  s.wait(300ms);
  EXPECT_EQ(s.typed, U"the service");
  EXPECT_TRUE(s.scans.empty());
}

TEST(ScanHidScanner, ScanInTheMiddleOfTypingIsNotSwallowedByTheField) {
  KeyboardSession s;
  const std::string ticket = real_ticket();
  s.person(U"Mü");
  s.wait(200ms);  // staff scan someone while searching for a name
  s.scanner(ticket);
  s.person(U"ller");
  s.wait(500ms);
  EXPECT_EQ(s.typed, U"Müller");
  ASSERT_EQ(s.scans.size(), 1u);
  EXPECT_EQ(s.scans[0], ticket);
}

TEST(ScanHidScanner, KeyHeldDownIsTyping) {
  KeyboardSession s;
  s.key(U'a', 100ms);
  for (int i = 0; i < 12; ++i)
    s.key(U'a', 15ms);  // a fast auto-repeat
  s.wait(300ms);
  EXPECT_EQ(s.typed, std::u32string(13, U'a'));
  EXPECT_TRUE(s.scans.empty());
  EXPECT_EQ(s.garbled, 0);
}

TEST(ScanHidScanner, PersonPressingEnterIsLeftToTheCaller) {
  HidScannerInput input;
  const auto o = input.on_enter(Clock::now());
  EXPECT_FALSE(o.scan);
  EXPECT_FALSE(o.garbled);
  EXPECT_TRUE(o.typed.empty());
}

TEST(ScanHidScanner, BurstThatBreaksOffIsPleaseScanAgain) {
  KeyboardSession s;
  s.scanner(real_ticket().substr(0, 60), false);
  s.wait(500ms);
  EXPECT_EQ(s.garbled, 1);
  EXPECT_TRUE(s.scans.empty());
  EXPECT_EQ(s.typed, U"");  // none of it leaks into a text field
}

TEST(ScanHidScanner, TicketWithACharacterLostIsPleaseScanAgainNotAnInvalidTicket) {
  KeyboardSession s;
  std::string ticket = real_ticket();
  ticket.erase(70, 1);
  s.scanner(ticket);
  std::string doubled = real_ticket(4712);
  doubled.insert(80, 1, doubled[80]);
  s.scanner(doubled);
  s.wait(500ms);
  EXPECT_EQ(s.garbled, 2);
  EXPECT_TRUE(s.scans.empty());
}

TEST(ScanHidScanner, ControlCharactersInABurstArePleaseScanAgain) {
  KeyboardSession s;
  s.scanner(std::string("LIK-2019\x01") + "004711");
  s.wait(500ms);
  EXPECT_EQ(s.garbled, 1);
  EXPECT_TRUE(s.scans.empty());
}

TEST(ScanHidScanner, TicketFromAScannerWithoutEnterSuffixIsRead) {
  KeyboardSession s;
  const std::string ticket = real_ticket();
  s.scanner(ticket, false);
  s.wait(500ms);
  ASSERT_EQ(s.scans.size(), 1u);
  EXPECT_EQ(s.scans[0], ticket);
  // Another system's code without a suffix cannot be known to be complete.
  s.scanner("LIK-2019-004711", false);
  s.wait(500ms);
  EXPECT_EQ(s.scans.size(), 1u);
  EXPECT_EQ(s.garbled, 1);
}

TEST(ScanHidScanner, TabEndsABurstLikeEnter) {
  KeyboardSession s;
  for (const char32_t c : from_utf8("LIK-2019-004711"))
    s.key(c, 2ms);
  s.enter(2ms, U'\t');
  s.wait(300ms);
  ASSERT_EQ(s.scans.size(), 1u);
  EXPECT_EQ(s.scans[0], "LIK-2019-004711");
  EXPECT_EQ(s.typed, U"");
}

TEST(ScanHidScanner, CapsLockOnTheKioskDoesNotSpoilATicket) {
  KeyboardSession s;
  const std::string ticket = real_ticket();
  std::string lowered = ticket;
  for (char& c : lowered)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  s.scanner(lowered);
  s.wait(300ms);
  ASSERT_EQ(s.scans.size(), 1u);
  EXPECT_EQ(s.scans[0], ticket);
}

TEST(ScanHidScanner, SaysWhenItNeedsToBeCalledAgain) {
  HidScannerInput input;
  EXPECT_FALSE(input.next_deadline());
  const auto t = Clock::now();
  EXPECT_TRUE(input.on_char(U'x', t).typed.empty());  // held back for a moment
  ASSERT_TRUE(input.next_deadline());
  EXPECT_LE(*input.next_deadline(), t + 25ms);
  EXPECT_EQ(input.on_idle(*input.next_deadline()).typed, U"x");
  EXPECT_FALSE(input.next_deadline());
}

}  // namespace
}  // namespace einlass::scan
