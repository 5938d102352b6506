// What an organiser gets from `einlass-server export`: a workbook whose summary and participant
// sheets hold the right people, with the registration site's number, and counts (undone
// check-ins cancelled, walk-ins flagged, room
// presence against capacity), CSV that German Excel and scripts read correctly, names from the
// public form that cannot run as formulas, a log of every export, and clear refusals that
// write and log nothing.
#include <gtest/gtest.h>

#include <pwd.h>
#include <unistd.h>

#include <map>
#include <sstream>

#include "sync/server/export/attendance_export.hpp"
#include "tests/integration/export_fixture.hpp"

namespace einlass::testing {
namespace {

using nlohmann::json;
using sync::server::ExportFormat;

// The Magdeburg day (CEST, UTC+2): check-ins at 15:07, 15:12, 15:20 venue time.
class ExportMagdeburg : public ::testing::Test {
 protected:
  void SetUp() override {
    world.register_people({
        ExportWorld::person(1001, "Jörg", "Müller", "Verein \"Miteinander\"; e.V."),
        ExportWorld::person(1002, "=HYPERLINK(\"http://x.example/?a\";\"b\")", "Äbel",
                            "Stadt\nMagdeburg"),
        ExportWorld::person(1003, "Zoë", "Zander", "Caritas, Magdeburg"),
        ExportWorld::person(1004, "Bernd", "Brandt", "Landkreis Börde"),
        ExportWorld::person(2001, "Dora", "Dessauer", "Anhalt", "dessau"),
    });
    // The registration site's numbers; Zander came from a list without them (by address).
    world.import_identity(1001, "id:RK19-10010");
    world.import_identity(1002, "id:-0815");  // a number that a spreadsheet would calculate
    world.import_identity(1003, "email:person1003@example.org");
    world.import_identity(1004, "id:RK19-10040");
    world.entry("R1001", utc_ms(2019, 9, 12, 13, 7));
    world.entry("R1001", utc_ms(2019, 9, 12, 13, 9), "kiosk-b");  // admitted twice: counted once
    world.room_entry("R1001", 1, "mag-hf1", utc_ms(2019, 9, 12, 13, 50));
    world.room_entry("R1001", 2, "mag-hf4", utc_ms(2019, 9, 12, 15, 5));
    world.entry("R1002", utc_ms(2019, 9, 12, 13, 12));
    const std::string mistaken = world.entry("R1004", utc_ms(2019, 9, 12, 13, 15));
    world.undo(mistaken, "R1004", utc_ms(2019, 9, 12, 13, 16));
    world.walk_in("W1", "Ute", "Özdemir", "-minus GmbH", utc_ms(2019, 9, 12, 13, 20));
  }

  sync::server::ExportSummary run(ExportFormat format, const fs::path& out,
                                  std::optional<std::string> venue = "magdeburg") {
    sync::server::ExportRequest request;
    request.format = format;
    request.venue = std::move(venue);
    request.requested_by = "organiser:anna";
    return sync::server::write_attendance_export(world.db(), world.config(), request, out);
  }

  int64_t logged_exports() { return world.db().query_int("SELECT COUNT(*) FROM export_log"); }

  ExportWorld world;
};

TEST_F(ExportMagdeburg, GermanExcelCsvIsByteExact) {
  const fs::path out = world.dir() / "anwesenheit.csv";
  const auto summary = run(ExportFormat::csv_excel, out);
  EXPECT_EQ(summary.participant_rows, 5);
  const std::string venue = "Industrie- und Handelskammer Magdeburg;12.09.2019;";
  const std::string expected =
      "\xEF\xBB\xBF"
      "Veranstaltungsort;Tag;Teilnehmer-Nr.;Anmelde-Nr.;Nachname;Vorname;Organisation;"
      "Eingecheckt;Gesprächsrunde 1;Gesprächsrunde 2;Spontan angemeldet\r\n" +
      venue +
      "R1002;'-0815;Äbel;\"'=HYPERLINK(\"\"http://x.example/?a\"\";\"\"b\"\")\";"
      "\"Stadt\nMagdeburg\";12.09.2019 15:12;;;nein\r\n" +
      venue + "R1004;RK19-10040;Brandt;Bernd;Landkreis Börde;;;;nein\r\n" + venue +
      "R1001;RK19-10010;Müller;Jörg;\"Verein \"\"Miteinander\"\"; e.V.\";12.09.2019 15:07;"
      "Seminarraum 1.01;Seminarraum 1.04;nein\r\n" +
      venue + "W1;;Özdemir;Ute;'-minus GmbH;12.09.2019 15:20;;;ja\r\n" + venue +
      "R1003;;Zander;Zoë;Caritas, Magdeburg;;;;nein\r\n";
  EXPECT_EQ(read_file(out), expected);
}

TEST_F(ExportMagdeburg, PlainCsvIsRfc4180WithIsoTimes) {
  const fs::path out = world.dir() / "attendance.csv";
  run(ExportFormat::csv_plain, out);
  const std::string prefix = "magdeburg,2019-09-12,";
  const std::string expected =
      "venue,day,participant,registration_number,last_name,first_name,organisation,checked_in,"
      "round_1_rooms,round_2_rooms,walk_in\r\n" +
      prefix +
      "R1002,'-0815,Äbel,\"'=HYPERLINK(\"\"http://x.example/?a\"\";\"\"b\"\")\","
      "\"Stadt\nMagdeburg\",2019-09-12T15:12:00+02:00,,,false\r\n" +
      prefix + "R1004,RK19-10040,Brandt,Bernd,Landkreis Börde,,,,false\r\n" + prefix +
      "R1001,RK19-10010,Müller,Jörg,\"Verein \"\"Miteinander\"\"; e.V.\","
      "2019-09-12T15:07:00+02:00,Seminarraum 1.01,Seminarraum 1.04,false\r\n" +
      prefix + "W1,,Özdemir,Ute,'-minus GmbH,2019-09-12T15:20:00+02:00,,,true\r\n" + prefix +
      "R1003,,Zander,Zoë,\"Caritas, Magdeburg\",,,,false\r\n";
  EXPECT_EQ(read_file(out), expected);
}

// Finds the row (number as text) whose cells in the given columns hold these values.
std::string row_where(const XlsxCells& cells,
                      const std::vector<std::pair<std::string, std::string>>& wanted) {
  for (const auto& [ref, cell] : cells) {
    const std::string row = ref.substr(ref.find_first_of("0123456789"));
    bool all = true;
    for (const auto& [column, value] : wanted) {
      const auto it = cells.find(column + row);
      all = all && it != cells.end() && it->second.value == value;
    }
    if (all) return row;
  }
  return "";
}

double number_at(const XlsxCells& cells, const std::string& ref) {
  const auto it = cells.find(ref);
  if (it == cells.end()) {
    ADD_FAILURE() << "no cell " << ref;
    return -1;
  }
  EXPECT_EQ(it->second.type, "n") << ref << " should be a number";
  return std::stod(it->second.value);
}

TEST_F(ExportMagdeburg, WorkbookHasSummaryAndParticipantSheet) {
  const fs::path out = world.dir() / "anwesenheit.xlsx";
  const auto summary = run(ExportFormat::xlsx, out);
  EXPECT_EQ(summary.participant_rows, 5);
  EXPECT_EQ(xlsx_sheet_names(out), (std::vector<std::string>{"Übersicht", "Magdeburg"}));

  const XlsxCells overview = xlsx_cells(out, 1);
  const std::string day = row_where(overview, {{"A", "Magdeburg"}, {"C", "4"}});
  ASSERT_FALSE(day.empty()) << "no Magdeburg line with 4 registered";
  EXPECT_EQ(overview.at("C" + std::to_string(std::stoi(day) - 1)).value, "Angemeldet");
  EXPECT_DOUBLE_EQ(number_at(overview, "B" + day), 43720.0) << "12.09.2019 as an Excel date";
  EXPECT_EQ(number_at(overview, "D" + day), 3) << "checked in: Müller once, Äbel, Özdemir";
  EXPECT_EQ(number_at(overview, "E" + day), 1) << "walk-ins";
  EXPECT_EQ(number_at(overview, "F" + day), 2) << "no-shows: Zander, and Brandt (undone)";

  const std::string hf1 =
      row_where(overview, {{"C", "Gesprächsrunde 1"}, {"E", "Seminarraum 1.01"}});
  ASSERT_FALSE(hf1.empty());
  EXPECT_EQ(overview.at("D" + hf1).value, "HF1 Integrationsmonitoring und Evaluation");
  EXPECT_EQ(number_at(overview, "F" + hf1), 30) << "capacity";
  EXPECT_EQ(number_at(overview, "G" + hf1), 1) << "present";
  EXPECT_NEAR(number_at(overview, "H" + hf1), 1.0 / 30, 1e-9) << "share of capacity";
  const std::string hf4 =
      row_where(overview, {{"C", "Gesprächsrunde 2"}, {"E", "Seminarraum 1.04"}});
  ASSERT_FALSE(hf4.empty());
  EXPECT_EQ(number_at(overview, "G" + hf4), 1);
  const std::string empty_room =
      row_where(overview, {{"C", "Gesprächsrunde 2"}, {"E", "Seminarraum 1.01"}});
  ASSERT_FALSE(empty_room.empty());
  EXPECT_EQ(number_at(overview, "G" + empty_room), 0);

  const XlsxCells people = xlsx_cells(out, 2);
  EXPECT_EQ(people.at("A1").value, "Tag");
  EXPECT_EQ(people.at("B1").value, "Teilnehmer-Nr.");
  EXPECT_EQ(people.at("C1").value, "Anmelde-Nr.") << "the site's number, next to the name";
  EXPECT_EQ(people.at("D1").value, "Nachname");
  EXPECT_EQ(people.at("G1").value, "Eingecheckt");
  EXPECT_EQ(people.at("J1").value, "Spontan angemeldet");
  EXPECT_EQ(people.at("D2").value, "Äbel");
  // The site number "-0815" stays as the site wrote it: a string cell (not the number -815,
  // not a formula) and without the CSV dialects' apostrophe.
  EXPECT_EQ(people.at("C2").value, "-0815");
  EXPECT_TRUE(people.at("C2").type == "s" || people.at("C2").type == "inlineStr")
      << people.at("C2").type;
  // The formula from the registration form is a string cell, which Excel never evaluates: it
  // shows as typed, without the CSV dialects' apostrophe.
  EXPECT_EQ(people.at("E2").value, "=HYPERLINK(\"http://x.example/?a\";\"b\")");
  EXPECT_TRUE(people.at("E2").type == "s" || people.at("E2").type == "inlineStr")
      << "a string cell, never a formula (\"str\") or number: " << people.at("E2").type;
  EXPECT_NEAR(number_at(people, "G2"), 43720.0 + (15 * 60 + 12) / 1440.0, 1e-6)
      << "check-in 15:12 venue time as an Excel date-time";
  const std::string mueller = row_where(people, {{"D", "Müller"}});
  ASSERT_FALSE(mueller.empty());
  EXPECT_EQ(people.at("B" + mueller).value, "R1001");
  EXPECT_EQ(people.at("C" + mueller).value, "RK19-10010");
  EXPECT_EQ(people.at("F" + mueller).value, "Verein \"Miteinander\"; e.V.");
  EXPECT_EQ(people.at("H" + mueller).value, "Seminarraum 1.01");
  EXPECT_EQ(people.at("I" + mueller).value, "Seminarraum 1.04");
  EXPECT_EQ(people.at("J" + mueller).value, "nein");
  const std::string walk_in = row_where(people, {{"D", "Özdemir"}});
  ASSERT_FALSE(walk_in.empty());
  EXPECT_EQ(people.at("J" + walk_in).value, "ja");
  EXPECT_EQ(people.count("C" + walk_in), 0u) << "a walk-in has no site number";
  EXPECT_EQ(people.at("F" + walk_in).value, "-minus GmbH")
      << "XLSX strings are never formulas: no visible apostrophe";
  const std::string by_address = row_where(people, {{"D", "Zander"}});
  ASSERT_FALSE(by_address.empty());
  EXPECT_EQ(people.count("C" + by_address), 0u)
      << "imported by e-mail address: no site number, and never the address";
  const std::string no_show = row_where(people, {{"D", "Brandt"}});
  ASSERT_FALSE(no_show.empty());
  EXPECT_EQ(people.at("C" + no_show).value, "RK19-10040");
  EXPECT_EQ(people.count("G" + no_show), 0u) << "an undone check-in leaves no time";
  EXPECT_EQ(row_where(people, {{"D", "Dessauer"}}), "") << "another venue's participant";

  const std::string xml = xlsx_member(out, "xl/worksheets/sheet2.xml");
  EXPECT_EQ(xml.find("<f>"), std::string::npos) << "no cell is a formula";
  EXPECT_NE(xml.find("<autoFilter ref=\"A1:J6\"/>"), std::string::npos) << xml.substr(0, 600);
  EXPECT_NE(xml.find("state=\"frozen\""), std::string::npos);
  EXPECT_NE(xml.find("ySplit=\"1\""), std::string::npos);
  EXPECT_NE(xml.find("customWidth=\"1\""), std::string::npos) << "columns sized to their content";
  EXPECT_EQ(xml.find("person1001@example.org"), std::string::npos) << "no e-mail addresses";
}

TEST_F(ExportMagdeburg, AllVenuesGetOneSheetEachWithValidNames) {
  const fs::path out = world.dir() / "alle.xlsx";
  const auto summary = run(ExportFormat::xlsx, out, std::nullopt);
  EXPECT_EQ(summary.participant_rows, 6);
  EXPECT_EQ(summary.venues, (std::vector<std::string>{"magdeburg", "dessau", "stendal", "halle"}));
  EXPECT_EQ(xlsx_sheet_names(out),
            (std::vector<std::string>{"Übersicht", "Magdeburg", "Dessau-Roßlau", "Stendal",
                                      "Halle-Saale"}))
      << "'/' is not allowed in a sheet name";
  const XlsxCells dessau = xlsx_cells(out, 3);
  EXPECT_EQ(dessau.at("D2").value, "Dessauer");
  EXPECT_EQ(dessau.count("G2"), 0u) << "Dessau had no check-ins";
}

TEST_F(ExportMagdeburg, EveryExportIsLoggedAndListed) {
  run(ExportFormat::xlsx, world.dir() / "a.xlsx");
  run(ExportFormat::csv_plain, world.dir() / "b.csv", std::nullopt);
  const ProgramRun cli =
      world.cli({"export", "--format", "csv-excel", "-o", (world.dir() / "c.csv").string()});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_NE(cli.out.find("6 participant rows"), std::string::npos) << cli.out;

  const ProgramRun log = world.cli({"export", "--log", "--json"});
  ASSERT_EQ(log.exit_code, 0) << log.err;
  std::istringstream lines(log.out);
  std::vector<json> entries;
  for (std::string line; std::getline(lines, line);)
    entries.push_back(json::parse(line));
  ASSERT_EQ(entries.size(), 3u) << log.out;
  const std::string user = ::getpwuid(::geteuid())->pw_name;
  EXPECT_EQ(entries[0]["requested_by"], "cli:" + user) << "newest first";
  EXPECT_EQ(entries[0]["format"], "csv-excel");
  EXPECT_EQ(entries[0]["venue"], "");
  EXPECT_EQ(entries[0]["rows"], 6);
  EXPECT_EQ(entries[1]["requested_by"], "organiser:anna");
  EXPECT_EQ(entries[1]["format"], "csv");
  EXPECT_EQ(entries[2]["format"], "xlsx");
  EXPECT_EQ(entries[2]["venue"], "magdeburg");
  EXPECT_EQ(entries[2]["rows"], 5);
  EXPECT_EQ(entries[2]["file"], (world.dir() / "a.xlsx").string());
  EXPECT_TRUE(entries[2]["created"].get<std::string>().starts_with("20"));
  EXPECT_GT(entries[0]["id"].get<int64_t>(), entries[2]["id"].get<int64_t>());

  const ProgramRun text = world.cli({"export", "--log"});
  EXPECT_NE(text.out.find("organiser:anna  csv  all venues  6 rows"), std::string::npos)
      << text.out;
}

TEST_F(ExportMagdeburg, BadRequestsSayWhatToDoAndWriteNothing) {
  const fs::path out = world.dir() / "x.xlsx";
  auto refused = [&](std::vector<std::string> args, const std::string& message) {
    const ProgramRun run = world.cli(args);
    EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
    EXPECT_NE(run.err.find(message), std::string::npos) << run.err;
    EXPECT_FALSE(fs::exists(out));
    EXPECT_EQ(logged_exports(), 0);
  };
  refused({"export", "--format", "xls", "-o", out.string()},
          "unknown --format \"xls\": use xlsx, csv-excel (opens in German Excel) or csv");
  refused({"export", "--venue", "leipzig", "-o", out.string()},
          "\"leipzig\" is not a venue of the event (venues: magdeburg, dessau, stendal, halle)");
  refused({"export", "--format", "csv"}, "say where to write the export: -o attendance.csv");
  refused({"export", "-o", (world.dir() / "missing" / "x.xlsx").string()},
          "does not exist; create it or choose another");
  refused({"export", "-o", world.dir().string()}, "is a folder; give a file name");

  sync::server::ExportRequest nobody;
  EXPECT_THROW(sync::server::write_attendance_export(world.db(), world.config(), nobody, out),
               sync::server::ExportError);
  EXPECT_FALSE(fs::exists(out));
  EXPECT_EQ(logged_exports(), 0);
}

TEST_F(ExportMagdeburg, AFailedExportKeepsTheEarlierFile) {
  const fs::path out = world.dir() / "bericht.csv";
  write_file(out, "the report from yesterday");
  // A folder where the temporary file would go makes the write fail part-way.
  fs::create_directory(out.string() + ".part-" + std::to_string(::getpid()));
  EXPECT_THROW(run(ExportFormat::csv_excel, out), sync::server::ExportError);
  EXPECT_EQ(read_file(out), "the report from yesterday");
  EXPECT_EQ(logged_exports(), 0);
}

// The people `attendance` lists (admitted more than once) carry the site's number, so the
// organiser finds them in the site's list; those without one show none.
TEST_F(ExportMagdeburg, AttendanceNamesTheSiteNumberOfDuplicates) {
  world.entry("R1003", utc_ms(2019, 9, 12, 13, 30));
  world.entry("R1003", utc_ms(2019, 9, 12, 13, 31), "kiosk-b");  // imported by address
  world.entry("W1", utc_ms(2019, 9, 12, 13, 32), "kiosk-b");     // the walk-in, again

  const ProgramRun text = world.cli({"attendance"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("magdeburg 2019-09-12: 4 checked in, 1 walk-ins, 3 admitted more than "
                          "once (counted once; check the devices)\n"
                          "  R1001 (Anmelde-Nr. RK19-10010) at kiosk-a kiosk-b\n"
                          "  R1003 at kiosk-a kiosk-b\n"
                          "  W1 at kiosk-a kiosk-b\n"),
            std::string::npos)
      << text.out;

  const ProgramRun run = world.cli({"attendance", "--json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json report = json::parse(run.out);  // kept alive: the loop reads into it
  std::map<std::string, std::string> numbers;
  for (const json& day : report["days"])
    for (const json& duplicate : day["duplicates"])
      numbers[duplicate["participant"]] = duplicate["registration_number"];
  EXPECT_EQ(numbers, (std::map<std::string, std::string>{
                         {"R1001", "RK19-10010"}, {"R1003", ""}, {"W1", ""}}));
}

// A walk-in whose entry staff undid (typed in by mistake) did not come: attendance and the
// exports neither count nor list them.
TEST_F(ExportMagdeburg, AWalkInWhoseEntryWasUndoneIsNotCounted) {
  core::CheckinEvent w;
  w.kind = core::EventKind::WalkIn;
  w.participant = "W2";
  w.venue = "magdeburg";
  w.day = ExportWorld::kMagdeburgDay;
  w.wall_ms = utc_ms(2019, 9, 12, 13, 30);
  w.detail = json{{"first_name", "Irrtum"},
                  {"last_name", "Versehentlich"},
                  {"organisation", "Falsch eingetippt"},
                  {"topics", std::vector<std::string>{}}}
                 .dump();
  world.record(w);
  const std::string entry = world.entry("W2", utc_ms(2019, 9, 12, 13, 30));
  world.undo(entry, "W2", utc_ms(2019, 9, 12, 13, 31));

  const ProgramRun attendance = world.cli({"attendance", "--json"});
  ASSERT_EQ(attendance.exit_code, 0) << attendance.err;
  const json report = json::parse(attendance.out);  // kept alive: the loop reads into it
  for (const json& day : report["days"]) {
    if (day["venue"] == "magdeburg") {
      EXPECT_EQ(day["walk_ins"], 1) << "only Ute came";
    }
  }

  const fs::path out = world.dir() / "anwesenheit.csv";
  run(ExportFormat::csv_plain, out);
  const std::string csv = read_file(out);
  EXPECT_NE(csv.find("Özdemir"), std::string::npos) << csv;
  EXPECT_EQ(csv.find("Versehentlich"), std::string::npos) << csv;

  const fs::path xlsx = world.dir() / "anwesenheit.xlsx";
  run(ExportFormat::xlsx, xlsx);
  const XlsxCells overview = xlsx_cells(xlsx, 1);
  const std::string day = row_where(overview, {{"A", "Magdeburg"}, {"C", "4"}});
  ASSERT_FALSE(day.empty());
  EXPECT_EQ(number_at(overview, "E" + day), 1) << "walk-ins: only Ute came";
  EXPECT_TRUE(row_where(xlsx_cells(xlsx, 2), {{"D", "Versehentlich"}}).empty());
}

// A venue removed from the config after people checked in there: the exports still work and
// leave those rows out (as they do for registrations), instead of crashing.
TEST_F(ExportMagdeburg, AVenueNoLongerInTheConfigIsLeftOut) {
  std::string toml = read_file(app::default_event_file());
  const std::string old_id = "id = \"magdeburg\"";
  ASSERT_NE(toml.find(old_id), std::string::npos);
  toml.replace(toml.find(old_id), old_id.size(), "id = \"magdeburg-neu\"");
  const fs::path file = world.dir() / "geaendert.toml";
  write_file(file, toml);
  sync::server::set_event_config(world.db(), file);

  for (const char* format : {"csv", "csv-excel", "xlsx"}) {
    const fs::path out = world.dir() / (std::string("bericht.") + format);
    const ProgramRun run = world.cli({"export", "--format", format, "-o", out.string()});
    EXPECT_EQ(run.exit_code, 0) << format << ": " << run.out << run.err;
    ASSERT_TRUE(fs::exists(out)) << format;
    if (std::string(format) != "xlsx") {
      EXPECT_EQ(read_file(out).find("Özdemir"), std::string::npos) << format;
      EXPECT_NE(read_file(out).find("Dessauer"), std::string::npos) << format;
    }
  }
}

// Every export is logged: if the log entry cannot be committed after the file was put in
// place, the file is removed again and the export fails.
TEST_F(ExportMagdeburg, AnExportThatCannotBeLoggedLeavesNoFile) {
  const fs::path out = world.dir() / "anwesenheit.xlsx";
  sync::server::ExportRequest request;
  request.format = ExportFormat::xlsx;
  request.requested_by = "organiser:anna";
  EXPECT_THROW(sync::server::write_attendance_export(
                   world.db(), world.config(), request, out,
                   [] { throw store::StoreError("disk I/O error (injected)"); }),
               store::StoreError);
  EXPECT_FALSE(fs::exists(out)) << "an export nobody logged must not exist";
  EXPECT_EQ(logged_exports(), 0);
}

}  // namespace
}  // namespace einlass::testing
