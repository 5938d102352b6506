#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "kiosk/scan/qr_render.hpp"
#include "sync/server/credentials.hpp"
#include "sync/server/server_commands.hpp"
#include "sync/server/server_config.hpp"
#include "sync/server/server_db.hpp"

namespace einlass::sync::server {

namespace {

struct EnrolArgs {
  std::string db;
  std::string venue;
  std::string url;  // the address kiosks reach the server at, for the QR code
  std::string label;
  std::string qr_file;
  double valid_hours = 24;
  bool json = false;
};

int run_enrol(const EnrolArgs& args) {
  const auto db = open_server_db(server_db_path(args.db));
  const auto config = load_server_config(*db);
  require_venue(config->event, args.venue);
  if (args.valid_hours <= 0 || args.valid_hours > 24 * 30) {
    std::cerr << "enrol: --valid-hours must be more than 0 and at most 720\n";
    return kExitUsage;
  }
  const EnrolmentCode code = create_enrolment_code(
      *db, args.venue, args.label, static_cast<int64_t>(args.valid_hours * 3600 * 1000));
  std::string link, qr_file;
  if (!args.url.empty()) {
    // What the kiosk's staff mode scans: server address and code in one (see
    // sync/client/enrolment.hpp).
    link = "einlass-enrol:" + args.url + "#" + code.code;
    qr_file = args.qr_file.empty() ? "enrol-" + args.venue + ".png" : args.qr_file;
    scan::write_qr_png(link, qr_file);
  }
  if (args.json) {
    std::cout << nlohmann::json{{"code", code.code},
                                {"venue", code.venue},
                                {"expires_ms", code.expires_ms},
                                {"link", link},
                                {"qr", qr_file}}
                     .dump()
              << std::endl;
    return kExitOk;
  }
  std::cout << "Enrolment code for venue " << code.venue << " (one kiosk, valid "
            << args.valid_hours << " h): " << code.code << "\n";
  if (!link.empty()) {
    std::cout << "On the kiosk:  einlass-kiosk enroll " << args.url << " " << code.code << "\n"
              << "or scan the QR code in staff mode: " << qr_file << "\n";
  } else {
    std::cout << "On the kiosk:  einlass-kiosk enroll https://<this server> " << code.code
              << "\n(give --url to also get a QR code for the kiosk's staff mode)\n";
  }
  return kExitOk;
}

}  // namespace

CommandRunner add_enrol_command(CLI::App& app) {
  auto args = std::make_shared<EnrolArgs>();
  CLI::App* cmd = app.add_subcommand(
      "enrol", "create a one-time enrolment code for a kiosk of a venue (text and QR PNG)");
  add_db_option(*cmd, args->db);
  cmd->add_option("--venue", args->venue, "venue id from the event config")->required();
  cmd->add_option("--url", args->url,
                  "the server's address as kiosks reach it, e.g. https://einlass.example.org; "
                  "needed for the QR code");
  cmd->add_option("--label", args->label, "a name for the kiosk, e.g. \"Eingang links\"");
  cmd->add_option("--qr", args->qr_file, "where to write the QR PNG; default enrol-VENUE.png");
  cmd->add_option("--valid-hours", args->valid_hours, "how long the code can be used")
      ->capture_default_str();
  cmd->add_flag("--json", args->json, "print one JSON line instead of text");
  return [args]() -> int { return run_enrol(*args); };
}

}  // namespace einlass::sync::server
