// Ticket issuing and e-mail figures (README "Figures"):
//   1. issuing: 50,000 registrations at the four venues of the bundled event (0-2 topics each)
//      get rounds placed, a signed code, a QR PNG and a complete .eml in a folder, and a queued
//      outbox row — the whole `einlass-server tickets --dry-run` path (issue_tickets), on every
//      core; per-ticket time = wall time / tickets, median of the runs;
//   2. sending: the queued e-mails through libcurl to a real local SMTP server
//      (tests/integration/smtp_sink.py, python3-aiosmtpd) without a rate limit: messages/s.
// Figures only, no assertions on time. --smoke runs everything small so CTest keeps it working.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/core/ticket_key_files.hpp"
#include "sync/server/mail/mail_delivery.hpp"
#include "sync/server/mail/ticket_issuing.hpp"
#include "sync/server/registrations.hpp"
#include "sync/server/server_config.hpp"
#include "sync/server/server_db.hpp"
#include "tests/integration/smtp_sink.hpp"

namespace {

using namespace einlass;
using namespace einlass::sync::server;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU seconds of the whole process (all threads): on a shared machine the wall time depends on
// the others' load, the CPU time on the code.
double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

fs::path make_temp_dir() {
  std::string pattern = (fs::temp_directory_path() / "einlass-mail-bench-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

// A server database for the bundled event with `count` registrations spread over the venues,
// with 0, 1 or 2 topics each (as the 2019 registration form allowed).
struct World {
  fs::path dir;
  std::unique_ptr<store::Database> db;
  std::shared_ptr<const ServerConfig> config;
  core::SecretKey key;

  static World make(size_t count) {
    const fs::path dir = make_temp_dir();
    auto db = open_server_db(dir / "server.sqlite");
    set_event_config(*db, app::default_event_file());
    const auto files = core::generate_key_pair(dir, "tickets");
    add_public_key(*db, files.public_file);
    auto config = load_server_config(*db);
    std::vector<Registration> regs;
    const auto& event = config->event;
    for (size_t i = 0; i < count; ++i) {
      Registration r;
      r.id = static_cast<uint32_t>(100000 + i);
      r.first_name = i % 3 == 0 ? "Jörg" : (i % 3 == 1 ? "Ayşe" : "Zoë");
      r.last_name = "Teilnehmer-Müller " + std::to_string(i);
      r.organisation = "Landkreis Börde";
      r.email = "person" + std::to_string(i) + "@example.org";
      r.venue = event.venues[i % event.venues.size()].id;
      for (size_t t = 0; t < i % 3; ++t)
        r.topics.push_back(event.topics[(i / 3 + t * 3) % event.topics.size()].id);
      regs.push_back(std::move(r));
    }
    upsert_registrations(*db, regs, core::unix_now_ms());
    return World{dir, std::move(db), config, core::load_secret_key(files.secret_file)};
  }
};

mail::IssueSettings settings_for(const fs::path& out) {
  mail::IssueSettings s;
  s.out_dir = out;
  s.from = {"Regionalkonferenzen Sachsen-Anhalt", "anmeldung@example.org"};
  s.reply_to = {"Integrationsbüro", "integration@example.org"};
  s.now_unix = 1567069200;  // 2019-08-29
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  // --smoke, or [TICKETS [RUNS]] (default 50,000 tickets, 3 runs).
  const bool smoke = argc > 1 && std::strcmp(argv[1], "--smoke") == 0;
  const size_t tickets = smoke ? 200 : (argc > 1 ? std::stoul(argv[1]) : 50000);
  const int runs = smoke ? 1 : (argc > 2 ? std::stoi(argv[2]) : 3);
  const size_t mails = smoke ? 20 : 500;
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::printf("ticket issuing and e-mail%s; %u hardware threads\n", smoke ? " (smoke run)" : "",
              std::thread::hardware_concurrency());

  // 1. Issuing.
  std::vector<double> per_ticket_ms, per_ticket_cpu_ms;
  size_t png_bytes = 0, eml_bytes = 0;
  for (int run = 0; run < runs; ++run) {
    World world = World::make(tickets);
    const auto start = Clock::now();
    const double cpu_start = cpu_seconds();
    const auto report = mail::issue_tickets(*world.db, world.config->event, world.key,
                                            settings_for(world.dir / "out"));
    const double seconds = seconds_since(start);
    const double cpu = cpu_seconds() - cpu_start;
    per_ticket_ms.push_back(seconds * 1000 / static_cast<double>(report.issued.size()));
    per_ticket_cpu_ms.push_back(cpu * 1000 / static_cast<double>(report.issued.size()));
    std::printf(
        "  run %d: %zu tickets in %.2f s wall, %.2f s CPU = %.3f ms wall, %.3f ms CPU per "
        "ticket (%d placed into rounds)\n",
        run + 1, report.issued.size(), seconds, cpu, per_ticket_ms.back(), per_ticket_cpu_ms.back(),
        report.placed);
    png_bytes = fs::file_size(mail::ticket_file(world.dir / "out", 100001, 0, "png"));
    eml_bytes = fs::file_size(mail::ticket_file(world.dir / "out", 100001, 0, "eml"));
    world.db.reset();
    fs::remove_all(world.dir);
  }
  std::printf(
      "issue %zu tickets with QR PNG + .eml: median %.3f ms wall per ticket (target <= 2 "
      "ms on 2 cores), %.3f ms CPU per ticket\n",
      tickets, median(per_ticket_ms), median(per_ticket_cpu_ms));
  std::printf("  one ticket: PNG %zu bytes, e-mail %zu bytes\n", png_bytes, eml_bytes);

  // QR + PNG alone, one thread: the share of the renderer.
  {
    std::vector<double> samples;
    for (int i = 0; i < (smoke ? 50 : 2000); ++i) {
      const auto start = Clock::now();
      const auto png = mail::ticket_qr_png(std::string(146, 'A' + static_cast<char>(i % 20)));
      samples.push_back(seconds_since(start) * 1000);
    }
    std::printf("  QR code + PNG alone (one thread): median %.3f ms\n", median(samples));
  }

  // 2. Sending to a local SMTP server.
  std::vector<double> per_second;
  for (int run = 0; run < runs; ++run) {
    World world = World::make(mails);
    mail::issue_tickets(*world.db, world.config->event, world.key, settings_for(world.dir / "out"));
    testing::SmtpSink sink(world.dir / "sink");
    mail::SmtpSettings smtp;
    smtp.url = sink.url();
    smtp.require_starttls = false;
    mail::SmtpSender sender(smtp);
    mail::DeliveryOptions options;
    options.envelope_from = "anmeldung@example.org";
    options.per_minute = 1e9;  // no limit: what the path itself manages
    const auto start = Clock::now();
    const auto report = mail::deliver_queued(*world.db, sender, options);
    const double seconds = seconds_since(start);
    per_second.push_back(report.sent / seconds);
    std::printf("  run %d: %d e-mails sent in %.2f s = %.0f per second\n", run + 1, report.sent,
                seconds, per_second.back());
    world.db.reset();
    fs::remove_all(world.dir);
  }
  std::printf(
      "send %zu e-mails to a local SMTP server (plain, one connection): median %.0f per "
      "second\n",
      mails, median(per_second));
  return 0;
}
