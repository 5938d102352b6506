#pragma once
// The kiosk window's link to the sync engine: started when the store is enrolled with a server
// (at start, or later when staff enrolled the kiosk from the screen), absent otherwise (the
// kiosk works fully offline). The UI reads its status each frame (a copy under a mutex),
// nudges it after each local check-in, and re-reads the agenda and counts when the engine
// stored remote data.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

#include "kiosk/store/kiosk_store.hpp"
#include "sync/client/sync_engine.hpp"

namespace einlass::app::gui {

class SyncLink {
 public:
  SyncLink(const store::KioskStore& store, const std::filesystem::path& store_file,
           std::function<void()> wake);
  ~SyncLink();

  // Starts the engine when the store is enrolled and it is not running yet (after an
  // enrolment from the screen: no restart needed). A restart after a revocation and a new
  // enrolment replaces the stopped engine. Never blocks on the network.
  void start_if_enrolled();

  std::optional<sync::client::SyncStatus> status() const;
  // True once after the engine stored new remote data (roster, check-ins, agenda changes).
  bool remote_changed();
  void nudge();

 private:
  const store::KioskStore& store_;
  std::filesystem::path store_file_;
  std::function<void()> wake_;
  std::unique_ptr<sync::client::SyncEngine> engine_;
  uint64_t seen_generation_ = 0;
};

}  // namespace einlass::app::gui
