#pragma once
// Enrolling the kiosk from the screen (staff scanned the organiser's enrolment QR code): the
// network talk runs on its own thread so the window never waits on it (principle 2); the UI
// reads the progress — a copy under a mutex — and is woken when it ends. The same thread then
// reads what the server handed out (event, keys, venue) into a ready KioskSetup, which the
// main loop takes and switches to at once: no restart, and no file or store work on the UI's
// thread.

#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/ui/kiosk_session.hpp"
#include "sync/client/sync_engine.hpp"

namespace einlass::app::gui {

class EnrolmentWorker {
 public:
  // `kiosk`: the options the window started with; after an enrolment their --event,
  // --public-key and --venue give way to what the server sent (--room stays if the new venue
  // has that room, --day if it has that day).
  EnrolmentWorker(KioskOptions kiosk, std::function<void()> wake);
  ~EnrolmentWorker();  // waits for an enrolment in flight (bounded by the client's timeouts)
  EnrolmentWorker(const EnrolmentWorker&) = delete;
  EnrolmentWorker& operator=(const EnrolmentWorker&) = delete;

  // Starts enrolling with the text of an enrolment QR code ("einlass-enrol:URL#CODE"); ignored
  // while one is running. `clock` is the kiosk's time now (it picks the new venue's day).
  // Returns at once.
  void start(const std::string& link, KioskClock clock);
  ui::EnrolmentProgress progress() const;
  // Once after an enrolment succeeded: the kiosk's setup on the received event, keys and venue.
  // The caller switches to it and starts syncing.
  std::optional<KioskSetup> take_enrolled_setup();
  // Running, or finished with a setup not yet taken.
  bool busy() const;

 private:
  void run(std::string url, std::string code, KioskClock clock);
  KioskSetup enrolled_setup(const KioskClock& clock) const;

  KioskOptions kiosk_;
  std::function<void()> wake_;
  mutable std::mutex mutex_;
  ui::EnrolmentProgress progress_;
  std::optional<KioskSetup> enrolled_;
  std::thread thread_;
};

}  // namespace einlass::app::gui
