// Small building blocks: hybrid logical clock, event ids, search folding.
#include <gtest/gtest.h>

#include <set>

#include "kiosk/core/checkin_event.hpp"
#include "kiosk/core/hybrid_logical_clock.hpp"
#include "kiosk/core/search_fold.hpp"
#include "kiosk/core/uuid.hpp"

namespace einlass::core {
namespace {

TEST(HybridLogicalClock, NeverRunsBackwardsWhenTheWallClockDoes) {
  HybridLogicalClock clock;
  const HlcStamp a = clock.tick(10'000);
  const HlcStamp b = clock.tick(9'000);  // NTP stepped the clock back
  const HlcStamp c = clock.tick(10'000);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_EQ(b.wall_ms, 10'000);
}

TEST(HybridLogicalClock, OrdersAfterAnEventSeenFromAFastDevice) {
  HybridLogicalClock clock;
  clock.tick(1'000);
  const HlcStamp remote{3'600'000, 4};  // a kiosk an hour ahead
  const HlcStamp merged = clock.observe(remote, 1'001);
  EXPECT_GT(merged, remote);
  EXPECT_GT(clock.tick(1'002), merged);
}

TEST(Uuid, IsVersion7SortedByTimeAndUnique) {
  std::set<std::string> seen;
  std::string previous;
  for (int64_t ms = 1'568'293'800'000; ms < 1'568'293'800'000 + 500; ++ms) {
    const std::string id = new_uuid_v7(ms);
    EXPECT_TRUE(is_canonical_uuid(id)) << id;
    EXPECT_EQ(id[14], '7');
    EXPECT_TRUE(seen.insert(id).second);
    EXPECT_LT(previous, id);
    previous = id;
  }
  EXPECT_FALSE(is_canonical_uuid("not-a-uuid"));
  EXPECT_FALSE(is_canonical_uuid("0190A1B2-0000-7000-8000-000000000000"));
}

TEST(EventKind, NamesRoundTrip) {
  for (EventKind k : {EventKind::Entry, EventKind::RoomEntry, EventKind::Undo, EventKind::WalkIn})
    EXPECT_EQ(parse_event_kind(event_kind_name(k)), k);
  EXPECT_FALSE(parse_event_kind("delete"));
}

TEST(SearchFold, MatchesTheWaysPeopleTypeGermanNames) {
  EXPECT_EQ(fold_for_search("Müller"), fold_for_search("Mueller"));
  EXPECT_EQ(fold_for_search("Müller"), fold_for_search("muller"));
  EXPECT_EQ(fold_for_search("Strauß"), fold_for_search("STRAUSS"));
  EXPECT_EQ(fold_for_search("Jürgen Weiß"), "jurgen weiss");
  EXPECT_EQ(fold_for_search("Chloé"), "chlo");  // "oe" collapses on both sides alike
  EXPECT_EQ(fold_for_search("Chloé"), fold_for_search("chloe"));
}

}  // namespace
}  // namespace einlass::core
