#include "kiosk/app/gui/enrolment_worker.hpp"

#include "sync/client/enrolment.hpp"

namespace einlass::app::gui {

EnrolmentWorker::EnrolmentWorker(std::filesystem::path store_file, std::function<void()> wake)
    : store_file_(std::move(store_file)), wake_(std::move(wake)) {}

EnrolmentWorker::~EnrolmentWorker() {
  if (thread_.joinable()) thread_.join();
}

void EnrolmentWorker::start(const std::string& link) {
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
  thread_ = std::thread(&EnrolmentWorker::run, this, parsed->server_url, parsed->code);
}

void EnrolmentWorker::run(std::string url, std::string code) {
  ui::EnrolmentProgress done{ui::EnrolmentProgress::State::Failed, url, ""};
  try {
    // The store's own TLS settings do not exist yet: the system's CAs verify the server.
    const auto result = sync::client::enrol(url, code, store_file_, sync::client::TlsOptions{});
    done.state = ui::EnrolmentProgress::State::Succeeded;
    done.message = result.device_id + " · " + result.venue;
  } catch (const std::exception& e) {
    done.message = e.what();
  }
  {
    std::lock_guard lock(mutex_);
    success_pending_ = done.state == ui::EnrolmentProgress::State::Succeeded;
    progress_ = std::move(done);
  }
  if (wake_) wake_();
}

ui::EnrolmentProgress EnrolmentWorker::progress() const {
  std::lock_guard lock(mutex_);
  return progress_;
}

bool EnrolmentWorker::take_success() {
  std::lock_guard lock(mutex_);
  return std::exchange(success_pending_, false);
}

}  // namespace einlass::app::gui
