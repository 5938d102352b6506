#pragma once
// Enrolling a kiosk with the server: the organiser's one-time code buys a device token, the
// event config and the ticket public keys. `einlass-kiosk enroll URL CODE` and the staff
// screen's enrolment scan both end here.

#include <filesystem>
#include <stdexcept>
#include <string>

#include "sync/client/sync_engine.hpp"
#include "sync/protocol/messages.hpp"

namespace einlass::sync::client {

class EnrolmentError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct EnrolmentResult {
  std::string device_id;
  std::string venue;
  std::filesystem::path event_file;  // the enrolled event config, for --event
  std::filesystem::path keys_dir;    // the ticket public keys, for --public-key
};

// The text an enrolment QR code holds: "einlass-enrol:<server url>#<code>".
struct EnrolmentLink {
  std::string server_url;
  std::string code;
};
std::optional<EnrolmentLink> parse_enrolment_link(std::string_view text);
std::string format_enrolment_link(const EnrolmentLink& link);

// Talks to the server, stores the token and config in the kiosk store and writes the config
// files next to it. Throws EnrolmentError with a message for staff (the server's reason when
// it refused the code); nothing is stored then.
EnrolmentResult enrol(const std::string& server_url, const std::string& code,
                      const std::filesystem::path& store_file, const TlsOptions& tls,
                      const std::string& label = "");

// Where enrolment puts the event config and keys for a store: "<store stem>-enrolled/".
std::filesystem::path enrolled_config_dir(const std::filesystem::path& store_file);
// Writes event.toml and keys/<key id>.public there; replaces older files atomically.
void write_config_files(const std::filesystem::path& dir, const protocol::KioskConfig& config);
// The two halves of write_config_files, for callers that store the config in between:
// stage checks every key and writes keys.new (throws EnrolmentError, nothing in use changed);
// install puts the staged keys in place and writes event.toml last, since a change of
// event.toml restarts the kiosk session (einlass-kiosk-session-reload.path).
void stage_config_files(const std::filesystem::path& dir, const protocol::KioskConfig& config);
void install_config_files(const std::filesystem::path& dir, const protocol::KioskConfig& config);

}  // namespace einlass::sync::client
