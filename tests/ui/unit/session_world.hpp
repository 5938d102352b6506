#pragma once
// A kiosk session on the demo world (Magdeburg, 12.09.2019) for tests of the state machine:
// the real store, rules and recorder, a clock the test moves by hand.

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "kiosk/app/demo_world.hpp"
#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/core/ticket_key_files.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "kiosk/ui/kiosk_session.hpp"

namespace einlass::ui::testing {

class SessionWorld {
 public:
  explicit SessionWorld(const std::string& now = "2019-09-12T15:20",
                        SessionSettings settings = {}) {
    std::string pattern = (std::filesystem::temp_directory_path() / "einlass-ui-XXXXXX").string();
    dir_ = ::mkdtemp(pattern.data());
    app::KioskOptions options;
    options.venue = "magdeburg";
    options.now = now;
    setup_ = std::make_unique<app::KioskSetup>(app::make_kiosk_setup(options));
    world_ = app::prepare_demo_world(*setup_, dir_ / "world");
    setup_->keyring = core::load_keyring_folder(world_.keys_dir());
    setup_->store_file = world_.store_file();
    store_ = std::make_unique<store::KioskStore>(world_.store_file());
    session_ = std::make_unique<KioskSession>(*setup_, *store_, settings, 0);
    now_ = {std::chrono::steady_clock::time_point(std::chrono::hours(1)), setup_->clock.now()};
    start_wall_ = now_.wall;
  }
  ~SessionWorld() {
    session_.reset();
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  KioskSession& session() { return *session_; }
  store::KioskStore& store() { return *store_; }
  app::KioskSetup& setup() { return *setup_; }
  const app::DemoWorld& world() const { return world_; }
  const std::string& code(const std::string& handle) const { return world_.codes.at(handle); }
  const Now& now() const { return now_; }
  // Moves both clocks; the session's timeouts run.
  const Now& pass(std::chrono::milliseconds by) {
    now_.steady += by;
    now_.wall += by;
    session_->tick(now_);
    return now_;
  }
  // A fresh session on the same store (a restart of the kiosk).
  void restart(SessionSettings settings = {}) {
    session_ = std::make_unique<KioskSession>(*setup_, *store_, settings, 0);
  }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<app::KioskSetup> setup_;
  app::DemoWorld world_;
  std::unique_ptr<store::KioskStore> store_;
  std::unique_ptr<KioskSession> session_;
  Now now_;
  core::TimePoint start_wall_;
};

}  // namespace einlass::ui::testing
