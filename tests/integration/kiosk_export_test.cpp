// `einlass-kiosk export`: a kiosk's own attendance list for an event run without a server (one
// laptop, never enrolled). What the organiser opens in Excel must match the check-ins made with
// `einlass-kiosk checkin` / `walk-in`: names with umlauts, walk-ins flagged, an undone check-in
// left out, counts below. The export is recorded in the store; a bad --out says what to do and
// records nothing.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/store/checkin_recorder.hpp"
#include "kiosk/store/checkin_undo.hpp"
#include "kiosk/store/export_record.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "kiosk/store/sync_state.hpp"
#include "tests/integration/kiosk_fixture.hpp"

namespace einlass::testing {
namespace {

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// The file as Excel reads it: BOM, then lines ending in CRLF, fields split at ';' outside
// quotes, "" inside quotes is one quote. An empty line separates the list from the counts.
struct ExcelCsv {
  bool has_bom = false;
  bool crlf_only = true;
  std::vector<std::vector<std::string>> list, counts;
};

ExcelCsv parse_excel_csv(std::string text) {
  ExcelCsv csv;
  csv.has_bom = text.rfind("\xEF\xBB\xBF", 0) == 0;
  if (csv.has_bom) text.erase(0, 3);
  std::vector<std::vector<std::string>> lines;
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ';') {
      fields.emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      lines.push_back(fields);
      fields.assign(1, "");
      ++i;
    } else if (c == '\n') {
      csv.crlf_only = false;
      lines.push_back(fields);
      fields.assign(1, "");
    } else {
      fields.back() += c;
    }
  }
  bool in_counts = false;
  for (const auto& line : lines) {
    if (line.size() == 1 && line[0].empty()) {
      in_counts = true;
      continue;
    }
    (in_counts ? csv.counts : csv.list).push_back(line);
  }
  return csv;
}

const std::vector<std::string>* row_of(const ExcelCsv& csv, const std::string& participant) {
  for (const auto& row : csv.list)
    if (row.size() > 2 && row[2] == participant) return &row;
  return nullptr;
}

TEST(KioskExport, ListsWhatWasCheckedInWithUmlautsAndWalkInsButNotUndoneEntries) {
  KioskWorld world;
  const std::vector<Ticket> tickets = world.tickets(1001, 3);
  {
    // Names the kiosk knows for two ticket holders (as a roster sync brings them); the third is
    // listed by number only, as on a kiosk that never had a roster.
    store::KioskStore store(world.store());
    core::RosterEntry mueller;
    mueller.participant_id = tickets[0].participant;
    mueller.registration_id = 1001;
    mueller.first_name = "Jürgen";
    mueller.last_name = "Müßig-Öztürk";
    mueller.organisation = "Amt für Soziales; Köln";  // the separator inside a field
    mueller.venue = KioskWorld::kVenue;
    mueller.day = "2019-09-12";
    core::RosterEntry formula = mueller;
    formula.participant_id = tickets[1].participant;
    formula.registration_id = 1002;
    formula.first_name = "Eva";
    formula.last_name = "=HYPERLINK(\"x\")";  // from the public registration form
    formula.organisation = "";
    store.upsert_roster({mueller, formula});
  }
  std::vector<nlohmann::json> admitted;
  for (const Ticket& t : tickets) {
    const KioskRun run = world.run(with(world.args("checkin"), {t.code}));
    ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
    admitted.push_back(run.json_lines().at(0));
  }
  const KioskRun walk_in = world.run(
      with(world.args("walk-in"), {"--first-name", "Jörg", "--last-name", "Ähre", "--organisation",
                                   "Verein „Miteinander“ e.V.", "--privacy-consent"}));
  ASSERT_EQ(walk_in.exit_code, 0) << walk_in.out << walk_in.err;
  const std::string walk_in_id = walk_in.json_lines().at(0)["participant"];
  {
    // Staff took back the third ticket holder's check-in.
    store::KioskStore store(world.store());
    ASSERT_TRUE(store::undo_checkin(store, admitted[2]["event"].get<std::string>(), 1568294000000));
  }

  const fs::path out = world.dir() / "anwesenheit.csv";
  const KioskRun exported =
      world.run({"export", "--store", world.store().string(), "--out", out.string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.out << exported.err;
  const nlohmann::json summary = exported.json_lines().at(0);
  EXPECT_EQ(summary["result"], "exported");
  EXPECT_EQ(summary["rows"], 3);
  EXPECT_EQ(summary["file"], fs::absolute(out).string());

  const ExcelCsv csv = parse_excel_csv(read_file(out));
  EXPECT_TRUE(csv.has_bom) << "German Excel shows umlauts only with the BOM";
  EXPECT_TRUE(csv.crlf_only);
  ASSERT_EQ(csv.list.size(), 4u) << "header and three people (the undone one is left out)";
  const std::vector<std::string> header{"Veranstaltungsort", "Tag",
                                        "Teilnehmer-Nr.",    "Nachname",
                                        "Vorname",           "Organisation",
                                        "Eingecheckt",       "Gesprächsrunde 1",
                                        "Gesprächsrunde 2",  "Spontan angemeldet"};
  EXPECT_EQ(csv.list[0], header);
  EXPECT_EQ(row_of(csv, tickets[2].participant), nullptr) << "an undone check-in is not listed";

  const auto* first = row_of(csv, tickets[0].participant);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ((*first)[0], "Industrie- und Handelskammer Magdeburg");
  EXPECT_EQ((*first)[1], "12.09.2019");
  EXPECT_EQ((*first)[3], "Müßig-Öztürk");
  EXPECT_EQ((*first)[4], "Jürgen");
  EXPECT_EQ((*first)[5], "Amt für Soziales; Köln");
  EXPECT_EQ((*first)[6], "12.09.2019 15:10") << "venue time, as German Excel reads a date";
  EXPECT_EQ((*first)[7], admitted[0]["rooms"][0]["room_name"]) << "the room they were told";
  EXPECT_EQ((*first)[8], admitted[0]["rooms"][1]["room_name"]);
  EXPECT_EQ((*first)[9], "nein");

  const auto* formula = row_of(csv, tickets[1].participant);
  ASSERT_NE(formula, nullptr);
  EXPECT_EQ((*formula)[3], "'=HYPERLINK(\"x\")") << "a formula from the form is defused";

  const auto* walker = row_of(csv, walk_in_id);
  ASSERT_NE(walker, nullptr);
  EXPECT_EQ((*walker)[3], "Ähre");
  EXPECT_EQ((*walker)[4], "Jörg");
  EXPECT_EQ((*walker)[5], "Verein „Miteinander“ e.V.");
  EXPECT_EQ((*walker)[9], "ja");
  // As on a printed list: by last name, umlauts next to their vowel ("Ähre" before "Müßig").
  EXPECT_EQ(csv.list[1][3], "'=HYPERLINK(\"x\")");
  EXPECT_EQ(csv.list[2][3], "Ähre");
  EXPECT_EQ(csv.list[3][3], "Müßig-Öztürk");

  ASSERT_EQ(csv.counts.size(), 2u) << "counts header and the one day";
  EXPECT_EQ(csv.counts[1], (std::vector<std::string>{"Industrie- und Handelskammer Magdeburg",
                                                     "12.09.2019", "3", "1", "1"}));

  store::KioskStore store(world.store());
  const auto records = store::export_records(store);
  ASSERT_EQ(records.size(), 1u) << "the export is recorded";
  EXPECT_EQ(records[0].file, fs::absolute(out).string());
  EXPECT_EQ(records[0].format, "csv-excel");
  EXPECT_EQ(records[0].rows, 3);
  EXPECT_EQ(records[0].up_to_seq, store.db().query_int("SELECT MAX(seq) FROM events"));
  EXPECT_EQ(store::unexported_event_count(store), 0);
  // The export runs as a child process: any leftover part file, whatever its pid suffix.
  for (const auto& entry : fs::directory_iterator(world.dir()))
    EXPECT_EQ(entry.path().filename().string().find(".part"), std::string::npos) << entry.path();
}

TEST(KioskExport, BadOutputSaysWhatToDoAndRecordsNothing) {
  KioskWorld world;
  const Ticket ticket = world.tickets(1, 1)[0];
  ASSERT_EQ(world.run(with(world.args("checkin"), {ticket.code})).exit_code, 0);
  const std::string before = store_dump(world.store());
  const auto export_to = [&](const fs::path& out) {
    return world.run({"export", "--store", world.store().string(), "--out", out.string()});
  };

  const KioskRun missing = export_to(world.dir() / "nicht-da" / "anwesenheit.csv");
  EXPECT_EQ(missing.exit_code, 2) << missing.out << missing.err;
  EXPECT_NE(missing.err.find("the folder " + (world.dir() / "nicht-da").string() +
                             " does not exist; create it or choose another"),
            std::string::npos)
      << missing.err;
  EXPECT_TRUE(missing.out.empty()) << missing.out;
  EXPECT_FALSE(fs::exists(world.dir() / "nicht-da"));

  // Not writable, even for root (the tests may run as root, where file modes do not stop it).
  const KioskRun locked = export_to("/sys/einlass-anwesenheit.csv");
  EXPECT_EQ(locked.exit_code, 2) << locked.out << locked.err;
  EXPECT_NE(locked.err.find("cannot write to the folder /sys"), std::string::npos) << locked.err;
  EXPECT_NE(locked.err.find("Nothing was exported"), std::string::npos) << locked.err;

  const KioskRun folder = export_to(world.dir());
  EXPECT_EQ(folder.exit_code, 2) << folder.out << folder.err;
  EXPECT_NE(folder.err.find("is a folder; give a file name"), std::string::npos) << folder.err;

  const KioskRun format = world.run({"export", "--store", world.store().string(), "--out",
                                     (world.dir() / "a.xlsx").string(), "--format", "xlsx"});
  EXPECT_EQ(format.exit_code, 2) << format.out << format.err;
  EXPECT_NE(format.err.find("the kiosk writes csv-excel"), std::string::npos) << format.err;
  EXPECT_FALSE(fs::exists(world.dir() / "a.xlsx"));

  EXPECT_EQ(store_dump(world.store()), before) << "nothing recorded, nothing changed";
  for (const auto& entry : fs::directory_iterator(world.dir()))
    EXPECT_EQ(entry.path().string().find(".part-"), std::string::npos) << entry.path();
}

TEST(KioskExport, AnExistingFileIsNeverReplacedAndItsRecordStillHolds) {
  KioskWorld world;
  const std::vector<Ticket> tickets = world.tickets(1, 2);
  for (const Ticket& t : tickets)
    ASSERT_EQ(world.run(with(world.args("checkin"), {t.code})).exit_code, 0);
  const fs::path out = world.dir() / "anwesenheit.csv";
  const KioskRun first =
      world.run({"export", "--store", world.store().string(), "--out", out.string()});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  const std::string file_before = read_file(out);
  const std::string store_before = store_dump(world.store());

  // Again into the same file, now for one venue only: replacing the file would leave the first
  // record claiming every venue while the file holds one.
  const KioskRun again = world.run({"export", "--store", world.store().string(), "--out",
                                    out.string(), "--venue", KioskWorld::kVenue});
  EXPECT_EQ(again.exit_code, 2) << again.out << again.err;
  EXPECT_NE(again.err.find(out.string() +
                           " already exists; choose another file name, or remove it first"),
            std::string::npos)
      << again.err;
  EXPECT_NE(again.err.find("Nothing was exported"), std::string::npos) << again.err;
  EXPECT_TRUE(again.out.empty()) << again.out;
  EXPECT_EQ(read_file(out), file_before) << "the earlier export's file is untouched";
  EXPECT_EQ(store_dump(world.store()), store_before) << "no second record";
  for (const auto& entry : fs::directory_iterator(world.dir()))
    EXPECT_EQ(entry.path().filename().string().find(".part"), std::string::npos) << entry.path();

  // A new name works, and both records stand next to each other.
  const KioskRun other =
      world.run({"export", "--store", world.store().string(), "--out",
                 (world.dir() / "magdeburg.csv").string(), "--venue", KioskWorld::kVenue});
  ASSERT_EQ(other.exit_code, 0) << other.out << other.err;
  store::KioskStore store(world.store());
  EXPECT_EQ(store::export_records(store).size(), 2u);
}

TEST(KioskExport, AnExportFromBeforeAWipeCoversNoCheckInRecordedAfterIt) {
  KioskWorld world;
  const std::vector<Ticket> tickets = world.tickets(1, 4);
  for (size_t i = 0; i < 2; ++i)
    ASSERT_EQ(world.run(with(world.args("checkin"), {tickets[i].code})).exit_code, 0);
  const KioskRun exported = world.run({"export", "--store", world.store().string(), "--out",
                                       (world.dir() / "anwesenheit.csv").string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.out << exported.err;
  {
    store::KioskStore store(world.store());
    ASSERT_EQ(store::unexported_event_count(store), 0);
    ASSERT_TRUE(store::wipe_after_retention_period_exported(store, 1580000000000, "test"));
    ASSERT_EQ(store.counts().events, 0);
  }
  const std::string wiped = store_dump(world.store());

  // The headless commands refuse on the wiped kiosk, as the window does, and store nothing.
  const KioskRun checkin = world.run(with(world.args("checkin"), {tickets[2].code}));
  EXPECT_EQ(checkin.exit_code, 1) << checkin.out << checkin.err;
  EXPECT_NE(checkin.err.find("this kiosk is out of service: the retention period is over"),
            std::string::npos)
      << checkin.err;
  EXPECT_NE(checkin.err.find("enrol it for a new event"), std::string::npos) << checkin.err;
  EXPECT_TRUE(checkin.out.empty()) << checkin.out;
  const KioskRun walk_in = world.run(with(
      world.args("walk-in"), {"--first-name", "Jörg", "--last-name", "Ähre", "--privacy-consent"}));
  EXPECT_EQ(walk_in.exit_code, 1) << walk_in.out << walk_in.err;
  EXPECT_NE(walk_in.err.find("this kiosk is out of service"), std::string::npos) << walk_in.err;
  EXPECT_EQ(store_dump(world.store()), wiped) << "nothing stored on a wiped kiosk";

  // Check-ins recorded after the wipe anyway (the store reused for a new event) start again at
  // seq 1, under the old export's up_to_seq: that export must not count them as exported.
  app::KioskOptions options;
  options.store_file = world.store().string();
  options.public_keys = {world.keys().string()};
  options.venue = KioskWorld::kVenue;
  options.now = KioskWorld::kNow;
  const app::KioskSetup setup = app::make_kiosk_setup(options);
  store::KioskStore store(world.store());
  store::CheckinRecorder recorder(store, setup.setting());
  ASSERT_TRUE(recorder.check_in_code(tickets[3].code, setup.clock.now()).admitted());
  ASSERT_LE(store.db().query_int("SELECT MAX(seq) FROM events"),
            store::export_records(store).at(0).up_to_seq)
      << "the situation this test is about: a new seq the old export's range includes";
  EXPECT_EQ(store::unexported_event_count(store), 1) << "the new check-in is in no file";
  const auto unexported = store::unexported_events(store);
  ASSERT_EQ(unexported.size(), 1u);
  EXPECT_EQ(unexported[0].venue, KioskWorld::kVenue);
  EXPECT_EQ(unexported[0].events, 1);
}

}  // namespace
}  // namespace einlass::testing
