// `einlass-server purge`: refused before the retention period ends (nothing changes), a dry run
// that only tells, and after the period: names, e-mail addresses, organisations, codes and
// per-person events gone from the database file, while attendance and exports still give the
// same counts per venue, day, round and room.
#include <gtest/gtest.h>

#include <regex>

#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/core/unix_time.hpp"
#include "sync/server/attendance.hpp"
#include "sync/server/export/attendance_export.hpp"
#include "sync/server/retention/ticket_folders.hpp"
#include "tests/integration/export_fixture.hpp"

namespace einlass::testing {
namespace {

using nlohmann::json;

class PurgeServer : public ::testing::Test {
 protected:
  void SetUp() override {
    auto secret = ExportWorld::person(1001, "Jörg", "Müllerschön", "Verein Miteinander");
    secret.opaque_code = "OPAQUE-4711";
    world.register_people({secret, ExportWorld::person(1002, "Anna", "Abel", "Stadt"),
                           ExportWorld::person(1003, "Zoë", "Zander", "Caritas")});
    world.import_identity(1001, "id:RK19-10010");  // the registration site's number
    world.entry("R1001", utc_ms(2019, 9, 12, 13, 7));
    world.room_entry("R1001", 1, "mag-hf1", utc_ms(2019, 9, 12, 13, 50));
    world.entry("R1002", utc_ms(2019, 9, 12, 13, 12));
    world.walk_in("W1", "Ute", "Özdemirwalk", "Spontan GmbH", utc_ms(2019, 9, 12, 13, 20));
  }

  // The cell reference of the first cell holding `value`, or "".
  static std::string cell_with(const XlsxCells& cells, const std::string& value) {
    for (const auto& [ref, cell] : cells)
      if (cell.value == value) return ref;
    return "";
  }
  int64_t rows(const std::string& table) {
    return world.db().query_int("SELECT COUNT(*) FROM " + table);
  }
  json attendance() {
    const ProgramRun run = world.cli({"attendance", "--json"});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return json::parse(run.out);
  }
  // The database file and its WAL as bytes: what someone with the disk could read.
  std::string file_bytes() {
    std::string bytes = read_file(world.db_file());
    const fs::path wal = world.db_file().string() + "-wal";
    if (fs::exists(wal)) bytes += read_file(wal);
    return bytes;
  }

  // The event with the longest retention period the config allows (3650 days after
  // 2019-09-26): its period has not ended yet on the real clock, so a purge must refuse.
  void keep_for_ten_years() {
    std::string toml = read_file(app::default_event_file());
    toml = std::regex_replace(toml, std::regex("retention_days = 90"), "retention_days = 3650");
    const fs::path file = world.dir() / "zehn-jahre.toml";
    write_file(file, toml);
    sync::server::set_event_config(world.db(), file);
  }
  // A ticket e-mail in the mail outbox, its .eml at `eml` (the QR PNG goes beside it).
  void queue_ticket_mail(uint32_t registration, const fs::path& eml) {
    world.db()
        .prepare(
            "INSERT INTO mail_outbox (registration_id, ticket_serial, email, code, message_id, "
            "eml_file, state, created_ms, updated_ms) VALUES (?, 0, ?, 'CODE', ?, ?, 'queued', "
            "0, 0)")
        .bind(1, int64_t{registration})
        .bind(2, "person" + std::to_string(registration) + "@example.org")
        .bind(3, "ticket-" + std::to_string(registration) + "@example.org")
        .bind(4, eml.string())
        .run();
  }

  ExportWorld world;
};

TEST_F(PurgeServer, RefusedBeforeThePeriodEndsAndNothingChanges) {
  keep_for_ten_years();
  const json before = attendance();
  const ProgramRun run = world.cli({"purge"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.err.find("purge refused: the retention period (retention_days = 3650 after the "
                         "last day, 2019-09-26) ends at the end of 2029-09-23 (Europe/Berlin); "
                         "nothing was deleted"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(rows("registrations"), 3);
  EXPECT_EQ(rows("events"), 5);
  EXPECT_EQ(rows("purge_log"), 0);
  EXPECT_EQ(attendance(), before);

  const ProgramRun bad = world.cli({"purge", "--dry-run", "--now", "Weihnachten"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--now \"Weihnachten\" is not a date and time; write venue time like "
                         "2019-12-26T09:00"),
            std::string::npos)
      << bad.err;
  EXPECT_EQ(rows("registrations"), 3);
}

TEST_F(PurgeServer, DryRunTellsWhatWouldGoAndChangesNothing) {
  const ProgramRun run = world.cli({"purge", "--dry-run", "--now", "2019-12-26"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("it has ended, purge may run"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("registrations: 3 rows would be deleted"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("events: 5 rows would be deleted"), std::string::npos) << run.out;
  EXPECT_EQ(rows("registrations"), 3);
  EXPECT_EQ(rows("events"), 5);
  EXPECT_EQ(rows("retained_day_counts"), 0);

  const ProgramRun early = world.cli({"purge", "--dry-run", "--now", "2019-10-01"});
  EXPECT_NE(early.out.find("it has NOT ended; purge would refuse"), std::string::npos) << early.out;
}

TEST_F(PurgeServer, AfterThePeriodPersonalDataGoesAndCountsStay) {
  const json before = attendance();
  const fs::path report_before = world.dir() / "vorher.xlsx";
  ASSERT_EQ(world.cli({"export", "--venue", "magdeburg", "-o", report_before.string()}).exit_code,
            0);
  ASSERT_NE(file_bytes().find("Müllerschön"), std::string::npos) << "the test must see names";
  const XlsxCells people_before = xlsx_cells(report_before, 2);
  ASSERT_EQ(people_before.at("C1").value, "Anmelde-Nr.");
  ASSERT_FALSE(cell_with(people_before, "RK19-10010").empty()) << "the test must see the number";

  const int64_t started_ms = core::unix_now_ms();
  const ProgramRun run = world.cli({"purge"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("registrations: 3 rows deleted"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("delete them too:\n  " + report_before.string()), std::string::npos)
      << "the organiser is reminded of exported lists: " << run.out;
  EXPECT_EQ(rows("registrations"), 0);
  EXPECT_EQ(rows("events"), 0);
  EXPECT_EQ(rows("purge_log"), 1);
  EXPECT_GE(world.db().query_int("SELECT purged_ms FROM purge_log"), started_ms)
      << "the log says when the purge really ran";
  EXPECT_EQ(world.db().query_int("SELECT early FROM purge_log"), 0);
  for (const char* secret : {"Müllerschön", "Özdemirwalk", "person1001@example.org", "OPAQUE-4711",
                             "Verein Miteinander", "Spontan GmbH", "RK19-10010"})
    EXPECT_EQ(file_bytes().find(secret), std::string::npos) << secret << " is still in the file";

  EXPECT_EQ(attendance(), before) << "checked in, walk-ins and rooms per round are kept";
  const fs::path report_after = world.dir() / "nachher.xlsx";
  ASSERT_EQ(world.cli({"export", "--venue", "magdeburg", "-o", report_after.string()}).exit_code,
            0);
  const XlsxCells summary_before = xlsx_cells(report_before, 1);
  const XlsxCells summary_after = xlsx_cells(report_after, 1);
  for (const auto& [ref, cell] : summary_before) {
    ASSERT_TRUE(summary_after.count(ref)) << ref;
    EXPECT_EQ(summary_after.at(ref).value, cell.value) << ref << " changed by the purge";
  }
  EXPECT_EQ(summary_after.size(), summary_before.size());
  EXPECT_EQ(summary_after.at("C4").value, "3") << "registered";
  EXPECT_EQ(summary_after.at("F4").value, "1") << "no-shows";
  const XlsxCells people = xlsx_cells(report_after, 2);
  EXPECT_EQ(people.at("C1").value, "Anmelde-Nr.") << "the sheet keeps its columns";
  EXPECT_EQ(people.count("A2"), 0u) << "no participant is listed any more";
  const fs::path csv_after = world.dir() / "nachher.csv";
  ASSERT_EQ(world.cli({"export", "--format", "csv", "-o", csv_after.string()}).exit_code, 0);
  EXPECT_EQ(read_file(csv_after),
            "venue,day,participant,registration_number,last_name,first_name,organisation,"
            "checked_in,round_1_rooms,round_2_rooms,walk_in\r\n")
      << "no person and no site number is left to export";

  // A second purge keeps the same counts (they are not added twice).
  ASSERT_EQ(world.cli({"purge"}).exit_code, 0);
  EXPECT_EQ(attendance(), before);
}

TEST_F(PurgeServer, OverrideRunsEarlyAndIsLoggedAsEarly) {
  keep_for_ten_years();
  const ProgramRun run = world.cli({"purge", "--before-period-ends"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("BEFORE the retention period ended (override)"), std::string::npos);
  EXPECT_EQ(world.db().query_int("SELECT early FROM purge_log"), 1);
  EXPECT_EQ(rows("registrations"), 0);
}

// A kiosk that pushes a check-in of a day purged early (a deletion request) is not told the
// retention period is over, which would be untrue: it is told the organiser deleted early.
TEST_F(PurgeServer, ACheckInOfADayPurgedEarlyIsRefusedAsDeletedEarly) {
  keep_for_ten_years();
  ASSERT_EQ(world.cli({"purge", "--before-period-ends"}).exit_code, 0);
  core::CheckinEvent late;
  late.kind = core::EventKind::Entry;
  late.participant = "R1003";
  late.venue = "magdeburg";
  late.day = ExportWorld::kMagdeburgDay;
  late.wall_ms = utc_ms(2019, 9, 12, 14, 0);
  late.uuid = core::new_uuid_v7(late.wall_ms);
  late.device = "kiosk-late";
  late.hlc = {late.wall_ms, 0};
  sync::server::Device kiosk;
  kiosk.device_id = "kiosk-late";
  kiosk.venue = "magdeburg";
  const auto results =
      sync::server::ingest_events(world.db(), json::array({sync::protocol::event_to_json(late)}),
                                  kiosk, world.config(), core::unix_now_ms());
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].status, sync::protocol::PushStatus::Rejected);
  const std::string& reason = results[0].reason;
  EXPECT_TRUE(reason.starts_with("the organiser deleted this day's personal data early on "))
      << reason;
  EXPECT_NE(reason.find("before the retention period ended; this check-in is not stored"),
            std::string::npos)
      << reason;
  EXPECT_EQ(reason.find("retention period over"), std::string::npos) << reason;
  EXPECT_EQ(rows("events"), 0) << "nothing of the late check-in is stored";
}

// A pretended date must neither delete before the period ends nor make the log say "on time".
TEST_F(PurgeServer, NowCannotMakeARealPurgeRunEarly) {
  keep_for_ten_years();
  const json before = attendance();
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"purge", "--now", "2030-01-01"},
        std::vector<std::string>{"purge", "--now", "2030-01-01", "--before-period-ends"}}) {
    const ProgramRun run = world.cli(args);
    EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
    EXPECT_NE(run.err.find("--now only works with --dry-run; a real purge goes by the clock. "
                           "Nothing was deleted."),
              std::string::npos)
        << run.err;
  }
  EXPECT_EQ(rows("registrations"), 3);
  EXPECT_EQ(rows("events"), 5);
  EXPECT_EQ(rows("purge_log"), 0);
  EXPECT_EQ(attendance(), before);
}

// Ticket e-mails and their QR codes name the participant: all go (also the printable QR code of
// a ticket without an e-mail address), only files really removed are counted, and one that
// cannot be removed is named.
TEST_F(PurgeServer, TicketFilesGoAndFailuresAreNamed) {
  const fs::path tickets = world.dir() / "tickets";
  fs::create_directories(tickets);
  queue_ticket_mail(1001, tickets / "R1001-0.eml");
  write_file(tickets / "R1001-0.eml", "To: person1001@example.org");
  write_file(tickets / "R1001-0.png", "PNG of the ticket code");
  // Zoë had no e-mail address: `tickets` wrote only her printable QR code, and her outbox row
  // names no file. Her PNG lies in the folder the e-mails went to; the purge finds it there.
  world.db()
      .prepare(
          "INSERT INTO mail_outbox (registration_id, ticket_serial, email, code, message_id, "
          "eml_file, state, created_ms, updated_ms) VALUES (1003, 0, '', 'CODE', 'ticket-1003', "
          "'', 'no_address', 0, 0)")
      .run();
  write_file(tickets / "R1003-0.png", "PNG of a ticket to print");
  // Something in the way that `remove` cannot delete: a folder that is not empty.
  queue_ticket_mail(1002, tickets / "R1002-0.eml");
  fs::create_directories(tickets / "R1002-0.eml");
  write_file(tickets / "R1002-0.eml" / "inside", "x");

  const ProgramRun run = world.cli({"purge"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_FALSE(fs::exists(tickets / "R1001-0.eml"));
  EXPECT_FALSE(fs::exists(tickets / "R1001-0.png")) << "the QR code names the ticket too";
  EXPECT_FALSE(fs::exists(tickets / "R1003-0.png")) << "a ticket without an e-mail address";
  EXPECT_NE(run.out.find("ticket files (.eml and QR .png): 3 deleted"), std::string::npos)
      << "the .eml and .png files that existed, not the missing R1002-0.png: " << run.out;
  EXPECT_NE(run.err.find("these ticket files could not be deleted; delete them by hand:\n  " +
                         (tickets / "R1002-0.eml").string()),
            std::string::npos)
      << run.err;
  EXPECT_EQ(rows("registrations"), 0) << "the database part of the purge is done";
  EXPECT_EQ(rows("mail_outbox"), 0);
}

// A `tickets` run killed before it committed its rows (or a purge killed between its DELETE and
// the file deletion) leaves ticket files no outbox row names. They name a participant too: the
// purge deletes every R<id>-<serial>.eml/.png in a remembered ticket folder, and nothing else.
TEST_F(PurgeServer, StrayTicketFilesInARememberedFolderGo) {
  const fs::path tickets = world.dir() / "tickets";
  fs::create_directories(tickets);
  sync::server::remember_ticket_folder(world.db(), tickets);
  write_file(tickets / "R999-0.eml", "To: someone@example.org");
  write_file(tickets / "R999-0.png", "PNG of a ticket code");
  write_file(tickets / "notes.txt", "the organiser's own file");
  write_file(tickets / "R999-0.png.bak", "not a name `tickets` writes");

  const ProgramRun run = world.cli({"purge"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_FALSE(fs::exists(tickets / "R999-0.eml")) << run.out;
  EXPECT_FALSE(fs::exists(tickets / "R999-0.png")) << run.out;
  EXPECT_TRUE(fs::exists(tickets / "notes.txt")) << "unrelated files stay";
  EXPECT_TRUE(fs::exists(tickets / "R999-0.png.bak")) << "unrelated files stay";
  EXPECT_NE(run.out.find("ticket files (.eml and QR .png): 2 deleted"), std::string::npos)
      << run.out;
}

// A reader holding the WAL (a running server) keeps the purge from folding the deleted pages
// into the main file: the organiser is told to stop the server and purge again.
TEST_F(PurgeServer, BusyWalTellsTheOrganiserToStopTheServer) {
  // A read transaction holds a snapshot from before the purge (so does a serving server).
  world.db().exec("BEGIN");
  world.db().query_int("SELECT COUNT(*) FROM registrations");
  const ProgramRun run = world.cli({"purge"});
  world.db().exec("COMMIT");
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("registrations: 3 rows deleted"), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("Stop the server and run `einlass-server purge` again"), std::string::npos)
      << run.err;
}

}  // namespace
}  // namespace einlass::testing
