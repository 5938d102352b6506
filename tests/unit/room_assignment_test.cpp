#include "kiosk/core/room_assignment.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "event_fixtures.hpp"

namespace einlass::core {
namespace {

using testing::tiny_event;

// Seats per (round, room) implied by an assignment, counted independently of the algorithm.
RoomLoad count_seats(const Event& event, const Venue& venue, const BulkAssignment& result) {
  RoomLoad load;
  for (const auto& rounds : result.round_topics)
    for (size_t r = 0; r < rounds.size(); ++r)
      if (!rounds[r].empty()) load.add(int(r) + 1, room_for(venue, int(r) + 1, rounds[r])->id);
  (void)event;
  return load;
}

void expect_within_capacity(const Event& event, const Venue& venue, const RoomLoad& load) {
  for (const Room& room : venue.rooms)
    for (const Round& round : event.rounds)
      EXPECT_LE(load.taken(round.number, room.id), room.capacity)
          << room.id << " in round " << round.number;
}

TEST(RoomAssignment, PlacesBothChoicesInDifferentRounds) {
  const Event event = testing::bundled_event();
  const Venue& venue = event.venues[0];
  const auto result = assign_rooms_bulk(event, venue, {{"p1", {"HF1", "HF4"}}});
  ASSERT_TRUE(result.not_fully_placed.empty());
  const auto& rounds = result.round_topics[0];
  ASSERT_EQ(rounds.size(), 2u);
  EXPECT_EQ(std::set<std::string>(rounds.begin(), rounds.end()),
            (std::set<std::string>{"HF1", "HF4"}));
}

TEST(RoomAssignment, TheLastFreeSeatIsGivenAndNoMore) {
  // Room A has one seat per round: two people fit (one per round), the third does not.
  const Event event = tiny_event(1, 10, 10);
  const Venue& venue = event.venues[0];
  const auto result =
      assign_rooms_bulk(event, venue, {{"p1", {"A"}}, {"p2", {"A"}}, {"p3", {"A"}}});
  EXPECT_EQ(result.round_topics[0], (std::vector<std::string>{"A", ""}));
  EXPECT_EQ(result.round_topics[1], (std::vector<std::string>{"", "A"}));
  EXPECT_EQ(result.round_topics[2], (std::vector<std::string>{"", ""}));
  EXPECT_EQ(result.not_fully_placed, (std::vector<size_t>{2}));
  expect_within_capacity(event, venue, count_seats(event, venue, result));
}

TEST(RoomAssignment, SwapsRoundOrderToMakeRoomWhenNeeded) {
  // A and B have one seat per round. p1 {A,B} and p2 {B,A}: only A1+B2 / B1+A2 works for both.
  const Event event = tiny_event(1, 1, 10);
  const Venue& venue = event.venues[0];
  const auto result = assign_rooms_bulk(event, venue, {{"p1", {"A", "B"}}, {"p2", {"A", "B"}}});
  EXPECT_TRUE(result.not_fully_placed.empty());
  EXPECT_NE(result.round_topics[0], result.round_topics[1]);
  expect_within_capacity(event, venue, count_seats(event, venue, result));
}

TEST(RoomAssignment, ARosterThatCannotAllFitIsReportedAndNoRoomOverflows) {
  const Event event = tiny_event(3, 3, 3);
  const Venue& venue = event.venues[0];
  std::vector<AssignmentRequest> requests;
  for (int i = 0; i < 10; ++i)
    requests.push_back({"p" + std::to_string(i), {"A", "B"}});
  const auto result = assign_rooms_bulk(event, venue, requests);
  // A and B have 6 seats each over both rounds: 6 people get both, 4 do not.
  EXPECT_EQ(result.not_fully_placed.size(), 4u);
  expect_within_capacity(event, venue, count_seats(event, venue, result));
}

TEST(RoomAssignment, RandomRostersNeverOverflowAndOnlyPlaceChosenTopics) {
  std::mt19937 rng(20190912);
  for (int trial = 0; trial < 200; ++trial) {
    const Event event = tiny_event(1 + int(rng() % 6), 1 + int(rng() % 6), 1 + int(rng() % 6));
    const Venue& venue = event.venues[0];
    std::vector<AssignmentRequest> requests;
    const int people = int(rng() % 25);
    const std::vector<std::string> topics{"A", "B", "C"};
    for (int i = 0; i < people; ++i) {
      std::vector<std::string> chosen = topics;
      std::shuffle(chosen.begin(), chosen.end(), rng);
      chosen.resize(rng() % 3);
      requests.push_back({"p" + std::to_string(i), chosen});
    }
    const auto result = assign_rooms_bulk(event, venue, requests);
    expect_within_capacity(event, venue, count_seats(event, venue, result));
    for (size_t i = 0; i < requests.size(); ++i) {
      std::set<std::string> placed;
      for (const auto& t : result.round_topics[i]) {
        if (t.empty()) continue;
        EXPECT_TRUE(placed.insert(t).second) << "topic placed twice for person " << i;
        EXPECT_NE(std::find(requests[i].chosen_topics.begin(), requests[i].chosen_topics.end(), t),
                  requests[i].chosen_topics.end());
      }
      const bool complete = placed.size() == requests[i].chosen_topics.size();
      const bool reported =
          std::find(result.not_fully_placed.begin(), result.not_fully_placed.end(), i) !=
          result.not_fully_placed.end();
      EXPECT_EQ(complete, !reported) << "trial " << trial << " person " << i;
    }
  }
}

TEST(RoomAssignment, IsDeterministic) {
  const Event event = testing::bundled_event();
  std::vector<AssignmentRequest> requests;
  for (int i = 0; i < 300; ++i) {
    requests.push_back(
        {"p" + std::to_string(i),
         {"HF" + std::to_string(1 + i % 8), "HF" + std::to_string(1 + (i * 3 + 1) % 8)}});
    if (requests.back().chosen_topics[0] == requests.back().chosen_topics[1])
      requests.back().chosen_topics.pop_back();
  }
  const auto first = assign_rooms_bulk(event, event.venues[1], requests);
  const auto second = assign_rooms_bulk(event, event.venues[1], requests);
  EXPECT_EQ(first.round_topics, second.round_topics);
  EXPECT_EQ(first.not_fully_placed, second.not_fully_placed);
}

TEST(KioskAssignment, KeepsTicketRoomsAndFillsTheOpenRoundWithTheLeastFullRoom) {
  const Event event = tiny_event(10, 10, 10);
  const Venue& venue = event.venues[0];
  RoomLoad load;
  load.add(2, "room-B", 8);
  load.add(2, "room-C", 2);
  const auto placed = assign_at_kiosk(event, venue, {"A", ""}, {}, load);
  EXPECT_EQ(placed.room_ids, (std::vector<std::string>{"room-A", "room-C"}));
  EXPECT_EQ(placed.assigned_here, (std::vector<bool>{false, true}));
  EXPECT_FALSE(placed.needs_staff);
}

TEST(KioskAssignment, WalkInGetsTheChosenTopicWhereItStillHasASeat) {
  const Event event = tiny_event(2, 10, 10);
  const Venue& venue = event.venues[0];
  RoomLoad load;
  load.add(1, "room-A", 2);  // A is full in round 1, free in round 2
  const auto placed = assign_at_kiosk(event, venue, {"", ""}, {"A"}, load);
  EXPECT_EQ(placed.topic_ids[1], "A");
  EXPECT_FALSE(placed.topic_ids[0].empty());
  EXPECT_NE(placed.topic_ids[0], "A");
  EXPECT_FALSE(placed.needs_staff);
}

TEST(KioskAssignment, WhenNothingFitsStaffDecide) {
  const Event event = tiny_event(1, 1, 1);
  const Venue& venue = event.venues[0];
  RoomLoad load;
  for (const char* room : {"room-A", "room-B", "room-C"}) {
    load.add(1, room);
    load.add(2, room);
  }
  const auto placed = assign_at_kiosk(event, venue, {"", ""}, {"A", "B"}, load);
  EXPECT_TRUE(placed.needs_staff);
  EXPECT_EQ(placed.room_ids, (std::vector<std::string>{"", ""}));
}

}  // namespace
}  // namespace einlass::core
