#pragma once
// Everything the running kiosk window is made of, built in dependency order: the validated
// setup and store first (a bad config fails before any window opens), then strings, fonts and
// the window, the session, input, camera and sync. The live loop and the script runner both
// drive it one frame at a time.

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/demo_world.hpp"
#include "kiosk/app/gui/camera_feed.hpp"
#include "kiosk/app/gui/enrolment_worker.hpp"
#include "kiosk/app/gui/frame_builder.hpp"
#include "kiosk/app/gui/input_router.hpp"
#include "kiosk/app/gui/kiosk_window.hpp"
#include "kiosk/app/gui/scan_inbox.hpp"
#include "kiosk/app/gui/sync_link.hpp"
#include "kiosk/app/gui/ui_clock.hpp"
#include "kiosk/app/gui_options.hpp"
#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/kiosk_session.hpp"
#include "kiosk/ui/strings.hpp"

namespace einlass::app::gui {

class KioskRuntime {
 public:
  // `demo` (may be null) names the demo codes scripts can use ("demo:anna").
  KioskRuntime(const KioskOptions& kiosk, const GuiOptions& gui, const DemoWorld* demo);
  ~KioskRuntime();

  struct FrameResult {
    bool drawn = false;
    std::chrono::steady_clock::time_point presented{};
  };
  // Builds a frame and, when it differs from what is shown (or `force`), renders and presents
  // it. `before_present` runs after rendering, before the buffers swap (screenshots).
  FrameResult frame(bool force, const std::optional<PointerOverride>& pointer = std::nullopt,
                    const std::function<void()>& before_present = nullptr);
  // Feeds scans from the camera and the inbox, ticks the scanner filter, the sync link (started
  // once an enrolment from the screen succeeded; a revocation takes the kiosk out of service)
  // and the session's timeouts. Returns true when a scan arrived (its arrival time in `arrival`).
  bool poll_inputs(std::chrono::steady_clock::time_point& arrival);
  // When the loop must next wake up with nothing else happening.
  std::chrono::steady_clock::time_point next_wake(const ui::Now& now) const;

  ui::Now now() const { return clock_.now(); }
  UiClock& clock() { return clock_; }
  ui::KioskSession& session() { return *session_; }
  InputRouter& router() { return *router_; }
  KioskWindow& window() { return *window_; }
  ScanInbox& inbox() { return inbox_; }
  const FrameBuilder& builder() const { return *builder_; }
  const GuiOptions& options() const { return gui_; }
  const std::map<std::string, std::string>& demo_codes() const { return demo_codes_; }
  const ui::FontSet& fonts() const { return *fonts_; }
  uint64_t frames_built() const { return frames_built_; }
  uint64_t frames_drawn() const { return frames_drawn_; }
  // An enrolment from the screen is running, or ended and not yet taken by poll_inputs (scripts
  // wait for it: it runs in real time on its own thread).
  bool enrolment_busy() const { return enrolment_->busy(); }

 private:
  // Every name the event can show, so the font atlas holds its glyphs.
  void add_event_text(const core::Event& event);
  // Switches the running window to the setup an enrolment produced.
  void adopt(KioskSetup enrolled, const ui::Now& now);

  GuiOptions gui_;
  KioskSetup setup_;
  std::unique_ptr<store::KioskStore> store_;
  ui::StringTables strings_;
  std::unique_ptr<ui::FontSet> fonts_;
  UiClock clock_;
  std::unique_ptr<KioskWindow> window_;
  std::unique_ptr<ui::KioskSession> session_;
  std::unique_ptr<InputRouter> router_;
  std::unique_ptr<FrameBuilder> builder_;
  ScanInbox inbox_;
  std::unique_ptr<CameraFeed> camera_;
  std::unique_ptr<SyncLink> sync_;
  std::unique_ptr<EnrolmentWorker> enrolment_;
  std::map<std::string, std::string> demo_codes_;
  uint64_t shown_signature_ = 0;
  uint64_t frames_built_ = 0, frames_drawn_ = 0;
  bool fonts_rebuilt_ = false;
};

// The window's whole life: a script when --script is given, the live loop otherwise.
int run_kiosk_window(const KioskOptions& kiosk, const GuiOptions& gui, const DemoWorld* demo);

}  // namespace einlass::app::gui
