#include "kiosk/core/ticket_payload.hpp"

#include <gtest/gtest.h>

#include <random>
#include <stdexcept>

#include "tests/unit/ticket_test_support.hpp"

namespace einlass::core {
namespace {

TEST(TicketPayload, LayoutIsFixedSoTicketsAlreadySentStayReadable) {
  TicketPayload p;
  p.key_id = 0x0201;
  p.event_tag = 0x06050403;
  p.venue_index = 7;
  p.day_index = kEveryDay;
  p.registration_id = 0x0C0B0A09;
  p.serial = 13;
  p.round_topics = {4, 0};
  p.not_before = 0x14131211;
  p.not_after = 0x18171615;
  const std::vector<uint8_t> expected = {1,    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 7, 0xFF,
                                         0x09, 0x0A, 0x0B, 0x0C, 13,   2,    4,    0, 0x11,
                                         0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18};
  EXPECT_EQ(serialize_payload(p), expected);
  EXPECT_EQ(parse_payload(expected), p);
}

TEST(TicketPayload, CarriesNoPersonalDataAndStaysSmall) {
  // Ids only: the whole payload of a four-round ticket is 27 bytes, no room for a name.
  TicketPayload p = test::sample_payload();
  p.round_topics = {1, 2, 3, 4};
  EXPECT_EQ(serialize_payload(p).size(), 27u);
}

TEST(TicketPayload, RandomPayloadsComeBackUnchanged) {
  std::mt19937 rng(4711);
  for (int i = 0; i < 5000; ++i) {
    TicketPayload p = test::random_payload(rng);
    p.key_id = test::pick<uint16_t>(rng);
    const std::vector<uint8_t> bytes = serialize_payload(p);
    ASSERT_EQ(bytes.size(), kTicketPayloadFixedSize + p.round_topics.size());
    ASSERT_EQ(parse_payload(bytes), p) << "case " << i;
  }
}

TEST(TicketPayload, IssuerMistakesAreRefusedInsteadOfSigned) {
  TicketPayload p = test::sample_payload();
  p.round_topics = {1, 2, 3, 4, 5};
  EXPECT_THROW(serialize_payload(p), std::invalid_argument);

  p = test::sample_payload();
  p.not_after = p.not_before;  // a ticket that is never valid
  EXPECT_THROW(serialize_payload(p), std::invalid_argument);

  p = test::sample_payload();
  p.not_after = int64_t{UINT32_MAX} + 1;  // would wrap to 1970 when stored
  EXPECT_THROW(serialize_payload(p), std::invalid_argument);

  p = test::sample_payload();
  p.not_before = -1;
  EXPECT_THROW(serialize_payload(p), std::invalid_argument);

  p = test::sample_payload();
  p.format = 2;
  EXPECT_THROW(serialize_payload(p), std::invalid_argument);
}

TEST(TicketPayload, MalformedBytesAreRejected) {
  const std::vector<uint8_t> good = serialize_payload(test::sample_payload());
  ASSERT_TRUE(parse_payload(good).has_value());

  std::vector<uint8_t> bytes = good;
  bytes.pop_back();
  EXPECT_FALSE(parse_payload(bytes).has_value()) << "one byte short";
  bytes = good;
  bytes.push_back(0);
  EXPECT_FALSE(parse_payload(bytes).has_value()) << "one byte extra";
  bytes = good;
  bytes[0] = 2;
  EXPECT_FALSE(parse_payload(bytes).has_value()) << "unknown format";
  bytes = good;
  bytes[14] = 3;
  EXPECT_FALSE(parse_payload(bytes).has_value()) << "round count disagrees with length";
  EXPECT_FALSE(parse_payload(std::vector<uint8_t>{}).has_value());

  TicketPayload p = test::sample_payload();
  bytes = serialize_payload(p);
  std::swap_ranges(bytes.end() - 8, bytes.end() - 4, bytes.end() - 4);  // window reversed
  EXPECT_FALSE(parse_payload(bytes).has_value()) << "not_before after not_after";
}

}  // namespace
}  // namespace einlass::core
