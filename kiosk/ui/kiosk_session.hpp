#pragma once
// The kiosk's state machine, free of drawing: which screen shows, for whom, in which language,
// and for how long. The window feeds it scans, clicks and the time; the screens read it and
// call its actions. Check-ins go through CheckinRecorder, so a result is shown only after its
// COMMIT (principle 2). Testable without a display.

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/app/staff_pin.hpp"
#include "kiosk/core/checkin_decision.hpp"
#include "kiosk/store/checkin_recorder.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "kiosk/store/room_counts.hpp"

namespace einlass::ui {

using Steady = std::chrono::steady_clock::time_point;

struct Now {
  Steady steady;
  core::TimePoint wall;  // the kiosk clock (starts at --now in demos and tests)
};

enum class Screen { Welcome, Result, Problem, Pin, Staff };
enum class PinPurpose { EnterStaff, LeaveKiosk };
enum class StaffTab { WalkIn, Search, Undo, Counts, Status, Door };

std::string_view screen_name(Screen screen);
std::string_view staff_tab_name(StaffTab tab);

struct SessionSettings {
  std::chrono::seconds result_time{8};    // "Willkommen" stays this long
  std::chrono::seconds problem_time{12};  // problems need more reading
  std::chrono::seconds unreadable_time{5};
  std::chrono::seconds staff_idle{120};
  std::chrono::seconds pin_idle{30};       // an abandoned PIN pad closes
  std::chrono::seconds language_idle{45};  // a language chosen without a scan falls back
  std::chrono::seconds typed_code_idle{30};
};

// A problem-screen message that is not a check-in decision (nothing was decided or recorded).
enum class Notice {
  None,
  EnrolmentStarted,  // an enrolment code on a kiosk not yet enrolled: enrolling in background
  EnrolmentCode,     // an enrolment code where it does nothing: not a ticket, calmly refused
  OutOfService,      // the organiser revoked this kiosk: no check-ins here any more
};
std::string_view notice_name(Notice notice);

// What a result or problem screen shows.
struct Outcome {
  core::Decision decision;
  bool unreadable = false;  // a scanner burst that was no code: nothing was decided
  Notice notice = Notice::None;
  bool typed = false;     // the code was typed in by hand (a typo is likely, not a bad ticket)
  std::string door_room;  // room id when decided at a room door
  bool by_staff = false;  // checked in by hand or registered as a walk-in
  Steady shown_at{}, until{};
};

struct WalkInForm {
  std::string first_name, last_name, organisation;
  std::vector<std::string> topics;  // topic ids, at most max_topics_per_participant
  bool consent = false;
  std::string problem_key;  // why the last submit was refused ("" = none)
};

struct PinPad {
  PinPurpose purpose = PinPurpose::EnterStaff;
  std::string digits;
  app::StaffPin::Check last;  // verdict of the last attempt (Ok before any)
  bool attempted = false;
  Steady opened_at{};
};

struct SearchRow {
  core::RosterEntry person;
  bool checked_in = false;
};

struct UndoView {
  std::optional<core::CheckinEvent> candidate;  // the newest undoable check-in here
  std::string candidate_name;
  bool confirming = false;
  std::string done_name;  // set after an undo: "Anna Müller"
  core::TimePoint done_at{};
};

// An event the server refused for good, as staff see it.
struct RejectedView {
  std::string who;  // "Anna Müller", or the participant id when the roster lacks them
  core::TimePoint at;
  std::string reason;  // the server's
};

struct CountsView {
  store::StoreCounts totals;
  std::vector<RejectedView> rejected;
  std::map<std::pair<int, std::string>, store::RoomCount> rooms;
  std::map<std::pair<int, std::string>, int> registered;  // (round, topic) seats held
  Steady refreshed_at{};
};

// Enrolment with the sync server from a scanned enrolment QR code, as the window's background
// worker reports it.
struct EnrolmentProgress {
  enum class State { Idle, Running, Succeeded, Failed };
  State state = State::Idle;
  std::string server;   // the server being enrolled with
  std::string message;  // Succeeded: device and venue; Failed: why (for staff)
};

// Things outside the store the staff status tab shows, asked for only when it is drawn.
struct StatusSources {
  std::function<std::string()> camera;  // e.g. "running", "no_camera", "unavailable"
  // Which camera it is, or why it is unavailable ("cannot open /dev/video0: …"), so staff can
  // fix it without a terminal.
  std::function<std::string()> camera_detail;
  std::function<bool()> scanner_seen;  // a keyboard-wedge scanner burst was seen
  // Starts enrolling in the background with the text of an enrolment QR code; must return at
  // once (never waits on the network). Unset: this kiosk cannot enrol from the screen.
  std::function<void(const std::string& link)> start_enrolment;
  std::function<EnrolmentProgress()> enrolment;
};

class KioskSession {
 public:
  KioskSession(app::KioskSetup& setup, store::KioskStore& store, SessionSettings settings,
               std::size_t default_language);

  // --- participant side
  void scan(std::string_view code, const Now& now);
  void unreadable_scan(const Now& now);
  void choose_language(std::size_t language, const Now& now);
  // Typed on the welcome screen (a person keying in the short code of another system).
  void type_code(std::string_view text, const Now& now);
  void erase_typed_char();
  void submit_typed_code(const Now& now);
  void clear_typed_code() { typed_code_.clear(); }

  // --- PIN pad
  void open_pin(PinPurpose purpose, const Now& now);
  void pin_key(char digit, const Now& now);
  void pin_erase();
  void pin_submit(const Now& now);
  void pin_cancel(const Now& now);

  // --- staff mode
  void staff_tab(StaffTab tab, const Now& now);
  void leave_staff(const Now& now);
  void submit_walk_in(const Now& now);
  void search(const std::string& query);
  void check_in_by_hand(const std::string& participant_id, const Now& now);
  void ask_undo();
  void confirm_undo(const Now& now);
  void cancel_undo() { undo_.confirming = false; }
  void set_door_room(const std::string& room_id, const Now& now);
  void refresh_counts(const Now& now);

  // Escape, window close, Alt+F4: staff may leave at once, everyone else needs the PIN.
  void request_exit(const Now& now);
  void quit() { quit_ = true; }
  bool quit_requested() const { return quit_; }

  // Any input: keeps staff mode and the PIN pad alive.
  void activity(const Now& now);
  // Timeouts: results return to the welcome, staff mode ends, the language falls back.
  void tick(const Now& now);
  // The next moment tick() has something to do, for the loop's sleep.
  std::optional<Steady> next_deadline() const;

  // The event's day changed (agenda changes from the server): rebuild the clock.
  void agenda_changed();
  // The setup was replaced (the kiosk was enrolled from the screen and now runs on the event,
  // keys and venue the server sent): venue, day, door and agenda are read from it anew, and a
  // participant's result or problem screen gives way to the new welcome. Staff stay in staff
  // mode, watching the enrolment's result.
  void reconfigure(const Now& now);

  // The organiser revoked this kiosk (its personal data is wiped): participants are told it is
  // out of service and sent to the help desk; staff mode still opens. Cleared by enrolling
  // again.
  void set_out_of_service(bool out) { out_of_service_ = out; }
  bool out_of_service() const { return out_of_service_; }

  // --- state for the screens
  Screen screen() const { return screen_; }
  std::size_t language() const { return language_; }
  std::size_t default_language() const { return default_language_; }
  const Outcome& outcome() const { return outcome_; }
  const PinPad& pin_pad() const { return pin_; }
  StaffTab tab() const { return tab_; }
  WalkInForm& walk_in() { return walk_in_; }
  const std::vector<SearchRow>& search_results() const { return search_rows_; }
  const std::string& search_query() const { return search_query_; }
  // The text in the search field (edited by the screen; search() runs when it changes).
  std::string& search_field() { return search_field_; }
  // True once after a tab was opened: its first field takes the keyboard.
  bool take_focus_request() { return std::exchange(focus_request_, false); }
  const UndoView& undo() const { return undo_; }
  const CountsView& counts() const { return counts_; }
  const std::string& typed_code() const { return typed_code_; }
  const std::string& door_room() const { return door_room_; }
  bool pin_is_set() const { return pin_is_set_; }
  std::optional<Steady> staff_until() const;

  const app::KioskSetup& setup() const { return setup_; }
  const core::Event& event() const { return setup_.event; }
  const core::Venue& venue() const { return setup_.event.venues[setup_.venue_index]; }
  const core::Day& day() const { return venue().days[setup_.day_index]; }
  const core::AgendaClock& clock() const { return recorder_->clock(); }
  store::KioskStore& store() { return store_; }
  StatusSources& status_sources() { return sources_; }
  const StatusSources& status_sources() const { return sources_; }
  // People admitted at this room door in the running round (room-door mode).
  int door_occupancy(const Now& now);

 private:
  void show(core::Decision decision, const Now& now, bool by_staff);
  void show_notice(Notice notice, const Now& now);
  // An "einlass-enrol:" code: enrol (staff mode, or a kiosk never enrolled) or refuse calmly.
  void enrolment_code(const std::string& text, const Now& now);
  void back_to_start(const Now& now);
  void rebuild_recorder();
  void read_door_room();
  bool staff_active(const Now& now) const;

  app::KioskSetup& setup_;
  store::KioskStore& store_;
  SessionSettings settings_;
  app::StaffPin staff_pin_;
  std::unique_ptr<store::CheckinRecorder> recorder_;
  core::Day configured_day_;

  Screen screen_ = Screen::Welcome;
  std::size_t language_ = 0, default_language_ = 0;
  Steady language_chosen_at_{};
  Outcome outcome_;
  PinPad pin_;
  bool pin_is_set_ = false;
  StaffTab tab_ = StaffTab::WalkIn;
  bool staff_ = false;
  Steady staff_last_input_{};
  WalkInForm walk_in_;
  std::string search_query_, search_field_;
  bool focus_request_ = false;
  std::vector<SearchRow> search_rows_;
  UndoView undo_;
  CountsView counts_;
  StatusSources sources_;
  std::string typed_code_;
  Steady typed_at_{};
  std::string door_room_;
  // door_occupancy() counted once per change, not per frame: the door screen is built at the
  // camera preview's rate. Cleared by every write this session makes and by remote changes.
  struct DoorCount {
    int round = 0;
    std::string room;
    int taken = 0;
  };
  std::optional<DoorCount> door_count_;
  bool quit_ = false;
  bool out_of_service_ = false;
};

}  // namespace einlass::ui
