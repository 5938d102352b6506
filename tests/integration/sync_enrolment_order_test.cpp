// Enrolment uses up the organiser's one-time code. On a kiosk laptop, writing event.toml
// restarts the kiosk session (einlass-kiosk-session-reload.path), so the enrolment must be in
// the store before event.toml is written: a restart in between must not lose it.
#include <gtest/gtest.h>

#include <fstream>

#include "kiosk/store/sync_state.hpp"
#include "tests/integration/sync_fixture.hpp"

namespace einlass::testing {
namespace {

TEST(SyncEnrolmentOrder, TheEnrolmentIsStoredBeforeEventTomlIsWritten) {
  SyncServerWorld world;
  world.server().start();
  const fs::path store_file = world.dir() / "kiosk-a.sqlite";
  const fs::path dir = sync::client::enrolled_config_dir(store_file);
  // A folder where event.toml goes: the last step of the enrolment fails, like a process
  // cut short right when event.toml changes.
  fs::create_directories(dir / "event.toml");
  std::ofstream(dir / "event.toml" / "blocker") << "x";

  EXPECT_ANY_THROW(sync::client::enrol(world.server().url(), world.enrolment_code("magdeburg"),
                                       store_file, {}, "kiosk-a"));

  store::KioskStore store(store_file);
  const auto enrolment = store::load_enrolment(store);
  ASSERT_TRUE(enrolment) << "the enrolment (its one-time code is used up) was not stored first";
  EXPECT_EQ(enrolment->venue, "magdeburg");
  EXPECT_FALSE(enrolment->token.empty());
  const auto config = store::load_enrolled_config(store);
  ASSERT_TRUE(config) << "the event config was not stored with the enrolment";
  EXPECT_FALSE(config->event_config.empty());
  EXPECT_TRUE(fs::is_directory(dir / "keys")) << "the keys go in place before event.toml";
}

}  // namespace
}  // namespace einlass::testing
