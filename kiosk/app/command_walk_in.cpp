#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/app/commands.hpp"
#include "kiosk/app/decision_json.hpp"
#include "kiosk/app/out_of_service.hpp"
#include "kiosk/store/checkin_recorder.hpp"

namespace einlass::app {

namespace {

struct WalkInArgs {
  KioskOptions kiosk;
  core::RosterEntry person;
  std::vector<std::string> topics;
  bool consent = false;
};

}  // namespace

CommandRunner add_walk_in_command(CLI::App& app) {
  auto args = std::make_shared<WalkInArgs>();
  CLI::App* cmd = app.add_subcommand(
      "walk-in", "register someone without a registration and check them in (staff)");
  add_kiosk_options(*cmd, args->kiosk);
  cmd->add_option("--first-name", args->person.first_name, "first name")->required();
  cmd->add_option("--last-name", args->person.last_name, "last name")->required();
  cmd->add_option("--organisation", args->person.organisation, "organisation");
  cmd->add_option("--topic", args->topics, "chosen topic id (e.g. HF3); repeatable");
  cmd->add_flag("--privacy-consent", args->consent,
                "the person agreed to the privacy notice (required)");
  return [args]() -> int {
    if (!args->consent) {
      std::cerr << "walk-in: the person must agree to the privacy notice first "
                   "(--privacy-consent); nothing was stored\n";
      return kExitUsage;
    }
    const KioskSetup setup = make_kiosk_setup(args->kiosk);
    if (args->topics.size() > static_cast<size_t>(setup.event.max_topics_per_participant)) {
      std::cerr << "walk-in: at most " << setup.event.max_topics_per_participant << " "
                << setup.event.topic_label << " per person; nothing was stored\n";
      return kExitUsage;
    }
    for (const auto& topic : args->topics) {
      if (!core::find_topic(setup.event, topic)) {
        std::cerr << "walk-in: \"" << topic << "\" is not a topic of this event; nothing was "
                  << "stored\n";
        return kExitUsage;
      }
    }
    store::KioskStore store(setup.store_file);
    if (const auto refusal = out_of_service_message(store)) {
      std::cerr << "walk-in: " << *refusal << "\n";
      return kExitRefused;
    }
    store::CheckinRecorder recorder(store, setup.setting());
    core::RosterEntry person = args->person;
    person.unplaced_topics = args->topics;
    const core::Decision d = recorder.register_walk_in(person, setup.clock.now());
    std::cout << decision_to_json(d).dump() << std::endl;
    return d.admitted() ? kExitOk : kExitRefused;
  };
}

}  // namespace einlass::app
