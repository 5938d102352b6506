#pragma once
// Enrolling the kiosk from the screen (staff scanned the organiser's enrolment QR code): the
// network talk runs on its own thread so the window never waits on it (principle 2); the UI
// reads the progress — a copy under a mutex — and is woken when it ends.

#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "kiosk/ui/kiosk_session.hpp"
#include "sync/client/sync_engine.hpp"

namespace einlass::app::gui {

class EnrolmentWorker {
 public:
  EnrolmentWorker(std::filesystem::path store_file, std::function<void()> wake);
  ~EnrolmentWorker();  // waits for an enrolment in flight (bounded by the client's timeouts)
  EnrolmentWorker(const EnrolmentWorker&) = delete;
  EnrolmentWorker& operator=(const EnrolmentWorker&) = delete;

  // Starts enrolling with the text of an enrolment QR code ("einlass-enrol:URL#CODE"); ignored
  // while one is running. Returns at once.
  void start(const std::string& link);
  ui::EnrolmentProgress progress() const;
  // True once after an enrolment succeeded: the caller starts syncing.
  bool take_success();

 private:
  void run(std::string url, std::string code);

  std::filesystem::path store_file_;
  std::function<void()> wake_;
  mutable std::mutex mutex_;
  ui::EnrolmentProgress progress_;
  bool success_pending_ = false;
  std::thread thread_;
};

}  // namespace einlass::app::gui
