#include "sync/server/mail/ticket_issuing.hpp"

#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "kiosk/core/room_assignment.hpp"
#include "kiosk/core/ticket_codec.hpp"
#include "kiosk/core/ticket_issue.hpp"
#include "kiosk/core/unix_time.hpp"
#include "kiosk/scan/qr_png.hpp"
#include "sync/server/mail/mail_outbox.hpp"
#include "sync/server/mail/mime_encoding.hpp"
#include "sync/server/mail/ticket_mail_content.hpp"
#include "sync/server/registrations.hpp"

namespace einlass::sync::server::mail {

namespace {

namespace fs = std::filesystem;

constexpr int kQrModulePx = 4;

// Due: not cancelled, and no e-mail row for the current serial yet — or one that could not go
// out (no or a bad address) while the registration's address has changed since.
constexpr std::string_view kDueWhere =
    " FROM registrations r WHERE r.cancelled = 0 AND NOT EXISTS (SELECT 1 FROM mail_outbox m "
    "WHERE m.registration_id = r.id AND m.ticket_serial = r.ticket_serial AND NOT (m.state IN "
    "('failed', 'no_address') AND m.email <> r.email))";

bool has_placement(const Registration& r) {
  return std::any_of(r.round_topics.begin(), r.round_topics.end(),
                     [](const std::string& t) { return !t.empty(); });
}

// Seats already given out at each venue by earlier ticket runs.
core::RoomLoad placed_load(const store::Database& db, const core::Event& event,
                           const core::Venue& venue) {
  core::RoomLoad load;
  store::Statement st = db.prepare(
      "SELECT id FROM registrations WHERE venue = ? AND cancelled = 0 AND round_topics <> ''");
  st.bind(1, venue.id);
  while (st.step()) {
    const auto r = find_registration(db, static_cast<uint32_t>(st.integer(0)));
    if (!r) continue;
    for (size_t i = 0; i < r->round_topics.size() && i < event.rounds.size(); ++i) {
      if (r->round_topics[i].empty()) continue;
      if (const core::Room* room =
              core::room_for(venue, static_cast<int>(i + 1), r->round_topics[i]))
        load.add(static_cast<int>(i + 1), room->id);
    }
  }
  return load;
}

// Places the rounds of those without a placement, venue by venue, and stores the result.
void place_rounds(store::Database& db, const core::Event& event, std::vector<Registration>& regs,
                  IssueReport& report, int64_t now_ms) {
  std::vector<Registration> changed;
  for (const core::Venue& venue : event.venues) {
    std::vector<size_t> members;
    std::vector<core::AssignmentRequest> requests;
    for (size_t i = 0; i < regs.size(); ++i) {
      if (regs[i].venue != venue.id || has_placement(regs[i]) || regs[i].topics.empty()) continue;
      members.push_back(i);
      requests.push_back({core::participant_id_for_registration(regs[i].id), regs[i].topics});
    }
    if (requests.empty()) continue;
    const core::BulkAssignment placed =
        core::assign_rooms_bulk(event, venue, requests, placed_load(db, event, venue));
    for (size_t k = 0; k < members.size(); ++k) {
      Registration& r = regs[members[k]];
      r.round_topics = placed.round_topics[k];
      if (!has_placement(r)) continue;
      changed.push_back(r);
      ++report.placed;
    }
    for (size_t k : placed.not_fully_placed)
      report.not_fully_placed.push_back(regs[members[k]].id);
  }
  // Through the one write path of registrations: the roster cursor moves, kiosks get the rooms.
  if (!changed.empty()) upsert_registrations(db, changed, now_ms);
}

void write_bytes(const fs::path& file, std::string_view bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw std::runtime_error("cannot write " + file.string());
}

std::string random_hex(size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
  hex.pop_back();
  return hex;
}

std::string domain_of(const std::string& address) {
  const size_t at = address.find('@');
  return at == std::string::npos ? "einlass.invalid" : address.substr(at + 1);
}

struct Prepared {
  OutboxRow row;
  IssuedTicket ticket;
};

Prepared prepare_one(const core::Event& event, const core::SecretKey& key,
                     const IssueSettings& settings, const Registration& r) {
  const size_t venue_index = *core::venue_index(event, r.venue);
  const core::Venue& venue = event.venues[venue_index];
  core::TicketRequest request;
  request.registration_id = r.id;
  request.serial = static_cast<uint8_t>(r.ticket_serial);
  request.venue_index = venue_index;
  if (!r.day.empty()) request.day_index = core::day_index(venue, r.day);
  request.round_topics = r.round_topics;
  request.issued_at_unix = settings.now_unix;

  Prepared p;
  p.row.registration_id = p.ticket.registration_id = r.id;
  p.row.ticket_serial = p.ticket.serial = r.ticket_serial;
  p.row.email = r.email;
  try {
    p.row.code = core::encode_ticket(core::ticket_payload_for(event, request), key);
  } catch (const std::invalid_argument&) {
    throw std::runtime_error("cannot issue a ticket for registration " + std::to_string(r.id) +
                             ": the last day at " + venue.id +
                             " is over, so a ticket issued now would never be valid");
  }
  p.row.message_id = "ticket-" + std::to_string(r.id) + "-" + std::to_string(r.ticket_serial) +
                     "-" + random_hex(6) + "@" + domain_of(settings.from.address);

  const std::vector<uint8_t> png = ticket_qr_png(p.row.code);
  write_bytes(ticket_file(settings.out_dir, r.id, r.ticket_serial, "png"),
              {reinterpret_cast<const char*>(png.data()), png.size()});

  if (r.email.empty()) {
    p.row.state = MailState::NoAddress;
    p.row.server_answer = "no e-mail address: print " +
                          ticket_file(settings.out_dir, r.id, r.ticket_serial, "png").string();
    p.ticket.problem = p.row.server_answer;
    return p;
  }
  if (!is_plain_mail_address(r.email)) {
    p.row.state = MailState::Failed;
    p.row.server_answer = "\"" + r.email +
                          "\" is not a valid e-mail address; correct it in the "
                          "registration list and run tickets again";
    p.ticket.problem = p.row.server_answer;
    return p;
  }

  TicketMailFacts facts;
  facts.event = &event;
  facts.venue = &venue;
  if (request.day_index) {
    facts.days.push_back(&venue.days[*request.day_index]);
  } else {
    for (const core::Day& day : venue.days)
      facts.days.push_back(&day);
  }
  facts.first_name = r.first_name;
  facts.last_name = r.last_name;
  facts.organisation = r.organisation;
  facts.chosen_topics = r.topics;
  facts.round_topics = r.round_topics;
  facts.code = p.row.code;
  facts.image_content_id = "qr-" + p.row.message_id;
  facts.contact_address =
      settings.reply_to.address.empty() ? settings.from.address : settings.reply_to.address;
  const TicketMailContent content = ticket_mail_content(facts, *settings.texts);

  MailMessage message;
  message.from = settings.from;
  message.reply_to = settings.reply_to;
  message.to = {r.first_name.empty() ? r.last_name : r.first_name + " " + r.last_name, r.email};
  message.subject = content.subject;
  message.message_id = p.row.message_id;
  message.date_unix = settings.now_unix;
  message.text_body = content.text;
  message.html_body = content.html;
  message.image = {facts.image_content_id, "ticket.png", png};
  const fs::path eml = ticket_file(settings.out_dir, r.id, r.ticket_serial, "eml");
  write_bytes(eml, build_mime_message(message));
  p.row.eml_file = fs::absolute(eml).string();  // a later run may start in another folder
  return p;
}

// Renders on every core: the QR code, its PNG and the e-mail are most of the work.
std::vector<Prepared> prepare_all(const core::Event& event, const core::SecretKey& key,
                                  const IssueSettings& settings,
                                  const std::vector<Registration>& regs) {
  std::vector<Prepared> out(regs.size());
  std::atomic<size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&] {
    for (size_t i = next++; i < regs.size(); i = next++) {
      try {
        out[i] = prepare_one(event, key, settings, regs[i]);
      } catch (...) {
        const std::lock_guard lock(failure_mutex);
        if (!failure) failure = std::current_exception();
        next = regs.size();
      }
    }
  };
  const unsigned threads = std::max(
      1u,
      std::min<unsigned>(settings.threads ? settings.threads : std::thread::hardware_concurrency(),
                         static_cast<unsigned>(regs.size() / 16 + 1)));
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back(work);
  work();
  pool.clear();
  if (failure) std::rethrow_exception(failure);
  return out;
}

}  // namespace

fs::path ticket_file(const fs::path& out_dir, uint32_t registration_id, int serial,
                     std::string_view extension) {
  return out_dir / ("R" + std::to_string(registration_id) + "-" + std::to_string(serial) + "." +
                    std::string(extension));
}

std::vector<uint8_t> ticket_qr_png(std::string_view code) {
  // 4 px per module (196 x 196 px for a ticket): sharp on paper and screens (the e-mail shows
  // it at 300 px, pixelated); 1 bit per pixel keeps the PNG at ~0.5 kB and cheap to encode.
  return scan::qr_png_bytes(code, kQrModulePx);
}

int IssueReport::unplaced() const {
  return static_cast<int>(issued.size()) - placed - already_placed - without_topics;
}

int64_t count_tickets_due(const store::Database& db) {
  return db.query_int("SELECT COUNT(*)" + std::string(kDueWhere));
}

IssueReport issue_tickets(store::Database& db, const core::Event& event, const core::SecretKey& key,
                          const IssueSettings& given) {
  IssueSettings settings = given;
  if (!settings.texts)
    settings.texts = std::make_shared<const MailTexts>(load_mail_texts(bundled_lang_dir()));
  std::error_code error;
  fs::create_directories(settings.out_dir, error);
  if (error || !fs::is_directory(settings.out_dir))
    throw std::runtime_error("cannot create the output folder " + settings.out_dir.string() + ": " +
                             error.message());
  if (!is_plain_mail_address(settings.from.address))
    throw std::runtime_error("--from \"" + settings.from.address +
                             "\" is not a valid e-mail address");

  std::vector<Registration> regs;
  {
    store::Statement st = db.prepare("SELECT r.id" + std::string(kDueWhere) + " ORDER BY r.id");
    while (st.step())
      if (auto r = find_registration(db, static_cast<uint32_t>(st.integer(0))))
        regs.push_back(std::move(*r));
  }
  IssueReport report;
  if (regs.empty()) return report;
  // Counted before placing, so the summary can tell "placed now" from "placed earlier" (a run
  // after a crash, or a ticket due again for a corrected address, finds its rooms stored).
  for (const Registration& r : regs) {
    if (has_placement(r))
      ++report.already_placed;
    else if (r.topics.empty())
      ++report.without_topics;
  }
  const int64_t now_ms = core::unix_now_ms();
  place_rounds(db, event, regs, report, now_ms);
  const std::vector<Prepared> prepared = prepare_all(event, key, settings, regs);

  store::Transaction tx(db);
  for (const Prepared& p : prepared) {
    queue_mail(db, p.row, now_ms);
    report.issued.push_back(p.ticket);
  }
  tx.commit();
  return report;
}

}  // namespace einlass::sync::server::mail
