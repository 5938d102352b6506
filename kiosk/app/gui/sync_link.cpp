#include "kiosk/app/gui/sync_link.hpp"

#include "kiosk/store/sync_state.hpp"

namespace einlass::app::gui {

SyncLink::SyncLink(const store::KioskStore& store, const std::filesystem::path& store_file,
                   std::function<void()> wake)
    : store_(store), store_file_(store_file), wake_(std::move(wake)) {
  start_if_enrolled();
}

SyncLink::~SyncLink() {
  if (engine_) engine_->stop();
}

void SyncLink::start_if_enrolled() {
  if (!store::load_enrolment(store_)) return;  // not enrolled: offline kiosk, nothing to run
  if (engine_ && !engine_->status().revoked()) return;  // already running
  if (engine_) engine_->stop();
  sync::client::SyncOptions options;
  options.store_file = store_file_;
  options.wake = wake_;
  engine_ = std::make_unique<sync::client::SyncEngine>(std::move(options));
  seen_generation_ = 0;
  engine_->start();
}

std::optional<sync::client::SyncStatus> SyncLink::status() const {
  if (!engine_) return std::nullopt;
  return engine_->status();
}

bool SyncLink::remote_changed() {
  if (!engine_) return false;
  const uint64_t generation = engine_->status().remote_generation;
  if (generation == seen_generation_) return false;
  seen_generation_ = generation;
  return true;
}

void SyncLink::nudge() {
  if (engine_) engine_->nudge();
}

}  // namespace einlass::app::gui
