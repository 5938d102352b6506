#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "kiosk/app/commands.hpp"
#include "sync/client/enrolment.hpp"

namespace einlass::app {

namespace {

struct EnrollArgs {
  std::string url;  // or an "einlass-enrol:…" link from the enrolment QR code
  std::string code;
  std::string store;
  std::string label;
  sync::client::TlsOptions tls;
};

int run_enroll(const EnrollArgs& args) {
  std::string url = args.url, code = args.code;
  if (const auto link = sync::client::parse_enrolment_link(args.url)) {
    url = link->server_url;
    code = link->code;
  }
  if (code.empty()) {
    std::cerr << "enroll: give the server URL and the enrolment CODE, or the text of the "
                 "enrolment QR code\n";
    return kExitUsage;
  }
  const std::filesystem::path store_file =
      args.store.empty() ? default_store_file() : std::filesystem::path(args.store);
  try {
    const auto result = sync::client::enrol(url, code, store_file, args.tls, args.label);
    std::cout << nlohmann::json{{"enrolled", true},
                                {"device", result.device_id},
                                {"venue", result.venue},
                                {"event", result.event_file.string()},
                                {"public_keys", result.keys_dir.string()}}
                     .dump()
              << std::endl;
    return kExitOk;
  } catch (const sync::client::EnrolmentError& e) {
    std::cerr << "enroll: " << e.what() << "\n";
    return kExitRefused;
  }
}

}  // namespace

CommandRunner add_enroll_command(CLI::App& app) {
  auto args = std::make_shared<EnrollArgs>();
  CLI::App* cmd = app.add_subcommand(
      "enroll",
      "enrol this kiosk with the central server using the organiser's one-time code; prints "
      "where the event config and ticket keys were written (exit 1 when refused)");
  cmd->add_option("url", args->url,
                  "server address, e.g. https://einlass.example.org, or the whole text of the "
                  "enrolment QR code (einlass-enrol:URL#CODE)")
      ->required();
  cmd->add_option("code", args->code, "the one-time enrolment code");
  cmd->add_option(
      "--store", args->store,
      "kiosk store file; default: $EINLASS_STORE or ~/.local/share/einlass/kiosk.sqlite");
  cmd->add_option("--label", args->label, "a name for this kiosk on the server, e.g. \"Eingang\"");
  cmd->add_option("--ca-file", args->tls.ca_file,
                  "trust this CA (PEM) for the server's certificate, e.g. a private CA");
  cmd->add_option("--pin", args->tls.pinned_public_key,
                  "accept only this server public key: sha256//<base64 of the SPKI hash>");
  return [args]() -> int { return run_enroll(*args); };
}

}  // namespace einlass::app
