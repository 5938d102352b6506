#include "kiosk/app/gui/enrolment_worker.hpp"

#include <iostream>

#include "kiosk/app/config_sources.hpp"
#include "sync/client/enrolment.hpp"

namespace einlass::app::gui {

EnrolmentWorker::EnrolmentWorker(KioskOptions kiosk, std::function<void()> wake)
    : kiosk_(std::move(kiosk)), wake_(std::move(wake)) {}

EnrolmentWorker::~EnrolmentWorker() {
  if (thread_.joinable()) thread_.join();
}

void EnrolmentWorker::start(const std::string& link, KioskClock clock) {
  const auto parsed = sync::client::parse_enrolment_link(link);
  std::lock_guard lock(mutex_);
  if (progress_.state == ui::EnrolmentProgress::State::Running) return;
  if (!parsed) {
    progress_ = {ui::EnrolmentProgress::State::Failed, "", "not an enrolment code"};
    return;
  }
  // The previous run has finished (its state is no longer Running): its thread ends at once.
  if (thread_.joinable()) thread_.join();
  progress_ = {ui::EnrolmentProgress::State::Running, parsed->server_url, ""};
  thread_ = std::thread(&EnrolmentWorker::run, this, parsed->server_url, parsed->code, clock);
}

KioskSetup EnrolmentWorker::enrolled_setup(const KioskClock& clock) const {
  // The same resolution every command uses (config_sources.hpp): with --event, --public-key
  // and --venue left out, the enrolled event, keys and venue.
  KioskOptions options = kiosk_;
  options.event_file.clear();
  options.public_keys.clear();
  options.venue.clear();
  try {
    return make_kiosk_setup(options, clock);
  } catch (const ConfigurationError&) {
    // A --room or --day of the old venue: the new venue runs as an entrance on its own day;
    // staff may choose a door in staff mode.
    if (options.room.empty() && options.day.empty()) throw;
    options.room.clear();
    options.day.clear();
    return make_kiosk_setup(options, clock);
  }
}

void EnrolmentWorker::run(std::string url, std::string code, KioskClock clock) {
  ui::EnrolmentProgress done{ui::EnrolmentProgress::State::Failed, url, ""};
  std::optional<KioskSetup> setup;
  try {
    // The store's own TLS settings do not exist yet: the system's CAs verify the server.
    const auto result =
        sync::client::enrol(url, code, store_file_of(kiosk_), sync::client::TlsOptions{});
    done.message = result.device_id + " · " + result.venue;
    try {
      setup = enrolled_setup(clock);
      done.state = ui::EnrolmentProgress::State::Succeeded;
    } catch (const std::exception& e) {
      // Enrolment checked the event and keys before storing them, so this is a damaged disk
      // or a store that changed meanwhile; the window keeps what it has and says so.
      done.message += ": enrolled, but the kiosk cannot use what the server sent (" +
                      std::string(e.what()) + "); restart the kiosk";
      std::cerr << "einlass-kiosk: " << done.message << "\n";
    }
  } catch (const std::exception& e) {
    done.message = e.what();
  }
  {
    std::lock_guard lock(mutex_);
    enrolled_ = std::move(setup);
    progress_ = std::move(done);
  }
  if (wake_) wake_();
}

ui::EnrolmentProgress EnrolmentWorker::progress() const {
  std::lock_guard lock(mutex_);
  return progress_;
}

std::optional<KioskSetup> EnrolmentWorker::take_enrolled_setup() {
  std::lock_guard lock(mutex_);
  return std::exchange(enrolled_, std::nullopt);
}

bool EnrolmentWorker::busy() const {
  std::lock_guard lock(mutex_);
  return progress_.state == ui::EnrolmentProgress::State::Running || enrolled_.has_value();
}

}  // namespace einlass::app::gui
