#include "sync/client/sync_session.hpp"

#include <unordered_map>

#include "kiosk/core/event_config.hpp"
#include "kiosk/core/unix_time.hpp"
#include "kiosk/store/retention_wipe.hpp"
#include "kiosk/store/sync_state.hpp"
#include "sync/client/enrolment.hpp"
#include "sync/protocol/limits.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/protocol/protocol_error.hpp"
#include "sync/protocol/wire_event.hpp"

namespace einlass::sync::client {

namespace {

using Result = PassOutcome::Result;
constexpr int kEventPage = 2000;
constexpr int kRosterPage = 5000;

PassOutcome failed(std::string error) {
  PassOutcome o;
  o.result = Result::Failed;
  o.error = std::move(error);
  return o;
}

HttpTimeouts timeouts_from(const SyncOptions& o) {
  return {o.connect_timeout, o.request_timeout, o.stall_timeout};
}

}  // namespace

SyncSession::SyncSession(const SyncOptions& options, const std::atomic<bool>* abort)
    : options_(options), store_(options.store_file), abort_(abort) {}

int64_t SyncSession::now_ms() const {
  return options_.now_ms ? options_.now_ms() : core::unix_now_ms();
}

PassOutcome SyncSession::run_pass() {
  PassOutcome outcome;
  const auto enrolment = store::load_enrolment(store_);
  if (!enrolment) {
    outcome.result = store::is_revoked(store_) ? Result::Revoked : Result::NotEnrolled;
    return outcome;
  }
  const TlsOptions tls{enrolment->ca_file, enrolment->pinned_public_key};
  if (!http_ || tls.ca_file != tls_.ca_file || tls.pinned_public_key != tls_.pinned_public_key) {
    http_ = std::make_unique<HttpClient>(tls, timeouts_from(options_), abort_);
    tls_ = tls;
  }
  base_url_ = enrolment->server_url;
  token_ = enrolment->token;
  venue_ = enrolment->venue;
  head_roster_ = head_agenda_ = head_config_ = -1;

  try {
    if (auto stop = push_outbox(outcome)) return *stop;
    if (auto wiped = wipe_if_retention_over()) return *wiped;
    if (auto stop = pull_events(outcome)) return *stop;
    const store::SyncCursors cursors = store::load_cursors(store_);
    if (head_roster_ > cursors.roster)
      if (auto stop = pull_roster(outcome)) return *stop;
    if (head_agenda_ > cursors.agenda)
      if (auto stop = pull_agenda(outcome)) return *stop;
    const auto config = store::load_enrolled_config(store_);
    if (head_config_ > (config ? config->version : 0))
      if (auto stop = pull_config(outcome)) return *stop;
  } catch (const protocol::ProtocolError& e) {
    PassOutcome o = failed(std::string("the server's answer is garbled: ") + e.what());
    o.new_remote_data = outcome.new_remote_data;
    o.clock_skew_ms = skew_ms_;
    return o;
  }
  outcome.clock_skew_ms = skew_ms_;
  return outcome;
}

std::optional<PassOutcome> SyncSession::wipe_if_retention_over() {
  const auto config = store::load_enrolled_config(store_);
  if (!config) return std::nullopt;
  if (!event_ || event_->first != config->version) {
    try {
      event_.emplace(config->version,
                     core::parse_event_config(config->event_config, "enrolled event config"));
    } catch (const core::EventConfigError&) {
      return std::nullopt;  // the server checks configs; an unreadable one wipes nothing
    }
  }
  if (!store::wipe_after_retention(store_, event_->second, now_ms())) return std::nullopt;
  PassOutcome o;
  o.result = Result::Revoked;
  o.error =
      "the retention period is over and every check-in reached the server: this kiosk's "
      "personal data was deleted";
  return o;
}

std::optional<PassOutcome> SyncSession::call(const std::string& path, const std::string* body,
                                             nlohmann::json& json) {
  if (abort_ && abort_->load()) return failed("stopped");
  const int64_t sent = now_ms();
  // What the organiser's dashboard shows about this kiosk (see protocol/limits.hpp).
  http_->set_extra_headers(
      {std::string(protocol::kOutboxHeader) + ": " +
           std::to_string(store_.db().query_int("SELECT COUNT(*) FROM outbox WHERE rejected = 0")),
       std::string(protocol::kClockHeader) + ": " + std::to_string(sent)});
  const HttpResponse response = body ? http_->post_json(base_url_ + path, token_, *body)
                                     : http_->get(base_url_ + path, token_);
  const int64_t received = now_ms();
  if (response.status == 0 || !response.transport_error.empty())
    return failed("no answer from the server: " + response.transport_error);

  const auto parsed = nlohmann::json::parse(response.body, nullptr, false);
  if (!response.ok()) {
    const protocol::ErrorAnswer error = protocol::error_answer_from_json(parsed);
    const std::string why = error.reason.empty() ? "no reason given" : error.reason;
    if (response.status == 401 && error.error == "device_revoked") {
      store::wipe_personal_data(store_, now_ms(), "revoked by the organiser: " + why);
      PassOutcome o;
      o.result = Result::Revoked;
      o.error = "this kiosk was revoked by the organiser; its personal data was deleted";
      return o;
    }
    PassOutcome o =
        failed(response.status == 401
                   ? "the server does not accept this kiosk's token (" + why + "); enrol it again"
                   : "the server answered HTTP " + std::to_string(response.status) + ": " + why);
    o.retry_after = response.retry_after;
    return o;
  }
  if (parsed.is_discarded() || !parsed.is_object())
    return failed("the server's answer is not JSON (HTTP " + std::to_string(response.status) + ")");
  json = parsed;
  note_envelope(json, sent, received);
  return std::nullopt;
}

void SyncSession::note_envelope(const nlohmann::json& json, int64_t sent_ms, int64_t received_ms) {
  const auto it = json.find("server_time_ms");
  if (it != json.end() && it->is_number_integer()) {
    // The server's clock read roughly halfway through the round trip.
    skew_ms_ = it->get<int64_t>() - (sent_ms + received_ms) / 2;
  }
  const auto heads = json.find("heads");
  if (heads == json.end() || !heads->is_object()) return;
  const auto read = [&](const char* key, int64_t& into) {
    const auto h = heads->find(key);
    if (h != heads->end() && h->is_number_integer()) into = h->get<int64_t>();
  };
  read("roster", head_roster_);
  read("agenda", head_agenda_);
  read("config", head_config_);
}

std::optional<PassOutcome> SyncSession::push_outbox(PassOutcome& outcome) {
  for (;;) {
    const auto batch = store::outbox_batch(store_, options_.batch_size);
    if (batch.empty()) return std::nullopt;
    nlohmann::json events = nlohmann::json::array();
    std::unordered_map<std::string, int64_t> seq_of;
    std::vector<int64_t> seqs;
    std::vector<std::pair<int64_t, std::string>> refused_here;
    size_t bytes = 0;
    for (const store::OutboxItem& item : batch) {
      // An event the server would refuse anyway is marked at once, so it never blocks the
      // ones behind it; it stays in the store for staff.
      try {
        protocol::check_event(item.event, "event");
      } catch (const protocol::ProtocolError& e) {
        refused_here.emplace_back(item.seq, std::string("not sent, invalid: ") + e.what());
        continue;
      }
      nlohmann::json j = protocol::event_to_json(item.event);
      const size_t size = j.dump().size() + 1;
      if (bytes + size > protocol::kMaxPushBatchBytes && !seqs.empty()) break;
      events.push_back(std::move(j));
      bytes += size;
      seq_of[item.event.uuid] = item.seq;
      seqs.push_back(item.seq);
    }
    if (!refused_here.empty()) store::settle_outbox(store_, {}, refused_here);
    if (seqs.empty()) continue;

    const std::string body = nlohmann::json{{"events", std::move(events)}}.dump();
    nlohmann::json json;
    if (auto stop = call("/api/v1/events", &body, json)) {
      if (stop->result == Result::Failed) store::note_attempt(store_, seqs, stop->error);
      return stop;
    }
    const protocol::PushAnswer answer = protocol::push_answer_from_json(json);
    std::vector<int64_t> acknowledged;
    std::vector<std::pair<int64_t, std::string>> rejected;
    for (const protocol::PushResult& r : answer.results) {
      const auto it = seq_of.find(r.uuid);
      if (it == seq_of.end()) continue;
      if (r.status == protocol::PushStatus::Rejected) {
        rejected.emplace_back(it->second, r.reason.empty() ? "refused by the server" : r.reason);
      } else {
        acknowledged.push_back(it->second);
      }
      seq_of.erase(it);
    }
    store::settle_outbox(store_, acknowledged, rejected);
    outcome.events_sent += static_cast<int64_t>(acknowledged.size());
    // Events the answer did not mention stay in the outbox and go again.
    if (!seq_of.empty())
      return failed("the server answered for only part of a batch; the rest is sent again");
  }
}

std::optional<PassOutcome> SyncSession::pull_events(PassOutcome& outcome) {
  for (;;) {
    const int64_t since = store::load_cursors(store_).events;
    nlohmann::json json;
    if (auto stop = call("/api/v1/events?since=" + std::to_string(since) +
                             "&limit=" + std::to_string(kEventPage),
                         nullptr, json))
      return stop;
    protocol::EventsPage page = protocol::events_page_from_json(json);
    // The server sends only this venue's events; anything else is not kept (principle 5).
    std::erase_if(page.events, [&](const core::CheckinEvent& e) { return e.venue != venue_; });
    if (store::apply_remote_events(store_, page.events, page.cursor, now_ms()) > 0)
      outcome.new_remote_data = true;
    if (!page.more) return std::nullopt;
  }
}

std::optional<PassOutcome> SyncSession::pull_roster(PassOutcome& outcome) {
  for (;;) {
    const int64_t since = store::load_cursors(store_).roster;
    nlohmann::json json;
    if (auto stop = call("/api/v1/roster?since=" + std::to_string(since) +
                             "&limit=" + std::to_string(kRosterPage),
                         nullptr, json))
      return stop;
    protocol::RosterPage page = protocol::roster_page_from_json(json);
    std::erase_if(page.entries, [&](const core::RosterEntry& e) { return e.venue != venue_; });
    store::apply_roster_page(store_, page.entries, page.removed, page.cursor);
    if (!page.entries.empty() || !page.removed.empty()) outcome.new_remote_data = true;
    if (!page.more) return std::nullopt;
  }
}

std::optional<PassOutcome> SyncSession::pull_agenda(PassOutcome& outcome) {
  const int64_t since = store::load_cursors(store_).agenda;
  nlohmann::json json;
  if (auto stop = call("/api/v1/agenda?since=" + std::to_string(since), nullptr, json)) return stop;
  protocol::AgendaPage page = protocol::agenda_page_from_json(json);
  std::erase_if(page.changes, [&](const core::AgendaChange& c) { return c.venue != venue_; });
  store::apply_agenda_changes(store_, page.changes, page.cursor);
  if (!page.changes.empty()) outcome.new_remote_data = true;
  return std::nullopt;
}

std::optional<PassOutcome> SyncSession::pull_config(PassOutcome& outcome) {
  nlohmann::json json;
  if (auto stop = call("/api/v1/config", nullptr, json)) return stop;
  const protocol::ConfigAnswer answer = protocol::config_answer_from_json(json);
  try {
    core::parse_event_config(answer.config.event_config, "server event config");
    stage_config_files(enrolled_config_dir(options_.store_file), answer.config);
  } catch (const std::exception& e) {
    return failed(std::string("the server's new event config is not usable here: ") + e.what());
  }
  // Stored first: writing event.toml restarts the kiosk session (reload path unit).
  store::save_enrolled_config(store_, {answer.config.event_config, answer.config.public_keys,
                                       answer.config.config_version});
  install_config_files(enrolled_config_dir(options_.store_file), answer.config);
  outcome.new_remote_data = true;
  return std::nullopt;
}

}  // namespace einlass::sync::client
