// einlass-server tickets, end to end: registrations in a real server database, the real
// program issuing tickets and sending through a real SMTP server (python3-aiosmtpd) on
// 127.0.0.1, and what arrived judged as a participant and a kiosk would: the decoded e-mail,
// its inline QR code read back by `einlass-kiosk decode`, and `einlass-kiosk checkin`.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "kiosk/store/sqlite_db.hpp"
#include "tests/integration/smtp_sink.hpp"
#include "tests/integration/sync_server_process.hpp"

namespace einlass::testing {
namespace {

constexpr const char* kFrom = "Regionalkonferenzen Sachsen-Anhalt <anmeldung@example.org>";
constexpr const char* kReplyTo = "Integrationsbüro <integration@example.org>";
constexpr const char* kIssuedAt = "2019-08-29T09:00:00Z";  // two weeks before the first day

// Three people as a registration site would send them: umlauts, an apostrophe and characters
// HTML must escape in a name, one without Handlungsfelder, one at another venue.
const char* kRegistrations = R"([
  {"id": 1001, "first_name": "Jörg", "last_name": "Müller", "organisation": "Landkreis Börde",
   "email": "joerg.mueller@example.org", "venue": "magdeburg", "topics": ["HF4", "HF8"]},
  {"id": 1002, "first_name": "Zoë", "last_name": "D'Angelo & <Partner>", "organisation": "Caritas",
   "email": "zoe@example.org", "venue": "magdeburg"},
  {"id": 1003, "first_name": "Ayşe", "last_name": "Yılmaz", "organisation": "Stadt Dessau-Roßlau",
   "email": "ayse@example.org", "venue": "dessau", "topics": ["HF2"]}
])";

class TicketWorld {
 public:
  TicketWorld() : sink_dir_(server_.dir() / "sink") {}

  SyncServerWorld& server() { return server_; }
  fs::path out() const { return server_.dir() / "out"; }

  void add_registrations(const std::string& json) {
    const fs::path file = server_.dir() / "registrations.json";
    write_file(file, json);
    server_.server_cli({"roster-add", file.string()});
  }

  // einlass-server tickets --db … with the usual options and `extra`.
  ProgramRun tickets(const std::vector<std::string>& extra, bool usual = true) {
    std::vector<std::string> words{EINLASS_SERVER_BINARY, "tickets", "--db", server_.db().string()};
    if (usual) {
      for (const std::string& w :
           {std::string("--key"), server_.secret_key().string(), std::string("--out"),
            out().string(), std::string("--from"), std::string(kFrom), std::string("--reply-to"),
            std::string(kReplyTo), std::string("--now"), std::string(kIssuedAt)})
        words.push_back(w);
    }
    words.insert(words.end(), extra.begin(), extra.end());
    return run_program(words, server_.dir());
  }

  // The mail outbox as registration id -> state.
  std::map<int64_t, std::string> outbox_states() {
    store::Database db(server_.db());
    std::map<int64_t, std::string> out;
    auto st =
        db.prepare("SELECT registration_id, state FROM mail_outbox WHERE state <> 'superseded'");
    while (st.step())
      out[st.integer(0)] = st.text(1);
    return out;
  }
  std::string round_topics(int64_t id) {
    store::Database db(server_.db());
    auto st = db.prepare("SELECT round_topics FROM registrations WHERE id = ?");
    st.bind(1, id);
    return st.step() ? st.text(0) : "?";
  }

  // One JSON line of `einlass-kiosk ARGS…` with the server's public key.
  nlohmann::json kiosk(std::vector<std::string> args, int* exit_code = nullptr) {
    std::vector<std::string> words{EINLASS_KIOSK_BINARY};
    words.insert(words.end(), args.begin(), args.end());
    words.push_back("--public-key");
    words.push_back((server_.dir() / "tickets.public").string());
    const ProgramRun run = run_program(words, server_.dir());
    if (exit_code) *exit_code = run.exit_code;
    const auto line = nlohmann::json::parse(run.out.substr(0, run.out.find('\n')), nullptr, false);
    EXPECT_FALSE(line.is_discarded()) << run.out << run.err;
    return line;
  }
  nlohmann::json check_in(const std::string& code, const std::string& venue, const std::string& now,
                          int* exit_code = nullptr) {
    return kiosk(
        {"checkin", code, "--store", (server_.dir() / ("kiosk-" + venue + ".sqlite")).string(),
         "--venue", venue, "--now", now},
        exit_code);
  }

  const fs::path& sink_dir() const { return sink_dir_; }

 private:
  SyncServerWorld server_;
  fs::path sink_dir_;
};

std::vector<std::string> recipients(const std::vector<nlohmann::json>& messages) {
  std::vector<std::string> out;
  for (const auto& m : messages)
    for (const auto& r : m["rcpt_tos"])
      out.push_back(r.get<std::string>());
  std::sort(out.begin(), out.end());
  return out;
}

const nlohmann::json* message_to(const std::vector<nlohmann::json>& messages,
                                 const std::string& address) {
  for (const auto& m : messages)
    if (m["rcpt_tos"].size() == 1 && m["rcpt_tos"][0] == address) return &m;
  return nullptr;
}

bool contains(const nlohmann::json& value, const std::string& part) {
  return value.is_string() && value.get<std::string>().find(part) != std::string::npos;
}

TEST(TicketMail, EveryoneGetsACompleteMailWhoseCodeTheKioskAdmitsAtTheRightVenueOnly) {
  TicketWorld world;
  world.add_registrations(kRegistrations);
  SmtpSink sink(world.sink_dir());
  const ProgramRun run = world.tickets({"--smtp", sink.url(), "--starttls", "optional"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("issued 3 ticket(s)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("sent 3, failed 0"), std::string::npos) << run.out;

  const auto messages = sink.messages();
  ASSERT_EQ(recipients(messages),
            (std::vector<std::string>{"ayse@example.org", "joerg.mueller@example.org",
                                      "zoe@example.org"}));
  for (const auto& m : messages) {
    SCOPED_TRACE(m["rcpt_tos"].dump());
    EXPECT_EQ(m["defects"].size(), 0u) << "Python's parser found defects: " << m["defects"];
    EXPECT_EQ(m["structure"],
              (std::vector<std::string>{"multipart/related", "multipart/alternative", "text/plain",
                                        "text/html", "image/png"}));
    EXPECT_LE(m["max_line_octets"].get<int>(), 998);
    EXPECT_FALSE(m["bare_lf"].get<bool>()) << "every line ends in CRLF";
    EXPECT_EQ(m["mail_from"], "anmeldung@example.org");
    EXPECT_EQ(m["from"], "Regionalkonferenzen Sachsen-Anhalt <anmeldung@example.org>");
    EXPECT_EQ(m["reply_to"], "Integrationsbüro <integration@example.org>");
    EXPECT_FALSE(m["date"].get<std::string>().empty());
    EXPECT_TRUE(contains(m["message_id"], "@example.org>"));
    EXPECT_EQ(m["png_disposition"], "inline");
    // The HTML shows the inline image by its Content-ID.
    std::string cid = m["png_content_id"].get<std::string>();
    cid = cid.substr(1, cid.size() - 2);
    EXPECT_TRUE(contains(m["html"], "src=\"cid:" + cid + "\"")) << cid;
    // German first, then English; agenda, check-in and privacy in both.
    const std::string text = m["text"].get<std::string>();
    ASSERT_LT(text.find("Guten Tag"), text.find("Dear ")) << text;
    for (const char* part :
         {"15:00–15:05  Eröffnung / Begrüßung", "18:45–19:00  Verabschiedung", "Einlass ab",
          "Smartphone oder ausgedruckt", "on your phone or printed", "Datenschutz", "Privacy",
          "90 Tage nach dem letzten Veranstaltungstag", "integration@example.org"})
      EXPECT_NE(text.find(part), std::string::npos) << part << "\n" << text;
  }

  // Jörg: the subject decoded with its umlaut-free city but the dash, the venue, his rooms.
  const auto* joerg = message_to(messages, "joerg.mueller@example.org");
  ASSERT_NE(joerg, nullptr);
  EXPECT_EQ((*joerg)["subject"],
            "Ihr Ticket / Your ticket: Regionalkonferenzen 2019 – Magdeburg, 12.09.2019");
  EXPECT_EQ((*joerg)["to"], "Jörg Müller <joerg.mueller@example.org>");
  const std::string joerg_text = (*joerg)["text"].get<std::string>();
  for (const char* part : {"Guten Tag Jörg Müller,", "Dear Jörg Müller,",
                           "Donnerstag, 12. September 2019, 15:00–19:00 Uhr",
                           "Thursday, 12 September 2019, 15:00–19:00",
                           "Industrie- und Handelskammer Magdeburg, Hauptgeschäftsstelle, Alter "
                           "Markt 8, 39104 Magdeburg",
                           "Eingang Alter Markt"})
    EXPECT_NE(joerg_text.find(part), std::string::npos) << part << "\n" << joerg_text;

  // The round placement was stored, so the kiosks' rooms agree with the e-mail.
  const std::string placed = world.round_topics(1001);
  EXPECT_TRUE(placed == "HF4,HF8" || placed == "HF8,HF4") << placed;

  // Ayşe at Dessau: the hall, her one topic, and the other round left open.
  const auto* ayse = message_to(messages, "ayse@example.org");
  ASSERT_NE(ayse, nullptr);
  EXPECT_TRUE(contains((*ayse)["subject"], "Dessau-Roßlau, 18.09.2019"));
  EXPECT_TRUE(contains((*ayse)["text"], "Saal: Aula (Großer Saal)"));
  EXPECT_TRUE(
      contains((*ayse)["text"], "HF 2 Erstorientierung und Erstintegration – Seminarraum 2"));
  EXPECT_TRUE(contains((*ayse)["text"], "noch offen – beim Einlass bekommen Sie einen Raum"));

  // Zoë chose nothing: the e-mail says what happens; her name is escaped in the HTML.
  const auto* zoe = message_to(messages, "zoe@example.org");
  ASSERT_NE(zoe, nullptr);
  EXPECT_TRUE(contains((*zoe)["text"], "Sie haben kein Handlungsfeld gewählt"));
  EXPECT_TRUE(contains((*zoe)["text"], "You did not choose a topic"));
  EXPECT_TRUE(contains((*zoe)["html"], "Guten Tag Zoë D&#39;Angelo &amp; &lt;Partner&gt;,"));
  EXPECT_FALSE(contains((*zoe)["html"], "<Partner>")) << "no raw markup from a name";
  EXPECT_TRUE(contains((*zoe)["to"], "Zoë D'Angelo & <Partner>")) << (*zoe)["to"];

  // Each inline PNG decodes to a ticket the kiosk accepts; at the venue of the registration and
  // on its day it admits, with the rooms the e-mail names; another venue refuses it.
  for (const auto& [address, venue, now] :
       {std::tuple{"joerg.mueller@example.org", "magdeburg", "2019-09-12T15:10"},
        std::tuple{"ayse@example.org", "dessau", "2019-09-18T15:10"}}) {
    SCOPED_TRACE(address);
    const auto* m = message_to(messages, address);
    ASSERT_NE(m, nullptr);
    const auto decoded =
        world.kiosk({"decode", "--venue", venue, "--now", now, (*m)["png"].get<std::string>()});
    ASSERT_TRUE(decoded["text"].is_string()) << decoded;
    EXPECT_EQ(decoded["ticket"], "valid") << decoded;
    const std::string code = decoded["text"].get<std::string>();
    EXPECT_TRUE(contains((*m)["text"], code)) << "the code is also written out";

    int exit_code = -1;
    const auto admitted = world.check_in(code, venue, now, &exit_code);
    EXPECT_EQ(exit_code, 0) << admitted;
    EXPECT_EQ(admitted["decision"], "admitted") << admitted;
    for (const auto& room : admitted["rooms"]) {
      if (room["room"].is_null() || room.value("assigned_here", false)) continue;
      EXPECT_TRUE(contains((*m)["text"], room["round_name"].get<std::string>() + " (" +
                                             room["start"].get<std::string>() + "–" +
                                             room["end"].get<std::string>() + " Uhr): "))
          << room;
      EXPECT_TRUE(contains((*m)["text"], room["room_name"].get<std::string>())) << room;
    }
    // Another venue's kiosk on the same day refuses it and names the right venue.
    const std::string other = std::string(venue) == "magdeburg" ? "stendal" : "halle";
    const auto refused = world.check_in(code, other, now, &exit_code);
    EXPECT_EQ(exit_code, 1) << refused;
    EXPECT_EQ(refused["decision"], "wrong_venue") << refused;
    EXPECT_EQ(refused["right_venue"]["id"], venue) << refused;
  }

  // A second run finds nothing due and sends nothing.
  const ProgramRun again = world.tickets({"--smtp", sink.url(), "--starttls", "optional"});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(sink.messages().size(), 3u) << again.out;
}

TEST(TicketMail, ACrashWhileSendingNeverSendsTwiceNorSkipsAnyone) {
  TicketWorld world;
  std::string json = "[";
  for (int i = 1; i <= 6; ++i)
    json += std::string(i > 1 ? "," : "") + R"({"id": )" + std::to_string(2000 + i) +
            R"(, "first_name": "Person", "last_name": "Nummer )" + std::to_string(i) +
            R"(", "email": "p)" + std::to_string(i) +
            R"(@example.org", "venue": "halle", "topics": ["HF1", "HF5"]})";
  world.add_registrations(json + "]");
  SmtpSink sink(world.sink_dir());
  const std::vector<std::string> smtp{"--smtp", sink.url(), "--starttls", "optional"};

  // The process dies right after the server took the third message, before it could record it.
  auto crash = smtp;
  crash.insert(crash.end(), {"--crash-after-accepted", "3"});
  const ProgramRun first = world.tickets(crash);
  EXPECT_EQ(first.exit_code, 70) << first.out << first.err;
  EXPECT_EQ(sink.messages().size(), 3u);

  // The next run sends the rest and lists the third as uncertain instead of sending it again.
  const ProgramRun second = world.tickets(smtp);
  EXPECT_EQ(second.exit_code, 1) << "an uncertain e-mail needs the organiser";
  EXPECT_NE(second.out.find("sent 3, failed 0"), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("uncertain: R2003 <p3@example.org>"), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("--uncertain-were-sent"), std::string::npos) << second.out;
  const auto after = recipients(sink.messages());
  EXPECT_EQ(after, (std::vector<std::string>{"p1@example.org", "p2@example.org", "p3@example.org",
                                             "p4@example.org", "p5@example.org", "p6@example.org"}))
      << "everyone exactly once";
  EXPECT_EQ(world.outbox_states().at(2003), "uncertain");

  // Without a decision, runs keep listing it and never send it.
  const ProgramRun third = world.tickets(smtp);
  EXPECT_EQ(third.exit_code, 1);
  EXPECT_EQ(sink.messages().size(), 6u);

  // The organiser checked the server's log: recorded as sent, nothing goes out again.
  auto decided = smtp;
  decided.push_back("--uncertain-were-sent");
  const ProgramRun fourth = world.tickets(decided);
  EXPECT_EQ(fourth.exit_code, 0) << fourth.out << fourth.err;
  EXPECT_EQ(sink.messages().size(), 6u);
  for (const auto& [id, state] : world.outbox_states())
    EXPECT_EQ(state, "sent") << id;
}

TEST(TicketMail, ResendUncertainSendsThatOneAgain) {
  TicketWorld world;
  world.add_registrations(kRegistrations);
  SmtpSink sink(world.sink_dir());
  const std::vector<std::string> smtp{"--smtp", sink.url(), "--starttls", "optional"};
  auto crash = smtp;
  crash.insert(crash.end(), {"--crash-after-accepted", "1"});
  EXPECT_EQ(world.tickets(crash).exit_code, 70);
  EXPECT_EQ(world.tickets(smtp).exit_code, 1);
  ASSERT_EQ(sink.messages().size(), 3u);
  auto resend = smtp;
  resend.push_back("--resend-uncertain");
  const ProgramRun run = world.tickets(resend);
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto messages = sink.messages();
  ASSERT_EQ(messages.size(), 4u) << "the organiser chose a possible duplicate over no ticket";
  EXPECT_EQ(messages[3]["rcpt_tos"], messages[0]["rcpt_tos"]);
}

TEST(TicketMail, AReissuedTicketGetsANewMailAndTheOldCodeIsRefusedAsReplaced) {
  TicketWorld world;
  world.add_registrations(kRegistrations);
  SmtpSink sink(world.sink_dir());
  const std::vector<std::string> smtp{"--smtp", sink.url(), "--starttls", "optional"};
  ASSERT_EQ(world.tickets(smtp).exit_code, 0);
  const auto before = sink.messages();
  const auto* first = message_to(before, "joerg.mueller@example.org");
  ASSERT_NE(first, nullptr);
  const std::string old_png = (*first)["png"].get<std::string>();

  // Jörg changed his choices: the import re-issues (serial 1) and drops the old placement.
  world.add_registrations(R"([{"id": 1001, "first_name": "Jörg", "last_name": "Müller",
    "organisation": "Landkreis Börde", "email": "joerg.mueller@example.org",
    "venue": "magdeburg", "topics": ["HF1"], "ticket_serial": 1}])");
  const ProgramRun run = world.tickets(smtp);
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("issued 1 ticket(s)"), std::string::npos) << run.out;
  const auto messages = sink.messages();
  ASSERT_EQ(messages.size(), 4u);
  EXPECT_EQ(messages[3]["rcpt_tos"][0], "joerg.mueller@example.org");
  EXPECT_TRUE(contains(messages[3]["text"], "HF 1 Integrationsmonitoring und Evaluation"));

  // A kiosk that synced the roster admits the new code and refuses the forwarded old one.
  world.server().server().start();
  const fs::path store = world.server().enrol_kiosk("door", "magdeburg");
  const ProgramRun synced = run_program(
      {EINLASS_KIOSK_BINARY, "sync", "--once", "--store", store.string()}, world.server().dir());
  ASSERT_EQ(synced.exit_code, 0) << synced.out << synced.err;
  const auto code_of = [&](const std::string& png) {
    return world.kiosk({"decode", "--venue", "magdeburg", "--now", "2019-09-12T15:10", png})["text"]
        .get<std::string>();
  };
  const auto check = [&](const std::string& code) {
    const ProgramRun r = run_program(
        {EINLASS_KIOSK_BINARY, "checkin", code, "--store", store.string(), "--now",
         "2019-09-12T15:10", "--public-key", (world.server().dir() / "tickets.public").string()},
        world.server().dir());
    return nlohmann::json::parse(r.out.substr(0, r.out.find('\n')));
  };
  const auto old_result = check(code_of(old_png));
  EXPECT_EQ(old_result["decision"], "cancelled") << old_result;
  EXPECT_EQ(old_result["replaced_by_newer_ticket"], true) << old_result;
  const auto new_result = check(code_of(messages[3]["png"].get<std::string>()));
  EXPECT_EQ(new_result["decision"], "admitted") << new_result;
}

TEST(TicketMail, RefusedAddressesAreReportedPerPersonAndTemporaryRefusalsRetried) {
  TicketWorld world;
  world.add_registrations(R"([
    {"id": 1, "last_name": "Gut", "email": "gut@example.org", "venue": "halle"},
    {"id": 2, "last_name": "Weg", "email": "reject.weg@example.org", "venue": "halle"},
    {"id": 3, "last_name": "Später", "email": "defer.spaeter@example.org", "venue": "halle"},
    {"id": 4, "last_name": "Kaputt", "email": "kaputt@example", "venue": "halle"},
    {"id": 5, "last_name": "Ohne", "venue": "halle"},
    {"id": 6, "last_name": "Storniert", "email": "storno@example.org", "venue": "halle",
     "cancelled": true}])");
  SmtpSink sink(world.sink_dir());
  const std::vector<std::string> smtp{"--smtp", sink.url(), "--starttls", "optional"};
  const ProgramRun run = world.tickets(smtp);
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("issued 5 ticket(s)"), std::string::npos) << "none for the cancelled";
  EXPECT_NE(run.out.find("R4: \"kaputt@example\" is not a valid e-mail address"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("R5: no e-mail address: print"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("failed: R2 <reject.weg@example.org>: 550"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("R3 <defer.spaeter@example.org>: 451"), std::string::npos) << run.out;
  EXPECT_TRUE(fs::exists(world.out() / "R5-0.png"))
      << "printable ticket for the one without e-mail";
  EXPECT_EQ(recipients(sink.messages()), std::vector<std::string>{"gut@example.org"});
  EXPECT_EQ(world.outbox_states(),
            (std::map<int64_t, std::string>{
                {1, "sent"}, {2, "failed"}, {3, "queued"}, {4, "failed"}, {5, "no_address"}}));

  // Later: only the deferred one is tried again; the failed ones are not sent twice.
  const ProgramRun later = world.tickets(smtp);
  EXPECT_NE(later.out.find("sent 0, failed 0, deferred 1"), std::string::npos) << later.out;
  EXPECT_EQ(sink.messages().size(), 1u);

  // A corrected address (same ticket) goes out with the next run.
  world.add_registrations(
      R"([{"id": 4, "last_name": "Kaputt", "email": "kaputt@example.org", "venue": "halle"}])");
  const ProgramRun fixed = world.tickets(smtp);
  EXPECT_NE(fixed.out.find("issued 1 ticket(s)"), std::string::npos) << fixed.out;
  EXPECT_EQ(recipients(sink.messages()),
            (std::vector<std::string>{"gut@example.org", "kaputt@example.org"}));
}

// The run's summary tells the organiser where the tickets' rooms came from: placed by this run,
// kept from an earlier one (here: a ticket due again because its address was added), or left
// to the kiosk for someone who chose no Handlungsfeld.
TEST(TicketMail, TheSummarySaysWhereTheRoomsCameFrom) {
  TicketWorld world;
  world.add_registrations(R"([
    {"id": 1, "last_name": "Gut", "email": "gut@example.org", "venue": "halle",
     "topics": ["HF1", "HF5"]},
    {"id": 2, "last_name": "Ohne", "venue": "halle", "topics": ["HF2"]}])");
  const ProgramRun first = world.tickets({"--dry-run"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_NE(first.out.find("issued 2 ticket(s) into " + world.out().string() +
                           "\n  rooms: 2 placed now, 0 already placed earlier\n"),
            std::string::npos)
      << first.out;
  const std::string placed = world.round_topics(2);
  ASSERT_NE(placed, "") << "placed by the first run";

  // Her address arrives (her rooms stay), and two more people register.
  world.add_registrations(R"([
    {"id": 2, "last_name": "Ohne", "email": "ohne@example.org", "venue": "halle",
     "topics": ["HF2"], "round_topics": [")" +
                          placed.substr(0, placed.find(',')) + R"(", ")" +
                          placed.substr(placed.find(',') + 1) + R"("]},
    {"id": 3, "last_name": "Neu", "email": "neu@example.org", "venue": "halle",
     "topics": ["HF3"]},
    {"id": 4, "last_name": "Offen", "email": "offen@example.org", "venue": "halle"}])");
  const ProgramRun second = world.tickets({"--dry-run"});
  ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_NE(second.out.find("issued 3 ticket(s) into " + world.out().string() +
                            "\n  rooms: 1 placed now, 1 already placed earlier, 1 chose no "
                            "Handlungsfeld (the kiosk gives them a room at check-in)\n"),
            std::string::npos)
      << second.out;
  EXPECT_EQ(world.round_topics(2), placed) << "her rooms were kept, not placed again";
}

// Every file `tickets` wrote names a participant, in whichever folder it went: the retention
// purge deletes them all, also the printable QR codes of tickets without a (valid) address,
// which no e-mail file points to, and those of a run that wrote into another folder.
TEST(TicketMail, ThePurgeDeletesEveryTicketFileIncludingPrintOnlyCodes) {
  TicketWorld world;
  world.add_registrations(R"([
    {"id": 1, "last_name": "Gut", "email": "gut@example.org", "venue": "halle"},
    {"id": 2, "last_name": "Ohne", "venue": "halle"},
    {"id": 3, "last_name": "Kaputt", "email": "kaputt@example", "venue": "halle"}])");
  ASSERT_EQ(world.tickets({"--dry-run"}).exit_code, 0);
  // A later run into another folder.
  world.add_registrations(R"([{"id": 4, "last_name": "Später", "venue": "halle"}])");
  const fs::path second_folder = world.server().dir() / "nachtrag";
  const ProgramRun later =
      world.tickets({"--key", world.server().secret_key().string(), "--out", second_folder.string(),
                     "--from", kFrom, "--now", kIssuedAt, "--dry-run"},
                    false);
  ASSERT_EQ(later.exit_code, 0) << later.out << later.err;
  auto names_in = [](const fs::path& folder) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder))
      names.insert(entry.path().filename().string());
    return names;
  };
  ASSERT_EQ(names_in(world.out()),
            (std::set<std::string>{"R1-0.eml", "R1-0.png", "R2-0.png", "R3-0.png"}));
  ASSERT_EQ(names_in(second_folder), std::set<std::string>{"R4-0.png"});

  const ProgramRun dry = run_program(
      {EINLASS_SERVER_BINARY, "purge", "--db", world.server().db().string(), "--dry-run"},
      world.server().dir());
  EXPECT_NE(dry.out.find("ticket files (.eml and QR .png): 5 would be deleted"), std::string::npos)
      << dry.out << dry.err;
  const ProgramRun purge = run_program({EINLASS_SERVER_BINARY, "purge", "--db",
                                        world.server().db().string(), "--before-period-ends"},
                                       world.server().dir());
  ASSERT_EQ(purge.exit_code, 0) << purge.out << purge.err;
  EXPECT_NE(purge.out.find("ticket files (.eml and QR .png): 5 deleted"), std::string::npos)
      << purge.out;
  EXPECT_TRUE(names_in(world.out()).empty()) << "no ticket of anyone is left";
  EXPECT_TRUE(names_in(second_folder).empty());
}

TEST(TicketMail, DryRunWritesEveryFileAndSendsNothingUntilARealRun) {
  TicketWorld world;
  world.add_registrations(kRegistrations);
  const ProgramRun dry = world.tickets({"--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.out << dry.err;
  EXPECT_NE(dry.out.find("nothing was sent"), std::string::npos) << dry.out;
  for (const char* name : {"R1001-0.png", "R1001-0.eml", "R1002-0.eml", "R1003-0.eml"})
    EXPECT_TRUE(fs::exists(world.out() / name)) << name;
  for (const auto& [id, state] : world.outbox_states())
    EXPECT_EQ(state, "queued") << id;

  SmtpSink sink(world.sink_dir());
  const ProgramRun real = world.tickets({"--smtp", sink.url(), "--starttls", "optional"});
  ASSERT_EQ(real.exit_code, 0) << real.out << real.err;
  const auto messages = sink.messages();
  ASSERT_EQ(messages.size(), 3u);
  // What went out is exactly the file the dry run wrote.
  const auto* joerg = message_to(messages, "joerg.mueller@example.org");
  ASSERT_NE(joerg, nullptr);
  const fs::path received = fs::path((*joerg)["png"].get<std::string>()).replace_extension(".eml");
  EXPECT_EQ(read_file(received), read_file(world.out() / "R1001-0.eml"));
}

TEST(TicketMail, RateLimitSpacesTheMessages) {
  TicketWorld world;
  world.add_registrations(kRegistrations);
  SmtpSink sink(world.sink_dir());
  // 30 per minute: each message starts at least 2 s after the previous one started. Messages go
  // out one after another, so the first has arrived before the second starts, and the third
  // starts 2 s after the second: the first and the third arrive at least 2 s apart, however
  // loaded the machine is. (Adjacent arrivals can be closer when the first one was slow.) Two
  // seconds is also longer than an unthrottled message takes even under a sanitizer, so the
  // test fails when the limit is not kept.
  const ProgramRun run =
      world.tickets({"--smtp", sink.url(), "--starttls", "optional", "--rate", "30"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto messages = sink.messages();
  ASSERT_EQ(messages.size(), 3u);
  std::vector<double> arrivals;
  for (const auto& message : messages)
    arrivals.push_back(message["received_at"].get<double>());
  std::sort(arrivals.begin(), arrivals.end());
  EXPECT_GE(arrivals[2] - arrivals[0], 1.99);
}

TEST(TicketMail, BadOptionsSayWhatToDoAndMarkNothingSent) {
  TicketWorld world;
  world.add_registrations(kRegistrations);

  const std::vector<std::string> without_key{
      "--out", world.out().string(), "--from", kFrom, "--now", kIssuedAt, "--dry-run"};
  auto with_key = [&](const std::string& file) {
    auto words = without_key;
    words.insert(words.end(), {"--key", (world.server().dir() / file).string()});
    return world.tickets(words, false);
  };
  auto missing_key = with_key("nope.secret");
  EXPECT_EQ(missing_key.exit_code, 2);
  EXPECT_NE(missing_key.err.find("nope.secret"), std::string::npos) << missing_key.err;
  EXPECT_NE(missing_key.err.find("nothing was changed"), std::string::npos) << missing_key.err;

  const auto no_transport = world.tickets({});
  EXPECT_EQ(no_transport.exit_code, 2);
  EXPECT_NE(no_transport.err.find("give --smtp"), std::string::npos) << no_transport.err;

  // A key the kiosks do not know would make every ticket "unknown key" at the door.
  const ProgramRun keygen = run_program(
      {EINLASS_KIOSK_BINARY, "keygen", "--dir", world.server().dir().string(), "--name", "other"},
      world.server().dir());
  ASSERT_EQ(keygen.exit_code, 0) << keygen.err;
  const auto unpublished = with_key("other.secret");
  EXPECT_EQ(unpublished.exit_code, 2) << unpublished.out << unpublished.err;
  EXPECT_NE(unpublished.err.find("not published to the kiosks"), std::string::npos)
      << unpublished.err;

  EXPECT_TRUE(world.outbox_states().empty()) << "nothing issued by the refused runs";
  EXPECT_EQ(world.round_topics(1001), "") << "no placement stored by the refused runs";

  // Nobody listens on this port: every e-mail stays queued, none is called sent.
  const auto unreachable =
      world.tickets({"--smtp", "smtp://127.0.0.1:1", "--starttls", "optional"});
  EXPECT_EQ(unreachable.exit_code, 1);
  EXPECT_NE(unreachable.err.find("the mail server could not be used"), std::string::npos)
      << unreachable.err;
  EXPECT_EQ(world.outbox_states().size(), 3u);
  for (const auto& [id, state] : world.outbox_states())
    EXPECT_EQ(state, "queued") << id;

  // STARTTLS required (the default) but the server offers none: refused before any mail.
  SmtpSink plain(world.sink_dir());
  const auto no_tls = world.tickets({"--smtp", plain.url()});
  EXPECT_EQ(no_tls.exit_code, 1);
  EXPECT_TRUE(plain.messages().empty());
  for (const auto& [id, state] : world.outbox_states())
    EXPECT_EQ(state, "queued") << id;
}

TEST(TicketMail, StartTlsAndSmtpsWithAuthentication) {
  TicketWorld world;
  world.add_registrations(kRegistrations);
  const fs::path cert = world.server().dir() / "smtp-cert.pem";
  const fs::path key = world.server().dir() / "smtp-key.pem";
  const ProgramRun made = run_program(
      {"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
       "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost", "-keyout",
       key.string(), "-out", cert.string()},
      world.server().dir());
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const fs::path credentials = world.server().dir() / "smtp-credentials";
  write_file(credentials, "einlass\ngeheim\n");

  {
    SmtpSink sink(world.server().dir() / "starttls",
                  {"--starttls", cert.string(), key.string(), "--auth", "einlass:geheim"});
    // A wrong password: nothing is sent, everything stays queued.
    const fs::path wrong = world.server().dir() / "wrong-credentials";
    write_file(wrong, "einlass\nfalsch\n");
    const auto refused = world.tickets({"--smtp", sink.url("smtp", "localhost"), "--smtp-ca",
                                        cert.string(), "--smtp-credentials", wrong.string()});
    EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
    EXPECT_TRUE(sink.messages().empty());

    const auto run = world.tickets({"--smtp", sink.url("smtp", "localhost"), "--smtp-ca",
                                    cert.string(), "--smtp-credentials", credentials.string()});
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    const auto messages = sink.messages();
    ASSERT_EQ(messages.size(), 3u);
    for (const auto& m : messages) {
      EXPECT_TRUE(m["tls"].get<bool>());
      EXPECT_TRUE(m["authenticated"].get<bool>());
    }
  }

  // The same tickets re-issued go out over SMTPS (TLS from the first byte).
  world.add_registrations(R"([{"id": 1003, "first_name": "Ayşe", "last_name": "Yılmaz",
    "email": "ayse@example.org", "venue": "dessau", "topics": ["HF2"], "ticket_serial": 1}])");
  SmtpSink smtps(world.server().dir() / "smtps", {"--smtps", cert.string(), key.string()});
  const auto run =
      world.tickets({"--smtp", smtps.url("smtps", "localhost"), "--smtp-ca", cert.string()});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto messages = smtps.messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_TRUE(messages[0]["tls"].get<bool>());
}

// The organiser's own wording (`tickets --lang-dir`): a changed subject and sentence appear in
// both parts of every e-mail; what the override leaves out stays as bundled and is named once.
TEST(TicketMail, AnOrganisersWordingChangesSubjectAndSentenceInBothParts) {
  TicketWorld world;
  world.add_registrations(kRegistrations);
  const fs::path lang = world.server().dir() / "wording";
  fs::create_directories(lang);
  write_file(lang / "de.json", R"({"language": {"code": "de", "name": "Deutsch"}, "mail": {
    "subject": "Ihre Einladung",
    "checkin.show": "Bitte zeigen Sie am Eingang den QR-Code & Ihren Ausweis vor."}})");
  SmtpSink sink(world.sink_dir());
  const ProgramRun run =
      world.tickets({"--smtp", sink.url(), "--starttls", "optional", "--lang-dir", lang.string()});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  const auto messages = sink.messages();
  ASSERT_EQ(messages.size(), 3u);
  for (const auto& m : messages) {
    SCOPED_TRACE(m["rcpt_tos"].dump());
    EXPECT_TRUE(contains(m["subject"], "Ihre Einladung / Your ticket: Regionalkonferenzen 2019 – "))
        << m["subject"];
    EXPECT_TRUE(
        contains(m["text"], "Bitte zeigen Sie am Eingang den QR-Code & Ihren Ausweis vor."));
    EXPECT_TRUE(contains(
        m["html"], "<p>Bitte zeigen Sie am Eingang den QR-Code &amp; Ihren Ausweis vor.</p>"));
    EXPECT_FALSE(contains(m["text"], "an der Einlass-Station vor")) << "the bundled sentence";
    // Left out of the override: the bundled German text, and English as bundled.
    EXPECT_TRUE(contains(m["text"], "Ohne Code: Am Infotisch"));
    EXPECT_TRUE(contains(m["text"], "Show the QR code from this e-mail at the check-in kiosk"));
  }
  const std::string warning = (lang / "de.json").string() + " has no (or an empty) text for ";
  const size_t first = run.err.find(warning);
  ASSERT_NE(first, std::string::npos) << run.err;
  EXPECT_EQ(run.err.find(warning, first + 1), std::string::npos) << "said once, not per e-mail";
  EXPECT_NE(run.err.find("the bundled text is used"), std::string::npos) << run.err;
}

// A language file that does not parse stops the run before anything happens: no placement, no
// file, no outbox row — and e-mails queued by an earlier dry run are not sent either.
TEST(TicketMail, ABrokenWordingFileStopsTheRunBeforeAnythingIsWrittenOrSent) {
  TicketWorld world;
  world.add_registrations(kRegistrations);
  const fs::path lang = world.server().dir() / "wording";
  fs::create_directories(lang);
  write_file(lang / "en.json", R"({"language": {"code": "en", "name": "English"}, "mail": {
    "subject": "Your invitation",}})");
  SmtpSink sink(world.sink_dir());
  const std::vector<std::string> send{"--smtp",   sink.url(),   "--starttls",
                                      "optional", "--lang-dir", lang.string()};
  const ProgramRun refused = world.tickets(send);
  EXPECT_EQ(refused.exit_code, 2) << refused.out << refused.err;
  EXPECT_NE(
      refused.err.find((lang / "en.json").string() + " is not valid JSON: parse error at line 2"),
      std::string::npos)
      << "the file and where it breaks: " << refused.err;
  EXPECT_NE(refused.err.find("nothing was changed"), std::string::npos) << refused.err;
  EXPECT_FALSE(fs::exists(world.out())) << "no QR code or e-mail written";
  EXPECT_TRUE(world.outbox_states().empty());
  EXPECT_EQ(world.round_topics(1001), "") << "no placement stored";

  ASSERT_EQ(world.tickets({"--dry-run"}).exit_code, 0);
  const auto eml_before = read_file(world.out() / "R1001-0.eml");
  const ProgramRun again = world.tickets(send);
  EXPECT_EQ(again.exit_code, 2) << again.out << again.err;
  EXPECT_TRUE(sink.messages().empty()) << "queued e-mails are not sent by a refused run";
  for (const auto& [id, state] : world.outbox_states())
    EXPECT_EQ(state, "queued") << id;
  EXPECT_EQ(read_file(world.out() / "R1001-0.eml"), eml_before);
}

// A line break in the subject would break the e-mail's header: refused when the wording is read,
// naming the file and the text, before any placement, file or outbox row exists (it used to
// abort the program while writing the e-mails, after the placements were committed).
TEST(TicketMail, ALineBreakInTheSubjectIsRefusedBeforeAnythingIsStored) {
  TicketWorld world;
  world.add_registrations(kRegistrations);
  const fs::path lang = world.server().dir() / "wording";
  fs::create_directories(lang);
  write_file(lang / "de.json", R"({"language": {"code": "de", "name": "Deutsch"}, "mail": {
    "subject": "a\nb"}})");
  SmtpSink sink(world.sink_dir());
  const ProgramRun run =
      world.tickets({"--smtp", sink.url(), "--starttls", "optional", "--lang-dir", lang.string()});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.err.find((lang / "de.json").string() + ": \"subject\" must be one line"),
            std::string::npos)
      << "the file and the text: " << run.err;
  EXPECT_NE(run.err.find("nothing was changed"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(world.out())) << "no QR code or e-mail written";
  EXPECT_TRUE(world.outbox_states().empty());
  EXPECT_EQ(world.round_topics(1001), "") << "no placement stored";
  EXPECT_TRUE(sink.messages().empty());
}

// E-mails a dry run wrote go out as written. Sending them with other wording (--lang-dir) says
// so instead of silently sending the old words; the same wording as the dry run says nothing.
TEST(TicketMail, SendingWithOtherWordingThanTheDryRunSaysTheyGoOutAsWritten) {
  const auto write_wording = [](const fs::path& lang) {
    fs::create_directories(lang);
    write_file(lang / "de.json", R"({"language": {"code": "de", "name": "Deutsch"}, "mail": {
      "subject": "Ihre Einladung"}})");
  };
  const std::string warning = "3 e-mail(s) were written earlier with the wording of that run";
  {
    TicketWorld world;
    world.add_registrations(kRegistrations);
    const fs::path lang = world.server().dir() / "wording";
    write_wording(lang);
    ASSERT_EQ(world.tickets({"--dry-run"}).exit_code, 0);
    SmtpSink sink(world.sink_dir());
    const ProgramRun run = world.tickets(
        {"--smtp", sink.url(), "--starttls", "optional", "--lang-dir", lang.string()});
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    EXPECT_NE(run.err.find(warning), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("give the same --lang-dir to the --dry-run"), std::string::npos)
        << "says what to do: " << run.err;
    const auto messages = sink.messages();
    ASSERT_EQ(messages.size(), 3u);
    for (const auto& m : messages)
      EXPECT_TRUE(contains(m["subject"], "Ihr Ticket / Your ticket")) << "as written: " << m;
  }
  {
    TicketWorld world;
    world.add_registrations(kRegistrations);
    const fs::path lang = world.server().dir() / "wording";
    write_wording(lang);
    ASSERT_EQ(world.tickets({"--dry-run", "--lang-dir", lang.string()}).exit_code, 0);
    SmtpSink sink(world.sink_dir());
    const ProgramRun run = world.tickets(
        {"--smtp", sink.url(), "--starttls", "optional", "--lang-dir", lang.string()});
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    EXPECT_EQ(run.err.find(warning), std::string::npos) << "the same wording: " << run.err;
    const auto messages = sink.messages();
    ASSERT_EQ(messages.size(), 3u);
    for (const auto& m : messages)
      EXPECT_TRUE(contains(m["subject"], "Ihre Einladung / Your ticket")) << m;
  }
}

}  // namespace
}  // namespace einlass::testing
