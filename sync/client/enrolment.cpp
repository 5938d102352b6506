#include "sync/client/enrolment.hpp"

#include <algorithm>
#include <fstream>
#include <utility>
#include <vector>

#include "kiosk/core/event_config.hpp"
#include "kiosk/core/ticket_key_files.hpp"
#include "kiosk/core/unix_time.hpp"
#include "kiosk/store/sync_state.hpp"
#include "sync/client/http_client.hpp"
#include "sync/client/server_url.hpp"
#include "sync/protocol/json_reader.hpp"
#include "sync/protocol/protocol_error.hpp"

namespace einlass::sync::client {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kLinkPrefix = "einlass-enrol:";

void write_text(const fs::path& file, const std::string& text) {
  const fs::path temp = file.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) throw EnrolmentError("cannot write " + temp.string());
  }
  fs::rename(temp, file);
}

// Letters, digits, '-' and '_', at most 64: safe as a file name on every file system.
bool is_plain_name(std::string_view name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

// The config must load here before anything is stored: a kiosk that cannot read it could not
// check anyone in.
void check_config(const protocol::KioskConfig& config) {
  try {
    const core::Event event = core::parse_event_config(config.event_config, "server event config");
    if (!core::venue_index(event, config.venue))
      throw EnrolmentError("the server's event config has no venue \"" + config.venue + "\"");
  } catch (const core::EventConfigError& e) {
    throw EnrolmentError(std::string("the server's event config does not load here: ") + e.what());
  }
  if (config.public_keys.empty())
    throw EnrolmentError("the server has no ticket public key yet (einlass-server keys generate)");
}

}  // namespace

std::optional<EnrolmentLink> parse_enrolment_link(std::string_view text) {
  if (!text.starts_with(kLinkPrefix)) return std::nullopt;
  text.remove_prefix(kLinkPrefix.size());
  const auto hash = text.rfind('#');
  if (hash == std::string_view::npos || hash == 0 || hash + 1 == text.size()) return std::nullopt;
  return EnrolmentLink{std::string(text.substr(0, hash)), std::string(text.substr(hash + 1))};
}

std::string format_enrolment_link(const EnrolmentLink& link) {
  return std::string(kLinkPrefix) + link.server_url + "#" + link.code;
}

fs::path enrolled_config_dir(const fs::path& store_file) {
  return store_file.parent_path() / (store_file.stem().string() + "-enrolled");
}

void stage_config_files(const fs::path& dir, const protocol::KioskConfig& config) {
  // Every key line is checked before anything is written: the key id names a file, and a
  // server must not be able to choose a path ("../../.bashrc") on the kiosk.
  std::vector<std::pair<std::string, std::string>> files;  // file name, content
  for (const std::string& line : config.public_keys) {
    // "einlass-ticket-public-key v1 <key id> <base64>": the key id names the file.
    const auto first = line.find(' ');
    const auto second = first == std::string::npos ? first : line.find(' ', first + 1);
    const auto third = second == std::string::npos ? second : line.find(' ', second + 1);
    if (third == std::string::npos) throw EnrolmentError("a public key from the server is garbled");
    const std::string key_id = line.substr(second + 1, third - second - 1);
    if (!is_plain_name(key_id))
      throw EnrolmentError("a public key from the server has an unusable key id \"" +
                           key_id.substr(0, 40) +
                           "\" (only letters, digits, '-' and '_' are allowed); nothing was "
                           "stored");
    files.emplace_back(key_id + ".public", line + "\n");
  }
  const fs::path keys = dir / "keys";
  const fs::path fresh_keys = dir / "keys.new";
  fs::create_directories(dir);
  fs::remove_all(fresh_keys);
  fs::create_directories(fresh_keys);
  for (const auto& [name, text] : files)
    write_text(fresh_keys / name, text);
  try {
    core::load_keyring_folder(fresh_keys);
  } catch (const core::TicketKeyError& e) {
    throw EnrolmentError(std::string("a public key from the server is unusable: ") + e.what());
  }
}

void install_config_files(const fs::path& dir, const protocol::KioskConfig& config) {
  const fs::path keys = dir / "keys";
  fs::remove_all(keys);
  fs::rename(dir / "keys.new", keys);
  write_text(dir / "event.toml", config.event_config);
}

void write_config_files(const fs::path& dir, const protocol::KioskConfig& config) {
  stage_config_files(dir, config);
  install_config_files(dir, config);
}

EnrolmentResult enrol(const std::string& server_url, const std::string& code,
                      const fs::path& store_file, const TlsOptions& tls, const std::string& label) {
  const std::string base = normalise_server_url(server_url);  // throws for unsafe URLs
  store::KioskStore store(store_file);

  protocol::EnrolRequest request{code, store.device_id(), label};
  HttpClient http(tls, HttpTimeouts{});
  const HttpResponse response =
      http.post_json(base + "/api/v1/enrol", "", protocol::to_json(request).dump());
  if (response.status == 0)
    throw EnrolmentError("cannot reach " + base + ": " + response.transport_error);
  const auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (!response.ok()) {
    const auto error = protocol::error_answer_from_json(body);
    throw EnrolmentError("the server refused the enrolment (HTTP " +
                         std::to_string(response.status) +
                         "): " + (error.reason.empty() ? "no reason given" : error.reason));
  }
  protocol::EnrolAnswer answer;
  try {
    if (body.is_discarded()) throw protocol::ProtocolError("the answer is not JSON");
    answer = protocol::enrol_answer_from_json(body);
  } catch (const protocol::ProtocolError& e) {
    throw EnrolmentError(std::string("the server's answer is garbled: ") + e.what());
  }
  check_config(answer.config);

  const fs::path dir = enrolled_config_dir(store_file);
  stage_config_files(dir, answer.config);
  store::Enrolment enrolment{base,        answer.token,          answer.config.venue,
                             tls.ca_file, tls.pinned_public_key, core::unix_now_ms()};
  // The one-time code is used up: the enrolment is committed before event.toml is written,
  // whose change restarts the kiosk session and could cut this process short.
  store::save_enrolment(
      store, enrolment,
      {answer.config.event_config, answer.config.public_keys, answer.config.config_version});
  install_config_files(dir, answer.config);
  return {answer.device_id, answer.config.venue, dir / "event.toml", dir / "keys"};
}

}  // namespace einlass::sync::client
