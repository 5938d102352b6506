#include "kiosk/core/room_assignment.hpp"

#include <algorithm>
#include <numeric>
#include <optional>

namespace einlass::core {

namespace {

// One way of placing a person's topics: the round (1-based) each topic goes to.
struct Placement {
  std::vector<int> rounds;  // parallel to the topics placed
};

struct Slot {
  int round;
  const Room* room;
};

int round_count(const Event& event) {
  return static_cast<int>(event.rounds.size());
}

std::optional<Slot> slot_for(const Venue& venue, int round, const std::string& topic) {
  const Room* room = room_for(venue, round, topic);
  if (room == nullptr) return std::nullopt;
  return Slot{round, room};
}

// Every injective mapping of `topics` onto rounds not in `taken_rounds` where the venue offers
// the topic, in a fixed (deterministic) enumeration order.
void enumerate_placements(const Event& event, const Venue& venue,
                          const std::vector<std::string>& topics, std::vector<bool>& round_used,
                          Placement& current, std::vector<Placement>& out) {
  const size_t next = current.rounds.size();
  if (next == topics.size()) {
    out.push_back(current);
    return;
  }
  for (int round = 1; round <= round_count(event); ++round) {
    if (round_used[round - 1] || !slot_for(venue, round, topics[next])) continue;
    round_used[round - 1] = true;
    current.rounds.push_back(round);
    enumerate_placements(event, venue, topics, round_used, current, out);
    current.rounds.pop_back();
    round_used[round - 1] = false;
  }
}

std::vector<Placement> all_placements(const Event& event, const Venue& venue,
                                      const std::vector<std::string>& topics,
                                      std::vector<bool> round_used) {
  std::vector<Placement> out;
  Placement current;
  enumerate_placements(event, venue, topics, round_used, current, out);
  return out;
}

bool fits(const Venue& venue, const std::vector<std::string>& topics, const Placement& p,
          const RoomLoad& load) {
  for (size_t i = 0; i < topics.size(); ++i) {
    const Slot s = *slot_for(venue, p.rounds[i], topics[i]);
    if (load.taken(s.round, s.room->id) + 1 > s.room->capacity) return false;
  }
  return true;
}

// Lower is better: the fullest room this placement would leave, then the sum of fill ratios,
// so people spread over rooms instead of filling the first ones.
std::pair<double, double> crowding(const Venue& venue, const std::vector<std::string>& topics,
                                   const Placement& p, const RoomLoad& load) {
  double worst = 0, sum = 0;
  for (size_t i = 0; i < topics.size(); ++i) {
    const Slot s = *slot_for(venue, p.rounds[i], topics[i]);
    const double fill = double(load.taken(s.round, s.room->id) + 1) / s.room->capacity;
    worst = std::max(worst, fill);
    sum += fill;
  }
  return {worst, sum};
}

std::optional<Placement> best_fitting(const Venue& venue, const std::vector<std::string>& topics,
                                      const std::vector<Placement>& options, const RoomLoad& load) {
  std::optional<Placement> best;
  std::pair<double, double> best_score{};
  for (const Placement& p : options) {
    if (!fits(venue, topics, p, load)) continue;
    const auto score = crowding(venue, topics, p, load);
    if (!best || score < best_score) {
      best = p;
      best_score = score;
    }
  }
  return best;
}

void apply(const Venue& venue, const std::vector<std::string>& topics, const Placement& p,
           RoomLoad& load, int seats) {
  for (size_t i = 0; i < topics.size(); ++i) {
    const Slot s = *slot_for(venue, p.rounds[i], topics[i]);
    load.add(s.round, s.room->id, seats);
  }
}

std::vector<std::string> as_round_topics(const Event& event, const std::vector<std::string>& topics,
                                         const Placement& p) {
  std::vector<std::string> out(event.rounds.size());
  for (size_t i = 0; i < topics.size(); ++i)
    out[p.rounds[i] - 1] = topics[i];
  return out;
}

// Places as many of `topics` as fit, in order of preference, each in the least-full round
// still free for this person. Used only when the whole choice cannot be placed.
Placement place_partially(const Event& event, const Venue& venue,
                          const std::vector<std::string>& topics, std::vector<bool> round_used,
                          const RoomLoad& load, std::vector<std::string>& placed_topics) {
  Placement out;
  RoomLoad trial = load;
  for (const std::string& topic : topics) {
    const std::vector<std::string> one{topic};
    const auto best =
        best_fitting(venue, one, all_placements(event, venue, one, round_used), trial);
    if (!best) continue;
    round_used[best->rounds[0] - 1] = true;
    apply(venue, one, *best, trial, 1);
    out.rounds.push_back(best->rounds[0]);
    placed_topics.push_back(topic);
  }
  return out;
}

}  // namespace

BulkAssignment assign_rooms_bulk(const Event& event, const Venue& venue,
                                 const std::vector<AssignmentRequest>& requests,
                                 RoomLoad initial_load) {
  BulkAssignment result;
  result.round_topics.assign(requests.size(), std::vector<std::string>(event.rounds.size()));
  result.load = std::move(initial_load);
  RoomLoad& load = result.load;

  // The most constrained people (more topics) first; input order otherwise, for determinism.
  std::vector<size_t> order(requests.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return requests[a].chosen_topics.size() > requests[b].chosen_topics.size();
  });

  const std::vector<bool> no_rounds_used(event.rounds.size(), false);
  std::vector<std::optional<Placement>> placed(requests.size());
  std::vector<std::vector<Placement>> options(requests.size());

  for (size_t idx : order) {
    const auto& topics = requests[idx].chosen_topics;
    options[idx] = all_placements(event, venue, topics, no_rounds_used);
    if (auto best = best_fitting(venue, topics, options[idx], load)) {
      apply(venue, topics, *best, load, 1);
      placed[idx] = *best;
      continue;
    }
    // Repair: someone already placed may swap the order of their rounds to free the seat. A
    // swap only moves seats of a topic between rounds, so it cannot help when one of the
    // topics has no free seat in any round (the common case once a venue is full).
    bool repaired = false;
    const bool swap_can_help = std::all_of(topics.begin(), topics.end(), [&](const auto& t) {
      for (int round = 1; round <= round_count(event); ++round) {
        const auto slot = slot_for(venue, round, t);
        if (slot && load.taken(round, slot->room->id) < slot->room->capacity) return true;
      }
      return false;
    });
    for (size_t other : order) {
      if (!swap_can_help) break;
      if (other == idx) break;  // only people placed before this one
      if (!placed[other]) continue;
      const auto& other_topics = requests[other].chosen_topics;
      apply(venue, other_topics, *placed[other], load, -1);
      if (auto mine = best_fitting(venue, topics, options[idx], load)) {
        apply(venue, topics, *mine, load, 1);
        if (auto theirs = best_fitting(venue, other_topics, options[other], load)) {
          apply(venue, other_topics, *theirs, load, 1);
          placed[other] = *theirs;
          placed[idx] = *mine;
          repaired = true;
          break;
        }
        apply(venue, topics, *mine, load, -1);
      }
      apply(venue, other_topics, *placed[other], load, 1);
    }
    if (repaired) continue;

    std::vector<std::string> placed_topics;
    const Placement partial =
        place_partially(event, venue, topics, no_rounds_used, load, placed_topics);
    apply(venue, placed_topics, partial, load, 1);
    result.round_topics[idx] = as_round_topics(event, placed_topics, partial);
    result.not_fully_placed.push_back(idx);
  }
  for (size_t idx = 0; idx < requests.size(); ++idx) {
    if (placed[idx])
      result.round_topics[idx] = as_round_topics(event, requests[idx].chosen_topics, *placed[idx]);
  }
  std::sort(result.not_fully_placed.begin(), result.not_fully_placed.end());
  return result;
}

KioskAssignment assign_at_kiosk(const Event& event, const Venue& venue,
                                const std::vector<std::string>& fixed_round_topics,
                                const std::vector<std::string>& unplaced_topics,
                                const RoomLoad& load) {
  const size_t rounds = event.rounds.size();
  KioskAssignment out;
  out.topic_ids.assign(rounds, "");
  out.room_ids.assign(rounds, "");
  out.assigned_here.assign(rounds, false);

  std::vector<bool> round_used(rounds, false);
  for (size_t r = 0; r < rounds && r < fixed_round_topics.size(); ++r) {
    const std::string& topic = fixed_round_topics[r];
    if (topic.empty()) continue;
    round_used[r] = true;
    out.topic_ids[r] = topic;
    if (const Room* room = room_for(venue, static_cast<int>(r) + 1, topic))
      out.room_ids[r] = room->id;
  }
  auto has_topic = [&](const std::string& topic) {
    return std::find(out.topic_ids.begin(), out.topic_ids.end(), topic) != out.topic_ids.end();
  };

  // Chosen but not yet placed topics: all together if possible, else as many as fit.
  std::vector<std::string> to_place;
  for (const auto& t : unplaced_topics)
    if (!has_topic(t)) to_place.push_back(t);
  RoomLoad trial = load;
  std::vector<std::string> placed_topics = to_place;
  auto best =
      best_fitting(venue, to_place, all_placements(event, venue, to_place, round_used), trial);
  if (!best) {
    placed_topics.clear();
    best = place_partially(event, venue, to_place, round_used, trial, placed_topics);
  }
  for (size_t i = 0; i < placed_topics.size(); ++i) {
    const int round = best->rounds[i];
    const Room* room = room_for(venue, round, placed_topics[i]);
    out.topic_ids[round - 1] = placed_topics[i];
    out.room_ids[round - 1] = room->id;
    out.assigned_here[round - 1] = true;
    trial.add(round, room->id);
  }

  // Rounds still open: the least-full room with a free seat and a topic not yet theirs.
  for (size_t r = 0; r < rounds; ++r) {
    if (!out.topic_ids[r].empty()) continue;
    const int round = static_cast<int>(r) + 1;
    const Room* best_room = nullptr;
    std::string best_topic;
    double best_fill = 2.0;
    for (const Topic& topic : event.topics) {
      if (has_topic(topic.id)) continue;
      const Room* room = room_for(venue, round, topic.id);
      if (room == nullptr) continue;
      const int taken = trial.taken(round, room->id);
      if (taken >= room->capacity) continue;
      const double fill = double(taken) / room->capacity;
      if (fill < best_fill) {
        best_fill = fill;
        best_room = room;
        best_topic = topic.id;
      }
    }
    if (best_room == nullptr) {
      out.needs_staff = true;
      continue;
    }
    out.topic_ids[r] = best_topic;
    out.room_ids[r] = best_room->id;
    out.assigned_here[r] = true;
    trial.add(round, best_room->id);
  }
  return out;
}

}  // namespace einlass::core
