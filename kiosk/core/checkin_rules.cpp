#include "kiosk/core/checkin_rules.hpp"

#include <array>
#include <utility>

#include "kiosk/core/door_round.hpp"
#include "kiosk/core/room_assignment.hpp"
#include "kiosk/core/ticket_codec.hpp"

namespace einlass::core {

namespace {

// Who the code or the staff pick refers to, and what their registration says, before any rule
// about place and time is applied.
struct Identity {
  std::string participant_id;
  std::optional<RosterEntry> roster;
  size_t venue_index = 0;
  std::optional<size_t> day_index;        // nullopt = every day of the venue
  std::vector<std::string> round_topics;  // per round, "" = open
  std::vector<std::string> unplaced_topics;
  bool replaced = false;  // a newer ticket for the same registration exists
};

std::vector<std::string> topics_from_ticket(const Event& event, const TicketPayload& payload) {
  std::vector<std::string> out(event.rounds.size());
  for (size_t r = 0; r < payload.round_topics.size() && r < out.size(); ++r) {
    if (const Topic* t = find_topic_by_number(event, payload.round_topics[r])) out[r] = t->id;
  }
  return out;
}

Identity identity_from_roster(const Event& event, RosterEntry entry) {
  Identity id;
  id.participant_id = entry.participant_id;
  if (auto v = venue_index(event, entry.venue)) id.venue_index = *v;
  if (!entry.day.empty()) id.day_index = day_index(event.venues[id.venue_index], entry.day);
  id.round_topics = entry.round_topics;
  id.round_topics.resize(event.rounds.size());
  id.unplaced_topics = entry.unplaced_topics;
  id.roster = std::move(entry);
  return id;
}

Decision refuse(DecisionKind kind) {
  Decision d;
  d.kind = kind;
  return d;
}

RoundRoom describe_round(const Event& event, const Venue& venue, const Day& day, int round,
                         const std::string& topic_id, const std::string& room_id,
                         bool assigned_here) {
  RoundRoom rr;
  rr.round = round;
  if (const Round* r = find_round(event, round)) rr.round_name = r->name;
  if (const AgendaItem* item = agenda_item_for_round(day, round)) {
    rr.start = item->start;
    rr.end = item->end;
  }
  if (const Topic* t = find_topic(event, topic_id)) {
    rr.topic_id = t->id;
    rr.topic_name = t->name;
    rr.topic_number = t->number;
  }
  for (const Room& room : venue.rooms) {
    if (room.id != room_id) continue;
    rr.room_id = room.id;
    rr.room_name = room.name;
    rr.room_location = room.location;
  }
  rr.assigned_here = assigned_here;
  return rr;
}

// The topic discussed in a room in a round, or "" when the room is not used then.
std::string topic_in_room(const Event& event, const Venue& venue, int round,
                          std::string_view room_id) {
  for (const Topic& t : event.topics) {
    const Room* room = room_for(venue, round, t.id);
    if (room && room->id == room_id) return t.id;
  }
  return {};
}

// The rooms of an earlier entry, shown again to someone already checked in.
std::vector<RoundRoom> rooms_of_entry(const Event& event, const Venue& venue, const Day& day,
                                      const CheckinEvent& entry) {
  std::vector<RoundRoom> out;
  for (size_t r = 0; r < entry.rooms.size(); ++r) {
    const int round = static_cast<int>(r) + 1;
    out.push_back(describe_round(event, venue, day, round,
                                 topic_in_room(event, venue, round, entry.rooms[r]), entry.rooms[r],
                                 false));
  }
  return out;
}

// The rule chain after identification: registration state, place, time, repetition, rooms.
Decision decide(Identity id, const KioskSetting& setting, const AgendaClock& clock,
                const CheckinFacts& facts, TimePoint now) {
  const Event& event = *setting.event;
  const Venue& venue = event.venues[setting.venue_index];
  const Day& day = venue.days[setting.day_index];

  Decision d;
  d.participant_id = id.participant_id;
  if (id.roster) d.first_name = id.roster->first_name;

  if ((id.roster && id.roster->cancelled) || id.replaced) {
    d.kind = DecisionKind::Cancelled;
    d.cancelled_by_replacement = id.replaced && !(id.roster && id.roster->cancelled);
    return d;
  }

  const bool right_venue = id.venue_index == setting.venue_index;
  const bool right_day = !id.day_index || *id.day_index == setting.day_index;
  if (!right_venue || !right_day) {
    const Venue& right = event.venues[id.venue_index];
    d.kind = right_venue ? DecisionKind::WrongDay : DecisionKind::WrongVenue;
    d.right_venue_id = right.id;
    d.right_venue_name = right.name;
    d.right_venue_city = right.city;
    if (id.day_index && *id.day_index < right.days.size()) {
      d.right_date = right.days[*id.day_index].date;
    } else if (!right.days.empty()) {
      d.right_date = right.days.front().date;
    }
    return d;
  }

  d.opens = day.checkin_opens;
  d.closes = day.checkin_closes;
  if (now < clock.to_utc(day, day.checkin_opens)) {
    d.kind = DecisionKind::BeforeOpening;
    return d;
  }
  if (now >= clock.to_utc(day, day.checkin_closes)) {
    d.kind = DecisionKind::AfterClosing;
    return d;
  }

  const std::optional<CheckinEvent> entry = facts.active_entry(id.participant_id);

  if (!setting.door_room_id.empty()) {
    // Room door: the round whose admission is open (door_round, shared with the door screen).
    const int round = door_round(day, clock, now, setting.door_early_minutes).admitting_round();
    if (round == 0) return refuse(DecisionKind::NoRoundRunning);
    d.round = round;
    std::string my_room;
    if (entry && static_cast<size_t>(round) <= entry->rooms.size()) {
      my_room = entry->rooms[round - 1];
    } else if (!id.round_topics[round - 1].empty()) {
      if (const Room* room = room_for(venue, round, id.round_topics[round - 1])) my_room = room->id;
    }
    const Room* door = nullptr;
    for (const Room& room : venue.rooms)
      if (room.id == setting.door_room_id) door = &room;
    d.capacity = door ? door->capacity : 0;
    d.occupancy = facts.room_occupancy(round, setting.door_room_id);
    const std::string door_topic = topic_in_room(event, venue, round, setting.door_room_id);
    if (!my_room.empty() && my_room != setting.door_room_id) {
      d.kind = DecisionKind::NotForThisRoom;
      d.rooms.push_back(describe_round(
          event, venue, day, round, topic_in_room(event, venue, round, my_room), my_room, false));
      return d;
    }
    d.rooms.push_back(describe_round(event, venue, day, round, door_topic, setting.door_room_id,
                                     my_room.empty()));
    if (auto earlier = facts.active_room_entry(id.participant_id, round, setting.door_room_id)) {
      d.kind = DecisionKind::AlreadyCheckedIn;
      d.earlier_wall_ms = earlier->wall_ms;
      d.earlier_device = earlier->device;
      return d;
    }
    if (d.occupancy >= d.capacity) {
      d.kind = DecisionKind::RoomFull;
      return d;
    }
    d.kind = DecisionKind::Admitted;
    ++d.occupancy;
    CheckinEvent e;
    e.kind = EventKind::RoomEntry;
    e.participant = id.participant_id;
    e.venue = venue.id;
    e.day = day.date;
    e.round = round;
    e.room = setting.door_room_id;
    d.event_to_record = std::move(e);
    return d;
  }

  if (entry) {
    d.kind = DecisionKind::AlreadyCheckedIn;
    d.earlier_wall_ms = entry->wall_ms;
    d.earlier_device = entry->device;
    d.rooms = rooms_of_entry(event, venue, day, *entry);
    return d;
  }

  // Rooms: those on the ticket or in the roster; the kiosk chooses the open ones.
  const bool has_open_round = [&] {
    for (const auto& t : id.round_topics)
      if (t.empty()) return true;
    return false;
  }();
  const RoomLoad load = has_open_round ? facts.room_load() : RoomLoad{};
  const KioskAssignment placed =
      assign_at_kiosk(event, venue, id.round_topics, id.unplaced_topics, load);

  d.kind = DecisionKind::Admitted;
  d.needs_staff = placed.needs_staff;
  CheckinEvent e;
  e.kind = EventKind::Entry;
  e.participant = id.participant_id;
  e.venue = venue.id;
  e.day = day.date;
  e.rooms = placed.room_ids;
  e.rooms_assigned_here = placed.assigned_here;
  for (size_t r = 0; r < placed.room_ids.size(); ++r) {
    d.rooms.push_back(describe_round(event, venue, day, static_cast<int>(r) + 1,
                                     placed.topic_ids[r], placed.room_ids[r],
                                     placed.assigned_here[r]));
  }
  d.event_to_record = std::move(e);
  return d;
}

}  // namespace

std::string_view decision_name(DecisionKind kind) {
  static constexpr std::array<std::pair<DecisionKind, std::string_view>, 12> kNames{{
      {DecisionKind::Admitted, "admitted"},
      {DecisionKind::AlreadyCheckedIn, "already_checked_in"},
      {DecisionKind::WrongVenue, "wrong_venue"},
      {DecisionKind::WrongDay, "wrong_day"},
      {DecisionKind::BeforeOpening, "before_opening"},
      {DecisionKind::AfterClosing, "after_closing"},
      {DecisionKind::Cancelled, "cancelled"},
      {DecisionKind::UnknownCode, "unknown_code"},
      {DecisionKind::InvalidCode, "invalid_code"},
      {DecisionKind::RoomFull, "room_full"},
      {DecisionKind::NotForThisRoom, "not_for_this_room"},
      {DecisionKind::NoRoundRunning, "no_round_running"},
  }};
  for (const auto& [k, name] : kNames)
    if (k == kind) return name;
  return "unknown";
}

Decision decide_for_code(std::string_view code, const KioskSetting& setting,
                         const AgendaClock& clock, const CheckinFacts& facts, TimePoint now) {
  const Event& event = *setting.event;
  if (!looks_like_signed_ticket(code)) {
    // Opaque codes printed by another registration system are looked up in the roster.
    auto entry = facts.roster_by_code(code);
    if (!entry) return refuse(DecisionKind::UnknownCode);
    return decide(identity_from_roster(event, std::move(*entry)), setting, clock, facts, now);
  }

  const int64_t now_unix =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const VerifiedTicket verified =
      verify_ticket(code, *setting.keyring, setting.event_tag, now_unix);
  if (verified.verdict != TicketVerdict::Valid) {
    Decision d = refuse(DecisionKind::InvalidCode);
    d.ticket_verdict = verified.verdict;
    return d;
  }
  const TicketPayload& ticket = *verified.payload;
  if (ticket.venue_index >= event.venues.size()) {
    // Signed by our key for this event, but naming a venue this config does not have: the
    // config was reordered after issuing. Treat as invalid rather than guess.
    Decision d = refuse(DecisionKind::InvalidCode);
    d.ticket_verdict = TicketVerdict::WrongEvent;
    return d;
  }

  Identity id;
  id.participant_id = participant_id_for_registration(ticket.registration_id);
  id.venue_index = ticket.venue_index;
  if (ticket.day_index != kEveryDay) id.day_index = ticket.day_index;
  id.round_topics = topics_from_ticket(event, ticket);
  if (auto entry = facts.roster_by_registration(ticket.registration_id)) {
    id.replaced = entry->ticket_serial > ticket.serial;
    id.unplaced_topics = entry->unplaced_topics;
    id.participant_id = entry->participant_id;
    id.roster = std::move(entry);
  }
  return decide(std::move(id), setting, clock, facts, now);
}

Decision decide_for_participant(std::string_view participant_id, const KioskSetting& setting,
                                const AgendaClock& clock, const CheckinFacts& facts,
                                TimePoint now) {
  auto entry = facts.roster_by_participant(participant_id);
  if (!entry) return refuse(DecisionKind::UnknownCode);
  return decide(identity_from_roster(*setting.event, std::move(*entry)), setting, clock, facts,
                now);
}

}  // namespace einlass::core
