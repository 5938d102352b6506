#include "kiosk/ui/kiosk_session.hpp"

#include <algorithm>
#include <utility>

#include "kiosk/core/agenda_changes.hpp"
#include "kiosk/core/door_round.hpp"
#include "kiosk/store/checkin_undo.hpp"
#include "kiosk/store/local_settings.hpp"
#include "kiosk/store/sync_state.hpp"
#include "sync/client/enrolment.hpp"

namespace einlass::ui {

namespace {

constexpr std::string_view kDoorRoomSetting = "door_room";

int64_t unix_ms(core::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

}  // namespace

std::string_view screen_name(Screen screen) {
  switch (screen) {
    case Screen::Welcome:
      return "welcome";
    case Screen::Result:
      return "result";
    case Screen::Problem:
      return "problem";
    case Screen::Pin:
      return "pin";
    case Screen::Staff:
      return "staff";
  }
  return "welcome";
}

std::string_view notice_name(Notice notice) {
  switch (notice) {
    case Notice::None:
      return "none";
    case Notice::EnrolmentStarted:
      return "enrolment_started";
    case Notice::EnrolmentCode:
      return "enrolment_code";
    case Notice::OutOfService:
      return "out_of_service";
  }
  return "none";
}

std::string_view staff_tab_name(StaffTab tab) {
  switch (tab) {
    case StaffTab::WalkIn:
      return "walk_in";
    case StaffTab::Search:
      return "search";
    case StaffTab::Undo:
      return "undo";
    case StaffTab::Counts:
      return "counts";
    case StaffTab::Status:
      return "status";
    case StaffTab::Door:
      return "door";
  }
  return "walk_in";
}

KioskSession::KioskSession(app::KioskSetup& setup, store::KioskStore& store,
                           SessionSettings settings, std::size_t default_language)
    : setup_(setup),
      store_(store),
      settings_(settings),
      staff_pin_(store),
      configured_day_(setup.event.venues[setup.venue_index].days[setup.day_index]),
      language_(default_language),
      default_language_(default_language) {
  pin_is_set_ = staff_pin_.is_set();
  out_of_service_ = store::is_revoked(store_);
  read_door_room();
  agenda_changed();
}

void KioskSession::read_door_room() {
  // Room-door mode: --room (the kiosk's configuration) wins over what staff chose earlier.
  door_room_ = setup_.door_room;
  if (door_room_.empty()) {
    const auto chosen = store::LocalSettings(store_).get(kDoorRoomSetting).value_or("");
    for (const auto& room : venue().rooms)
      if (room.id == chosen) door_room_ = chosen;
  }
}

void KioskSession::rebuild_recorder() {
  door_count_.reset();  // the agenda, the door or other kiosks' events changed
  setup_.door_room = door_room_;
  recorder_ = std::make_unique<store::CheckinRecorder>(store_, setup_.setting());
}

void KioskSession::agenda_changed() {
  const core::Venue& v = venue();
  core::Day running = configured_day_;
  const auto changes = store::agenda_changes_for(store_, v.id, configured_day_.date);
  if (!changes.empty()) {
    core::Day changed = core::apply_agenda_changes(configured_day_, v.id, changes);
    // A change that would break the agenda is ignored here; the server refuses those anyway.
    if (!core::check_changed_day(changed)) running = std::move(changed);
  }
  setup_.event.venues[setup_.venue_index].days[setup_.day_index] = std::move(running);
  rebuild_recorder();
}

void KioskSession::reconfigure(const Now& now) {
  configured_day_ = setup_.event.venues[setup_.venue_index].days[setup_.day_index];
  out_of_service_ = store::is_revoked(store_);
  // What staff looked at belonged to the old venue's roster and rooms.
  search_rows_.clear();
  search_query_.clear();
  search_field_.clear();
  undo_ = UndoView{};
  walk_in_.topics.clear();
  typed_code_.clear();
  read_door_room();
  agenda_changed();  // rebuilds the recorder on the new setup
  refresh_counts(now);
  if (screen_ == Screen::Result || screen_ == Screen::Problem) back_to_start(now);
}

// --- participant side

void KioskSession::show(core::Decision decision, const Now& now, bool by_staff) {
  door_count_.reset();  // every decision shown may have written an event
  outcome_ = Outcome{};
  outcome_.decision = std::move(decision);
  outcome_.door_room = door_room_;
  outcome_.by_staff = by_staff;
  outcome_.shown_at = now.steady;
  const bool good = outcome_.decision.admitted();
  outcome_.until = now.steady + (good ? settings_.result_time : settings_.problem_time);
  screen_ = good ? Screen::Result : Screen::Problem;
  typed_code_.clear();
}

void KioskSession::show_notice(Notice notice, const Now& now) {
  outcome_ = Outcome{};
  outcome_.notice = notice;
  outcome_.door_room = door_room_;
  outcome_.shown_at = now.steady;
  outcome_.until = now.steady + settings_.problem_time;
  screen_ = Screen::Problem;
  typed_code_.clear();
}

void KioskSession::scan(std::string_view code, const Now& now) {
  const std::string text = trimmed(code);
  if (text.empty()) return;
  // A scan always wins: the next person does not wait for the previous result, and a PIN pad
  // left open for staff closes. Staff stay in staff mode (they scanned at the desk).
  if (screen_ == Screen::Pin) pin_ = PinPad{};
  if (staff_) staff_last_input_ = now.steady;
  if (sync::client::parse_enrolment_link(text)) {
    enrolment_code(text, now);
    return;
  }
  // A revoked kiosk records nothing: its events would never reach the server.
  if (out_of_service_) {
    show_notice(Notice::OutOfService, now);
    return;
  }
  show(recorder_->check_in_code(text, now.wall), now, staff_);
}

void KioskSession::enrolment_code(const std::string& text, const Now& now) {
  const bool can_enrol = static_cast<bool>(sources_.start_enrolment);
  if (can_enrol && staff_active(now)) {
    // Staff scanned it at the desk: enrol, and show how it goes in the status tab.
    sources_.start_enrolment(text);
    screen_ = Screen::Staff;
    staff_tab(StaffTab::Status, now);
    return;
  }
  // A kiosk never enrolled may be set up by whoever holds the organiser's one-time code; an
  // enrolled (or revoked) one needs staff, so a participant cannot re-point it.
  const bool never_enrolled = !store::load_enrolment(store_) && !store::is_revoked(store_);
  if (can_enrol && never_enrolled) {
    sources_.start_enrolment(text);
    show_notice(Notice::EnrolmentStarted, now);
    return;
  }
  show_notice(Notice::EnrolmentCode, now);
}

void KioskSession::unreadable_scan(const Now& now) {
  if (screen_ == Screen::Pin || screen_ == Screen::Staff) return;  // staff see their screen
  outcome_ = Outcome{};
  outcome_.unreadable = true;
  outcome_.door_room = door_room_;
  outcome_.shown_at = now.steady;
  outcome_.until = now.steady + settings_.unreadable_time;
  screen_ = Screen::Problem;
}

void KioskSession::choose_language(std::size_t language, const Now& now) {
  language_ = language;
  language_chosen_at_ = now.steady;
  // Someone reading in another language needs the full time again.
  if (screen_ == Screen::Result || screen_ == Screen::Problem) {
    const auto span = outcome_.until - outcome_.shown_at;
    outcome_.shown_at = now.steady;
    outcome_.until = now.steady + span;
  }
  activity(now);
}

void KioskSession::type_code(std::string_view text, const Now& now) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x20 && typed_code_.size() < 400) typed_code_.push_back(c);
  typed_at_ = now.steady;
}

void KioskSession::erase_typed_char() {
  // Whole UTF-8 characters: continuation bytes go with their lead byte.
  while (!typed_code_.empty()) {
    const auto c = static_cast<unsigned char>(typed_code_.back());
    typed_code_.pop_back();
    if ((c & 0xC0) != 0x80) break;
  }
}

void KioskSession::submit_typed_code(const Now& now) {
  const std::string code = typed_code_;
  typed_code_.clear();
  scan(code, now);
  if (screen_ == Screen::Problem) outcome_.typed = true;
}

// --- PIN pad

void KioskSession::open_pin(PinPurpose purpose, const Now& now) {
  pin_ = PinPad{};
  pin_.purpose = purpose;
  pin_.opened_at = now.steady;
  pin_is_set_ = staff_pin_.is_set();
  pin_.last = staff_pin_.state(unix_ms(now.wall));
  screen_ = Screen::Pin;
}

void KioskSession::pin_key(char digit, const Now& now) {
  if (screen_ != Screen::Pin || digit < '0' || digit > '9' || pin_.digits.size() >= 12) return;
  pin_.digits.push_back(digit);
  pin_.opened_at = now.steady;
}

void KioskSession::pin_erase() {
  if (!pin_.digits.empty()) pin_.digits.pop_back();
}

void KioskSession::pin_submit(const Now& now) {
  if (screen_ != Screen::Pin) return;
  pin_.opened_at = now.steady;
  const std::string digits = std::exchange(pin_.digits, std::string());
  pin_.last = staff_pin_.verify(digits, unix_ms(now.wall));
  pin_.attempted = true;
  if (pin_.last.verdict != app::StaffPin::Verdict::Ok) return;
  if (pin_.purpose == PinPurpose::LeaveKiosk) {
    quit_ = true;
    return;
  }
  staff_ = true;
  staff_last_input_ = now.steady;
  tab_ = StaffTab::WalkIn;
  walk_in_ = WalkInForm{};
  search_query_.clear();
  search_field_.clear();
  search_rows_.clear();
  undo_ = UndoView{};
  focus_request_ = true;
  screen_ = Screen::Staff;
}

void KioskSession::pin_cancel(const Now& now) {
  pin_ = PinPad{};
  screen_ = staff_active(now) ? Screen::Staff : Screen::Welcome;
}

// --- staff mode

bool KioskSession::staff_active(const Now& now) const {
  return staff_ && now.steady - staff_last_input_ < settings_.staff_idle;
}

std::optional<Steady> KioskSession::staff_until() const {
  if (!staff_) return std::nullopt;
  return staff_last_input_ + settings_.staff_idle;
}

void KioskSession::staff_tab(StaffTab tab, const Now& now) {
  tab_ = tab;
  focus_request_ = true;
  activity(now);
  if (tab == StaffTab::Undo) {
    undo_.confirming = false;
    undo_.candidate = store::last_undoable_checkin(store_);
    undo_.candidate_name.clear();
    if (undo_.candidate) {
      if (auto person = store_.roster_by_participant(undo_.candidate->participant))
        undo_.candidate_name = person->first_name + " " + person->last_name;
    }
  }
  if (tab == StaffTab::Counts || tab == StaffTab::Status) refresh_counts(now);
}

void KioskSession::leave_staff(const Now& now) {
  staff_ = false;
  walk_in_ = WalkInForm{};
  search_query_.clear();
  search_field_.clear();
  search_rows_.clear();
  back_to_start(now);
}

void KioskSession::submit_walk_in(const Now& now) {
  activity(now);
  WalkInForm& f = walk_in_;
  f.first_name = trimmed(f.first_name);
  f.last_name = trimmed(f.last_name);
  f.organisation = trimmed(f.organisation);
  if (f.first_name.empty() || f.last_name.empty()) {
    f.problem_key = "walk_in.need_name";
    return;
  }
  if (!f.consent) {
    f.problem_key = "walk_in.need_consent";
    return;
  }
  if (out_of_service_) {
    show_notice(Notice::OutOfService, now);
    return;
  }
  core::RosterEntry person;
  person.first_name = f.first_name;
  person.last_name = f.last_name;
  person.organisation = f.organisation;
  person.unplaced_topics = f.topics;
  core::Decision d = recorder_->register_walk_in(std::move(person), now.wall);
  if (d.admitted()) walk_in_ = WalkInForm{};  // the next walk-in starts with an empty form
  show(std::move(d), now, true);
}

void KioskSession::search(const std::string& query) {
  if (query == search_query_) return;
  search_query_ = query;
  search_rows_.clear();
  if (trimmed(query).size() < 2) return;
  for (auto& person : store_.search_roster(query, 12)) {
    const bool in = store_.active_entry(person.participant_id).has_value();
    search_rows_.push_back({std::move(person), in});
  }
}

void KioskSession::check_in_by_hand(const std::string& participant_id, const Now& now) {
  activity(now);
  if (out_of_service_) {
    show_notice(Notice::OutOfService, now);
    return;
  }
  show(recorder_->check_in_participant(participant_id, now.wall), now, true);
  const std::string query = std::exchange(search_query_, std::string());
  search(query);  // the list shows the new state when staff come back to it
}

void KioskSession::ask_undo() {
  if (undo_.candidate) undo_.confirming = true;
}

void KioskSession::confirm_undo(const Now& now) {
  activity(now);
  if (!undo_.candidate || !undo_.confirming) return;
  const auto undone = store::undo_checkin(store_, undo_.candidate->uuid, unix_ms(now.wall));
  door_count_.reset();
  const std::string name = undo_.candidate_name;
  staff_tab(StaffTab::Undo, now);  // shows the next candidate
  if (undone) {
    undo_.done_name = name;
    undo_.done_at = now.wall;
  }
}

void KioskSession::set_door_room(const std::string& room_id, const Now& now) {
  activity(now);
  door_room_ = room_id;
  store::LocalSettings settings(store_);
  if (room_id.empty()) {
    settings.erase(kDoorRoomSetting);
  } else {
    settings.set(kDoorRoomSetting, room_id);
  }
  rebuild_recorder();
}

void KioskSession::refresh_counts(const Now& now) {
  counts_.totals = store_.counts();
  counts_.rooms = store::room_counts(store_);
  counts_.registered = store_.registered_topic_seats();
  counts_.rejected.clear();
  for (const store::RejectedEvent& r : store::rejected_events(store_)) {
    RejectedView v;
    v.who = r.event.participant;
    if (auto person = store_.roster_by_participant(r.event.participant))
      v.who = person->first_name + " " + person->last_name;
    v.at = core::TimePoint(std::chrono::milliseconds(r.event.wall_ms));
    v.reason = r.reason;
    counts_.rejected.push_back(std::move(v));
  }
  counts_.refreshed_at = now.steady;
}

int KioskSession::door_occupancy(const Now& now) {
  // The round the door admits now or next, as the door screen and the rules see it.
  const int round =
      core::door_round(day(), clock(), now.wall, setup().setting().door_early_minutes).round();
  if (!round) return 0;
  if (!door_count_ || door_count_->round != round || door_count_->room != door_room_)
    door_count_ = DoorCount{round, door_room_, store_.room_occupancy(round, door_room_)};
  return door_count_->taken;
}

void KioskSession::request_exit(const Now& now) {
  if (staff_active(now)) {
    quit_ = true;
    return;
  }
  open_pin(PinPurpose::LeaveKiosk, now);
}

// --- time

void KioskSession::activity(const Now& now) {
  if (staff_active(now)) staff_last_input_ = now.steady;
  if (screen_ == Screen::Pin) pin_.opened_at = now.steady;
}

void KioskSession::back_to_start(const Now& now) {
  screen_ = staff_active(now) ? Screen::Staff : Screen::Welcome;
  if (screen_ == Screen::Welcome) {
    staff_ = false;
    language_ = default_language_;  // the next person starts in the default language
  }
  outcome_ = Outcome{};
}

void KioskSession::tick(const Now& now) {
  switch (screen_) {
    case Screen::Result:
    case Screen::Problem:
      if (now.steady >= outcome_.until) back_to_start(now);
      break;
    case Screen::Pin:
      if (now.steady - pin_.opened_at >= settings_.pin_idle) pin_cancel(now);
      break;
    case Screen::Staff:
      if (!staff_active(now)) leave_staff(now);
      break;
    case Screen::Welcome:
      if (language_ != default_language_ &&
          now.steady - language_chosen_at_ >= settings_.language_idle)
        language_ = default_language_;
      if (!typed_code_.empty() && now.steady - typed_at_ >= settings_.typed_code_idle)
        typed_code_.clear();
      break;
  }
  if (staff_ && screen_ != Screen::Staff && !staff_active(now) && screen_ != Screen::Result &&
      screen_ != Screen::Problem)
    staff_ = false;
}

std::optional<Steady> KioskSession::next_deadline() const {
  switch (screen_) {
    case Screen::Result:
    case Screen::Problem:
      return outcome_.until;
    case Screen::Pin:
      return pin_.opened_at + settings_.pin_idle;
    case Screen::Staff:
      return staff_last_input_ + settings_.staff_idle;
    case Screen::Welcome: {
      std::optional<Steady> next;
      if (language_ != default_language_) next = language_chosen_at_ + settings_.language_idle;
      if (!typed_code_.empty()) {
        const Steady t = typed_at_ + settings_.typed_code_idle;
        next = next ? std::min(*next, t) : t;
      }
      return next;
    }
  }
  return std::nullopt;
}

}  // namespace einlass::ui
