#include "kiosk/app/gui/kiosk_runtime.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>

#include "kiosk/app/staff_pin.hpp"
#include "kiosk/store/sync_state.hpp"
#include "kiosk/ui/ui_error.hpp"

namespace einlass::app::gui {

namespace {

void wake_main_loop() {
  glfwPostEmptyEvent();  // thread-safe: workers call it to end glfwWaitEventsTimeout
}

KioskSetup validated_setup(const KioskOptions& options) {
  KioskSetup setup = make_kiosk_setup(options);
  std::filesystem::create_directories(setup.store_file.parent_path().empty()
                                          ? std::filesystem::path(".")
                                          : setup.store_file.parent_path());
  return setup;
}

}  // namespace

KioskRuntime::KioskRuntime(const KioskOptions& kiosk, const GuiOptions& gui, const DemoWorld* demo)
    : gui_(gui),
      setup_(validated_setup(kiosk)),
      store_(std::make_unique<store::KioskStore>(setup_.store_file)),
      strings_(ui::StringTables::load(bundled_assets_dir() / "lang", "de")),
      clock_(setup_.clock),
      inbox_(wake_main_loop) {
  if (!StaffPin(*store_).is_set()) {
    throw ConfigurationError("no staff PIN is set for " + setup_.store_file.string() +
                             ": staff mode and leaving the kiosk need one. Set it with: "
                             "einlass-kiosk set-pin --store " +
                             setup_.store_file.string());
  }
  const std::size_t language = strings_.index_of(gui.language);
  if (language == ui::StringTables::npos)
    throw ConfigurationError("--language " + gui.language + ": no such string table");
  if (demo) demo_codes_ = demo->codes;

  fonts_ = std::make_unique<ui::FontSet>(ui::find_font_files());
  // Every shipped word is in the atlas from the start; names are added as they appear.
  for (std::size_t l = 0; l < strings_.languages().size(); ++l) {
    fonts_->add_text(strings_.languages()[l].name);
    for (const auto& [key, text] : strings_.table(l))
      fonts_->add_text(text);
  }
  add_event_text(setup_.event);

  const bool scripted = !gui.script.empty();
  window_ = std::make_unique<KioskWindow>(parse_window_size(gui.windowed),
                                          !scripted && gui.bench_scans_file.empty());
  window_->update_fonts(*fonts_);

  ui::SessionSettings settings;
  settings.result_time = std::chrono::seconds(gui.result_seconds);
  settings.problem_time = std::chrono::seconds(gui.result_seconds + 4);
  settings.staff_idle = std::chrono::seconds(gui.staff_idle_seconds);
  session_ = std::make_unique<ui::KioskSession>(setup_, *store_, settings, language);
  router_ = std::make_unique<InputRouter>(window_->handle(), *session_);
  builder_ = std::make_unique<FrameBuilder>(strings_, *fonts_, *session_);
  camera_ = std::make_unique<CameraFeed>(gui.camera, wake_main_loop);
  if (!scripted) sync_ = std::make_unique<SyncLink>(*store_, setup_.store_file, wake_main_loop);

  KioskOptions enrolment_options = kiosk;
  enrolment_options.store_file = setup_.store_file.string();
  enrolment_ = std::make_unique<EnrolmentWorker>(std::move(enrolment_options), wake_main_loop);
  session_->status_sources().start_enrolment = [this](const std::string& link) {
    enrolment_->start(link, KioskClock(clock_.now().wall));
  };
  session_->status_sources().enrolment = [this] { return enrolment_->progress(); };
  session_->status_sources().camera = [this] { return camera_->state_name(); };
  session_->status_sources().camera_detail = [this] { return camera_->detail(); };
  session_->status_sources().scanner_seen = [this] { return router_->scanner_seen(); };
  if (scripted) {
    clock_.freeze();
  } else {
    router_->install_callbacks([this] { return clock_.now(); });
  }
}

void KioskRuntime::add_event_text(const core::Event& event) {
  fonts_->add_text(event.name);
  for (const auto& v : event.venues) {
    fonts_->add_text(v.name + v.city + v.help_desk);
    for (const auto& r : v.rooms)
      fonts_->add_text(r.name + r.location);
  }
  for (const auto& t : event.topics)
    fonts_->add_text(t.name);
  for (const auto& r : event.rounds)
    fonts_->add_text(r.name);
}

void KioskRuntime::adopt(KioskSetup enrolled, const ui::Now& now) {
  // The session and its recorder point into setup_: it is replaced in place, and the session
  // re-reads venue, day, door and agenda from it before anything else runs.
  setup_ = std::move(enrolled);
  add_event_text(setup_.event);
  session_->reconfigure(now);
}

KioskRuntime::~KioskRuntime() {
  // Workers first: they may still call wake_main_loop() while the window goes away.
  enrolment_.reset();
  sync_.reset();
  camera_.reset();
}

bool KioskRuntime::poll_inputs(std::chrono::steady_clock::time_point& arrival) {
  const ui::Now now = clock_.now();
  bool scanned = false;
  auto handle = [&](const ScanArrival& a) {
    session_->scan(a.code, now);
    arrival = a.arrived;
    scanned = true;
  };
  while (auto a = camera_->take_scan())
    handle(*a);
  while (auto a = inbox_.take())
    handle(*a);
  router_->on_idle(now);
  if (auto hid = router_->take_scan_arrival()) {
    arrival = *hid;
    scanned = true;
  }
  if (auto enrolled = enrolment_->take_enrolled_setup()) {
    // Enrolled from the screen: the window switches to the received event, keys and venue and
    // sync starts now, without a restart (also in scripts, which otherwise run without sync —
    // the script asked for it by scanning the code).
    adopt(std::move(*enrolled), now);
    if (sync_) {
      sync_->start_if_enrolled();
    } else {
      sync_ = std::make_unique<SyncLink>(*store_, setup_.store_file, wake_main_loop);
    }
    session_->set_out_of_service(store::is_revoked(*store_));
  }
  if (sync_) {
    if (scanned) sync_->nudge();
    if (sync_->remote_changed()) session_->agenda_changed();
    const auto status = sync_->status();
    if (status && status->revoked() && !session_->out_of_service())
      session_->set_out_of_service(true);
  }
  session_->tick(now);
  return scanned;
}

KioskRuntime::FrameResult KioskRuntime::frame(bool force,
                                              const std::optional<PointerOverride>& pointer,
                                              const std::function<void()>& before_present) {
  FrameResult result;
  const bool rebuilt = window_->update_fonts(*fonts_) || fonts_rebuilt_;
  fonts_rebuilt_ = false;
  const bool new_preview = camera_->update_preview();
  const ui::Now now = clock_.now();
  const uint64_t signature =
      builder_->build(now, camera_->view(), sync_ ? sync_->status() : std::nullopt, pointer);
  ++frames_built_;
  // A frame that asked for characters not yet in the atlas is drawn again after the rebuild.
  if (fonts_->dirty()) fonts_rebuilt_ = true;
  const bool preview_shown =
      new_preview && draw_data_uses_texture(ImGui::GetDrawData(), camera_->view().texture);
  if (!force && !rebuilt && !preview_shown && signature == shown_signature_) return result;
  const bool measure =
      before_present != nullptr || !gui_.bench_scans_file.empty() || gui_.exit_after_first_frame;
  window_->render(false);
  if (before_present) before_present();
  window_->present(measure);
  shown_signature_ = signature;
  ++frames_drawn_;
  result.drawn = true;
  result.presented = std::chrono::steady_clock::now();
  return result;
}

std::chrono::steady_clock::time_point KioskRuntime::next_wake(const ui::Now& now) const {
  using namespace std::chrono;
  // The clock and countdowns change on whole seconds of the kiosk clock: wake just after.
  const auto ms = duration_cast<milliseconds>(now.wall.time_since_epoch()).count() % 1000;
  auto wake = now.steady + milliseconds(1000 - ms + 5);
  if (const auto deadline = session_->next_deadline()) wake = std::min(wake, *deadline);
  const ui::Screen screen = session_->screen();
  if (screen == ui::Screen::Result || screen == ui::Screen::Problem)
    wake = std::min(wake, now.steady + milliseconds(50));  // the return bar empties smoothly
  if (const auto held = router_->idle_deadline()) wake = std::min(wake, *held);
  if (fonts_->dirty() || fonts_rebuilt_) wake = now.steady;
  return wake;
}

}  // namespace einlass::app::gui
