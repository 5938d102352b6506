#include <iostream>
#include <memory>
#include <string>

#include "kiosk/app/commands.hpp"
#include "kiosk/app/decision_json.hpp"
#include "kiosk/app/out_of_service.hpp"
#include "kiosk/store/checkin_recorder.hpp"

namespace einlass::app {

namespace {

struct CheckinArgs {
  KioskOptions kiosk;
  std::string code;
  std::string participant;
  bool batch = false;
};

int run_checkin(const CheckinArgs& args) {
  const KioskSetup setup = make_kiosk_setup(args.kiosk);
  store::KioskStore store(setup.store_file);
  if (const auto refusal = out_of_service_message(store)) {
    std::cerr << "checkin: " << *refusal << "\n";
    return kExitRefused;
  }
  store::CheckinRecorder recorder(store, setup.setting());

  auto decide = [&](const std::string& code) {
    return args.participant.empty()
               ? recorder.check_in_code(code, setup.clock.now())
               : recorder.check_in_participant(args.participant, setup.clock.now());
  };

  if (!args.batch) {
    const core::Decision d = decide(args.code);
    std::cout << decision_to_json(d).dump() << std::endl;
    return d.admitted() ? kExitOk : kExitRefused;
  }
  // One code per line; each answer is printed (and flushed) only after its COMMIT returned,
  // so a line on stdout means the check-in is durable.
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    nlohmann::json j = decision_to_json(recorder.check_in_code(line, setup.clock.now()));
    j["code"] = line;
    std::cout << j.dump() << std::endl;
  }
  return kExitOk;
}

}  // namespace

CommandRunner add_checkin_command(CLI::App& app) {
  auto args = std::make_shared<CheckinArgs>();
  CLI::App* cmd = app.add_subcommand(
      "checkin",
      "check in a ticket code and print the decision as one JSON line (exit 0 admitted, 1 "
      "refused, 2 configuration error)");
  add_kiosk_options(*cmd, args->kiosk);
  cmd->add_option("code", args->code, "the scanned or typed code");
  cmd->add_option("--participant", args->participant,
                  "check in this participant id by hand (staff), instead of a code");
  cmd->add_flag("--batch", args->batch,
                "read codes from standard input, one per line; print one JSON line each after "
                "it is stored");
  return [args, cmd]() -> int {
    if (!args->batch && args->code.empty() && args->participant.empty()) {
      std::cerr << "checkin: give a CODE, --participant ID or --batch\n" << cmd->help();
      return kExitUsage;
    }
    return run_checkin(*args);
  };
}

}  // namespace einlass::app
