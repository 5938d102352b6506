// `einlass-server import` as an organiser uses it, on a real database: every file format the
// registration site and Excel produce, all-or-nothing, --skip-invalid with the rejects file,
// idempotent re-imports, re-issued tickets on a venue change, --cancel-missing, --dry-run,
// the change history, and the demo generator.
#include <gtest/gtest.h>

#include "kiosk/store/sqlite_db.hpp"
#include "sync/server/registrations.hpp"
#include "tests/integration/sync_server_process.hpp"

namespace einlass::testing {
namespace {

using sync::server::find_registration;
using sync::server::Registration;

class ImportCli : public ::testing::Test {
 protected:
  SyncServerWorld world;

  fs::path write(const std::string& name, const std::string& bytes) {
    const fs::path file = world.dir() / name;
    write_file(file, bytes);
    return file;
  }

  ProgramRun import(const fs::path& file, std::vector<std::string> options = {}) {
    std::vector<std::string> words{EINLASS_SERVER_BINARY, "import", "--db", world.db().string(),
                                   file.string()};
    words.insert(words.end(), options.begin(), options.end());
    return run_program(words, world.dir());
  }

  ProgramRun server(std::vector<std::string> words) {
    words.insert(words.begin(), EINLASS_SERVER_BINARY);
    words.insert(words.begin() + 2, {"--db", world.db().string()});
    return run_program(words, world.dir());
  }

  // Everything an import may touch, as text: registrations, departures, identities, change
  // records, runs and the roster cursor.
  std::string database_state() const {
    store::Database db(world.db());
    std::string out;
    for (const char* sql :
         {"SELECT * FROM registrations ORDER BY id", "SELECT * FROM roster_departures",
          "SELECT * FROM import_identities ORDER BY identity",
          "SELECT * FROM registration_changes ORDER BY id", "SELECT * FROM import_runs",
          "SELECT * FROM meta WHERE key = 'roster_seq'"}) {
      sqlite3_stmt* st = nullptr;
      if (sqlite3_prepare_v2(db.handle(), sql, -1, &st, nullptr) != SQLITE_OK)
        throw std::runtime_error(sqlite3_errmsg(db.handle()));
      while (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(st); ++c) {
          const auto* text = sqlite3_column_text(st, c);
          out += (text ? reinterpret_cast<const char*>(text) : "NULL") + std::string("|");
        }
        out += "\n";
      }
      sqlite3_finalize(st);
      out += "--\n";
    }
    return out;
  }

  // The registration imported with `email` (files without an id column).
  Registration by_email(const std::string& email) const {
    store::Database db(world.db());
    const auto id = db.query_text("SELECT id FROM registrations WHERE email = '" + email + "'");
    if (!id) throw std::runtime_error("no registration with e-mail " + email);
    return *find_registration(db, static_cast<uint32_t>(std::stoul(*id)));
  }

  int64_t count(const std::string& sql) const {
    store::Database db(world.db());
    return db.query_int(sql);
  }
};

// Three people in Magdeburg, Halle and Dessau, German headers, ';', UTF-8 with BOM.
const std::string kBase =
    "\xEF\xBB\xBFVorname;Nachname;E-Mail;Organisation;Veranstaltungsort;Handlungsfeld 1;"
    "Handlungsfeld 2\r\n"
    "Jürgen;Weiß;jw@example.de;Stadt Halle;Magdeburg;HF 4;HF 1\r\n"
    "Ayşe;Yılmaz;ay@example.de;LAMSA e. V.;Halle (Saale);Beratung;\r\n"
    "Łukasz;Dąbrowski;ld@example.de;;Dessau;;\r\n";

TEST_F(ImportCli, Utf8WithBomSemicolonGermanHeaders) {
  const auto run = import(write("anmeldungen.csv", kBase));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("utf-8-bom, semicolon-separated, 3 rows"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("3 added, 0 changed (0 tickets re-issued), 0 unchanged, 0 cancelled"),
            std::string::npos)
      << run.out;
  const Registration jw = by_email("jw@example.de");
  EXPECT_EQ(jw.first_name, "Jürgen");
  EXPECT_EQ(jw.last_name, "Weiß");
  EXPECT_EQ(jw.venue, "magdeburg");
  EXPECT_EQ(jw.topics, (std::vector<std::string>{"HF4", "HF1"}));
  EXPECT_EQ(by_email("ay@example.de").venue, "halle");
  EXPECT_EQ(by_email("ay@example.de").topics, std::vector<std::string>{"HF3"});
  EXPECT_EQ(by_email("ld@example.de").last_name, "Dąbrowski");
  EXPECT_TRUE(by_email("ld@example.de").topics.empty());
}

TEST_F(ImportCli, Windows1252CommaSeparatedWithGermanQuotes) {
  // Excel on a German Windows: ü=FC ß=DF ä=E4 ö=F6 „=84 “=93.
  const std::string bytes =
      "Vorname,Nachname,E-Mail,Organisation,Ort\r\n"
      "J\xFCrgen,Wei\xDF,jw@example.de,\"Verein \x84"
      "Br\xFC"
      "cke\x93, Halle\",Halle\r\n"
      "K\xE4the,B\xF6hm,kb@example.de,,Stendal\r\n";
  const auto run = import(write("excel.csv", bytes));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("windows-1252, comma-separated, 2 rows"), std::string::npos) << run.out;
  EXPECT_EQ(by_email("jw@example.de").last_name, "Weiß");
  EXPECT_EQ(by_email("jw@example.de").organisation, "Verein „Brücke“, Halle");
  EXPECT_EQ(by_email("kb@example.de").first_name, "Käthe");
  EXPECT_EQ(by_email("kb@example.de").last_name, "Böhm");
}

TEST_F(ImportCli, TabSeparatedEnglishHeadersWithQuotedLineBreaksAndQuotes) {
  const std::string text =
      "First name\tLast name\tEmail\tInstitution\tVenue\tDay\tTopic 1\n"
      "Anna\t\"Smith\"\t\"anna@example.org\"\t\"The \"\"Bridge\"\"\nAssociation\"\tmagdeburg\t"
      "12.09.2019\t2\n"
      "Omar\tHaddad\tomar@example.org\t\tStendal\t\t\n";
  const auto run = import(write("export.tsv", text));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("utf-8, tab-separated, 2 rows"), std::string::npos) << run.out;
  const Registration anna = by_email("anna@example.org");
  EXPECT_EQ(anna.organisation, "The \"Bridge\" Association");  // line break folded to a space
  EXPECT_EQ(anna.day, "2019-09-12");
  EXPECT_EQ(anna.topics, std::vector<std::string>{"HF2"});
  EXPECT_EQ(by_email("omar@example.org").venue, "stendal");
}

TEST_F(ImportCli, MapNamesOtherColumnsAndUnknownOnesAreListedOnce) {
  const std::string text =
      "Familienname;Kontakt;Standort;Wunsch;Telefon;Bemerkung\n"
      "Becker;anna@example.de;Halle;HF 7;0345 1234;\n"
      "Kaya;cem@example.de;Halle;;0345 5678;spät\n";
  const auto refused = import(write("anders.csv", text));
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("no column for the e-mail address"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("--map \"Column=email\""), std::string::npos) << refused.err;

  const auto run =
      import(world.dir() / "anders.csv", {"--map", "Kontakt=email", "--map", "Wunsch=topic1"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("ignored columns: \"Telefon\" \"Bemerkung\""), std::string::npos)
      << run.out;
  EXPECT_EQ(by_email("anna@example.de").topics, std::vector<std::string>{"HF7"});
  EXPECT_EQ(by_email("cem@example.de").venue, "halle");

  const auto bad_map = import(world.dir() / "anders.csv", {"--map", "Kontakt=telefon"});
  EXPECT_EQ(bad_map.exit_code, 1);
  EXPECT_NE(bad_map.err.find("is not a field"), std::string::npos) << bad_map.err;
}

TEST_F(ImportCli, SeparatorAndEncodingCanBeForced) {
  // A one-column-looking header: the comma inside the names would win the detection.
  const std::string text = "Nachname|E-Mail|Ort\nM\xFCller|m@example.de|Halle\n";
  std::string semicolons = text;
  std::replace(semicolons.begin(), semicolons.end(), '|', ';');
  const fs::path file = write("forced.csv", semicolons);
  const auto run = import(file, {"--separator", ";", "--encoding", "windows-1252"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(by_email("m@example.de").last_name, "Müller");
  EXPECT_EQ(import(file, {"--separator", "pipe"}).exit_code, 2);
  EXPECT_EQ(import(file, {"--encoding", "ebcdic"}).exit_code, 2);
}

TEST_F(ImportCli, AnImportWithErrorsStoresNothing) {
  ASSERT_EQ(import(write("base.csv", kBase)).exit_code, 0);
  const std::string before = database_state();
  const std::string text =
      "Vorname;Nachname;E-Mail;Veranstaltungsort;Handlungsfeld 1;Handlungsfeld 2;Handlungsfeld 3\n"
      "Jürgen;Weiß;jw@example.de;Dessau;HF 4;;\n"     // 2: a change that must not happen
      "Neu;Person;neu@example.de;Magdeburg;;;\n"      // 3: an addition that must not happen
      "Kaputt;Adresse;kaputt@example;Magdeburg;;;\n"  // 4
      "Zu;Viel;zv@example.de;Halle;HF1;HF2;HF3\n"     // 5
      "Doppelt;Gleich;dg@example.de;Halle;HF 2;2;\n"  // 6
      "Ohne;Ort;oo@example.de;Berlin;;;\n"            // 7
      "\"Mehr\nzeilig\";;mz@example.de;Halle;;;\n"    // 8-9
      "Zweimal;Da;neu@example.de;Halle;;;\n";         // 10
  const auto run = import(write("kaputt.csv", text));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("line 4: invalid e-mail address \"kaputt@example\""), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("line 5: 3 Handlungsfeld choices (HF1, HF2, HF3), at most 2 per person"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("line 6: the same Handlungsfeld (HF2) chosen twice"), std::string::npos);
  EXPECT_NE(run.err.find("line 7: unknown venue \"Berlin\"; known venues: magdeburg (Magdeburg), "
                         "dessau (Dessau-Roßlau), stendal (Stendal), halle (Halle/Saale)"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("line 8: missing name"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("line 10: duplicate person: same e-mail address as line 3"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(run.err.find("line 2:"), std::string::npos);
  EXPECT_NE(run.err.find("6 of 8 rows have errors; nothing was stored"), std::string::npos)
      << run.err;
  EXPECT_EQ(database_state(), before);
}

TEST_F(ImportCli, BrokenFilesStoreNothing) {
  ASSERT_EQ(import(write("base.csv", kBase)).exit_code, 0);
  const std::string before = database_state();
  const auto unclosed = import(write("offen.csv", kBase + "Anna;\"Becker;a@b.de;Halle;;\r\n"));
  EXPECT_EQ(unclosed.exit_code, 1);
  EXPECT_NE(unclosed.err.find("line 5: a quoted field"), std::string::npos) << unclosed.err;
  EXPECT_NE(unclosed.err.find("nothing was stored"), std::string::npos);
  const auto no_header = import(write("leer.csv", "nur text ohne spalten\n"));
  EXPECT_EQ(no_header.exit_code, 1);
  EXPECT_NE(no_header.err.find("--separator"), std::string::npos) << no_header.err;
  EXPECT_EQ(import(world.dir() / "fehlt.csv").exit_code, 2);
  EXPECT_EQ(database_state(), before);
}

TEST_F(ImportCli, SkipInvalidStoresGoodRowsAndTheFixedRejectsFileImports) {
  const std::string bytes =
      "Anmelde-Nr.;Vorname;Nachname;E-Mail;Veranstaltungsort\r\n"
      "A1;J\xFCrgen;Wei\xDF;jw@example.de;Magdeburg\r\n"
      "A2;K\xE4the;B\xF6hm;kb(at)example.de;Magdeburg\r\n"
      "A3;Anna;Becker;ab@example.de;Magdebrug\r\n";
  const fs::path file = write("liste.csv", bytes);
  const auto run = import(file, {"--skip-invalid"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("1 added"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("2 rows rejected and written to " + file.string() + ".rejects.csv"),
            std::string::npos)
      << run.out;
  EXPECT_EQ(count("SELECT COUNT(*) FROM registrations"), 1);

  // Windows-1252 and ';' like the original, the reason in an extra column.
  std::string rejects = read_file(file.string() + ".rejects.csv");
  EXPECT_EQ(rejects.substr(0, rejects.find("\r\n")),
            "Anmelde-Nr.;Vorname;Nachname;E-Mail;Veranstaltungsort;Importfehler");
  EXPECT_NE(rejects.find("A2;K\xE4the;B\xF6hm;kb(at)example.de;Magdeburg;\"line 3: invalid e-mail"),
            std::string::npos)
      << rejects;
  EXPECT_NE(rejects.find("A3;Anna;Becker;ab@example.de;Magdebrug;\"line 4: unknown venue"),
            std::string::npos);

  // The organiser fixes both rows in the rejects file and imports it.
  rejects.replace(rejects.find("kb(at)example.de"), 16, "kb@example.de");
  rejects.replace(rejects.find("Magdebrug"), 9, "Magdeburg");
  const fs::path fixed = write("liste.rejects.fixed.csv", rejects);
  const auto again = import(fixed);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("2 added"), std::string::npos) << again.out;
  EXPECT_EQ(again.out.find("ignored columns"), std::string::npos) << again.out;
  EXPECT_EQ(by_email("kb@example.de").first_name, "Käthe");
  EXPECT_EQ(count("SELECT COUNT(*) FROM registrations"), 3);
}

TEST_F(ImportCli, ReimportingTheSameListChangesNothing) {
  const fs::path file = write("anmeldungen.csv", kBase);
  ASSERT_EQ(import(file).exit_code, 0);
  store::Database db(world.db());
  const int64_t head = sync::server::roster_head(db, "magdeburg");
  const auto again = import(file);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("0 added, 0 changed (0 tickets re-issued), 3 unchanged"),
            std::string::npos)
      << again.out;
  EXPECT_EQ(sync::server::roster_head(db, "magdeburg"), head);
  EXPECT_EQ(count("SELECT COUNT(*) FROM registration_changes WHERE run_id = 2"), 0);
  EXPECT_EQ(count("SELECT MAX(changed_seq) FROM registrations"),
            count("SELECT value FROM meta WHERE key = 'roster_seq'"));
  // Only the run itself is new.
  EXPECT_EQ(count("SELECT COUNT(*) FROM import_runs"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM registrations"), 3);
}

TEST_F(ImportCli, AVenueChangeReissuesTheTicketANameChangeDoesNot) {
  ASSERT_EQ(import(write("v1.csv", kBase)).exit_code, 0);
  // Jürgen was placed (tickets issued with rooms) before he changed his registration.
  {
    store::Database db(world.db());
    db.exec("UPDATE registrations SET round_topics = 'HF4,HF1' WHERE email = 'jw@example.de'");
  }
  const Registration before = by_email("jw@example.de");
  std::string v2 = kBase;
  v2.replace(v2.find("Stadt Halle;Magdeburg"), 21, "Stadt Halle;Dessau");
  v2.replace(v2.find("Ayşe"), 5, "Ayse");
  const auto run = import(write("v2.csv", v2));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("0 added, 2 changed (1 tickets re-issued), 1 unchanged"),
            std::string::npos)
      << run.out;

  const Registration moved = by_email("jw@example.de");
  EXPECT_EQ(moved.id, before.id);
  EXPECT_EQ(moved.venue, "dessau");
  EXPECT_EQ(moved.ticket_serial, before.ticket_serial + 1);
  EXPECT_TRUE(moved.round_topics.empty());  // placed again when tickets are issued
  EXPECT_EQ(count("SELECT COUNT(*) FROM roster_departures WHERE venue = 'magdeburg' AND "
                  "registration_id = " +
                  std::to_string(moved.id)),
            1);
  const Registration renamed = by_email("ay@example.de");
  EXPECT_EQ(renamed.first_name, "Ayse");
  EXPECT_EQ(renamed.ticket_serial, 0);

  // The history shows who changed what.
  const auto history = server({"import", "--history"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  EXPECT_NE(history.out.find("import run 2, "), std::string::npos) << history.out;
  EXPECT_NE(history.out.find("v2.csv: 0 added, 2 changed (1 tickets re-issued)"), std::string::npos)
      << history.out;
  const std::string r = "R" + std::to_string(moved.id);
  EXPECT_NE(history.out.find(r + " venue: \"magdeburg\" → \"dessau\""), std::string::npos)
      << history.out;
  EXPECT_NE(history.out.find(r + " ticket_serial: \"0\" → \"1\""), std::string::npos);
  EXPECT_NE(history.out.find(r + " round_topics: \"HF4,HF1\" → (empty)"), std::string::npos);
  EXPECT_NE(history.out.find("first_name: \"Ayşe\" → \"Ayse\""), std::string::npos);
  EXPECT_NE(history.out.find("import run 1, "), std::string::npos);
  EXPECT_LT(history.out.find("import run 2, "), history.out.find("import run 1, "));
}

TEST_F(ImportCli, TopicChangeReissuesAndDayIsKept) {
  ASSERT_EQ(import(write("v1.csv", kBase)).exit_code, 0);
  std::string v2 = kBase;
  v2.replace(v2.find("HF 4;HF 1"), 9, "HF 1;HF 4");  // order is preference: a change
  ASSERT_EQ(import(write("v2.csv", v2)).exit_code, 0);
  const Registration jw = by_email("jw@example.de");
  EXPECT_EQ(jw.topics, (std::vector<std::string>{"HF1", "HF4"}));
  EXPECT_EQ(jw.ticket_serial, 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM roster_departures"), 0);  // same venue: no departure
}

TEST_F(ImportCli, CancelMissingOnlyWhenAskedAndOnlyAtTheFilesVenues) {
  ASSERT_EQ(import(write("alle.csv", kBase)).exit_code, 0);
  // An updated list for Magdeburg and Halle only; Ayşe (Halle) has withdrawn.
  const std::string update =
      "\xEF\xBB\xBFVorname;Nachname;E-Mail;Organisation;Veranstaltungsort;Handlungsfeld 1;"
      "Handlungsfeld 2\r\n"
      "Jürgen;Weiß;jw@example.de;Stadt Halle;Magdeburg;HF 4;HF 1\r\n"
      "Neu;Person;np@example.de;;Halle;;\r\n";
  const fs::path file = write("update.csv", update);
  const auto without = import(file);
  ASSERT_EQ(without.exit_code, 0) << without.err;
  EXPECT_NE(without.out.find("1 added, 0 changed (0 tickets re-issued), 1 unchanged, 0 cancelled"),
            std::string::npos)
      << without.out;
  EXPECT_FALSE(by_email("ay@example.de").cancelled);

  const auto dry = import(file, {"--cancel-missing", "--dry-run"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("dry run, nothing was stored; the import would make: 0 added, 0 changed "
                         "(0 tickets re-issued), 2 unchanged, 1 cancelled"),
            std::string::npos)
      << dry.out;
  EXPECT_FALSE(by_email("ay@example.de").cancelled);

  const auto with = import(file, {"--cancel-missing"});
  ASSERT_EQ(with.exit_code, 0) << with.err;
  EXPECT_NE(with.out.find("2 unchanged, 1 cancelled"), std::string::npos) << with.out;
  EXPECT_TRUE(by_email("ay@example.de").cancelled);
  EXPECT_FALSE(by_email("ld@example.de").cancelled);  // Dessau is not in the file
  EXPECT_FALSE(by_email("jw@example.de").cancelled);
  const auto history = server({"import", "--history", "--runs", "1"});
  EXPECT_NE(history.out.find("cancelled: \"no\" → \"yes\""), std::string::npos) << history.out;

  // Registering again brings her back.
  const auto back = import(write("alle2.csv", kBase));
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_FALSE(by_email("ay@example.de").cancelled);
}

TEST_F(ImportCli, DryRunCountsButStoresNothing) {
  const std::string before = database_state();
  const auto run = import(write("a.csv", kBase), {"--dry-run"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("would make: 3 added, 0 changed"), std::string::npos) << run.out;
  EXPECT_EQ(database_state(), before);
}

TEST_F(ImportCli, WithAnIdColumnTheIdIsThePersonAndAnAddressMayBeShared) {
  const std::string v1 =
      "Anmelde-Nr.;Vorname;Nachname;E-Mail;Veranstaltungsort\n"
      "17;Anna;Becker;info@verein.de;Halle\n"
      "18;Cem;Kaya;info@verein.de;Halle\n";
  ASSERT_EQ(import(write("v1.csv", v1)).exit_code, 0);
  const std::string v2 =
      "Anmelde-Nr.;Vorname;Nachname;E-Mail;Veranstaltungsort\n"
      "17;Anna;Becker;anna.becker@verein.de;Halle\n"
      "18;Cem;Kaya;info@verein.de;Halle\n";
  const auto run = import(write("v2.csv", v2));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("0 added, 1 changed (0 tickets re-issued), 1 unchanged"),
            std::string::npos)
      << run.out;
  EXPECT_EQ(count("SELECT COUNT(*) FROM registrations"), 2);
  EXPECT_EQ(by_email("anna.becker@verein.de").ticket_serial, 0);
}

// The registration site's number ("Anmelde-Nr.") comes back wherever the organiser matches
// people to the site's list: the change history and the exports. People from a list without
// numbers (identified by address) show none; a number a spreadsheet would calculate is defused.
TEST_F(ImportCli, TheSiteNumberIsInTheHistoryAndTheExports) {
  const std::string v1 =
      "Anmelde-Nr.;Vorname;Nachname;E-Mail;Veranstaltungsort;Handlungsfeld 1\n"
      "RK19-10010;Jürgen;Weiß;jw@example.de;Magdeburg;HF 4\n"
      "=10+20;Ayşe;Yılmaz;ay@example.de;Magdeburg;\n";
  ASSERT_EQ(import(write("v1.csv", v1)).exit_code, 0);
  const uint32_t weiss = by_email("jw@example.de").id;
  const uint32_t yilmaz = by_email("ay@example.de").id;
  std::string v2 = v1;
  v2.replace(v2.find("Magdeburg;HF 4"), 9, "Dessau");
  ASSERT_EQ(import(write("v2.csv", v2)).exit_code, 0);
  // A late registration from another list, without the site's numbers.
  ASSERT_EQ(import(write("nachmeldung.csv",
                         "Vorname;Nachname;E-Mail;Veranstaltungsort\n"
                         "Łukasz;Dąbrowski;ld@example.de;Magdeburg\n"))
                .exit_code,
            0);
  const uint32_t late = by_email("ld@example.de").id;

  const auto history = server({"import", "--history"});
  ASSERT_EQ(history.exit_code, 0) << history.err;
  const std::string r = "R" + std::to_string(weiss);
  EXPECT_NE(history.out.find("  " + r +
                             " (Anmelde-Nr. RK19-10010) venue: \"magdeburg\" → "
                             "\"dessau\"\n"),
            std::string::npos)
      << history.out;
  EXPECT_NE(history.out.find("  " + r + " (Anmelde-Nr. RK19-10010) added: magdeburg, HF4\n"),
            std::string::npos)
      << history.out;
  EXPECT_NE(history.out.find("  R" + std::to_string(yilmaz) + " (Anmelde-Nr. =10+20) added: "),
            std::string::npos)
      << history.out;
  EXPECT_NE(history.out.find("  R" + std::to_string(late) + " added: magdeburg\n"),
            std::string::npos)
      << "no number, and not the address: " << history.out;

  const fs::path csv = world.dir() / "anwesenheit.csv";
  const auto exported =
      server({"export", "--format", "csv", "--venue", "magdeburg", "-o", csv.string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const std::string text = read_file(csv);
  EXPECT_TRUE(text.starts_with("venue,day,participant,registration_number,last_name,first_name,"))
      << text;
  const std::string prefix = "magdeburg,2019-09-12,";
  EXPECT_NE(text.find(prefix + "R" + std::to_string(late) + ",,Dąbrowski,Łukasz,"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(prefix + "R" + std::to_string(yilmaz) + ",'=10+20,Yılmaz,Ayşe,"),
            std::string::npos)
      << "a leading = is defused with an apostrophe: " << text;
  EXPECT_EQ(text.find("RK19-10010"), std::string::npos) << "Weiß moved to Dessau: " << text;
  const fs::path excel = world.dir() / "dessau.csv";
  ASSERT_EQ(server({"export", "--format", "csv-excel", "--venue", "dessau", "-o", excel.string()})
                .exit_code,
            0);
  EXPECT_NE(read_file(excel).find(";R" + std::to_string(weiss) + ";RK19-10010;Weiß;Jürgen;"),
            std::string::npos)
      << read_file(excel);
}

TEST_F(ImportCli, DemoGeneratorIsRealisticDeterministicAndImportsCleanly) {
  const fs::path a = world.dir() / "demo-a.csv", b = world.dir() / "demo-b.csv",
                 c = world.dir() / "demo-c.csv";
  ASSERT_EQ(
      server({"demo-registrations", "--count", "400", "--seed", "7", "-o", a.string()}).exit_code,
      0);
  ASSERT_EQ(
      server({"demo-registrations", "--count", "400", "--seed", "7", "-o", b.string()}).exit_code,
      0);
  ASSERT_EQ(
      server({"demo-registrations", "--count", "400", "--seed", "8", "-o", c.string()}).exit_code,
      0);
  const std::string bytes = read_file(a);
  EXPECT_EQ(bytes, read_file(b));
  EXPECT_NE(bytes, read_file(c));
  EXPECT_TRUE(
      bytes.starts_with("\xEF\xBB\xBF"
                        "Anmelde-Nr.;Vorname;Nachname;E-Mail;"))
      << bytes.substr(0, 80);
  for (const char* text : {"ü", "ß", "ö", "ı", "ł", "é", "„", "e. V.", "Landkreis"})
    EXPECT_NE(bytes.find(text), std::string::npos) << text;

  const auto run = import(a);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("utf-8-bom, semicolon-separated, 400 rows"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("400 added"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("ignored columns: \"Anmeldedatum\" \"Bemerkung\""), std::string::npos)
      << run.out;
  for (const char* venue : {"magdeburg", "dessau", "stendal", "halle"})
    EXPECT_GT(
        count(std::string("SELECT COUNT(*) FROM registrations WHERE venue = '") + venue + "'"), 50)
        << venue;
  EXPECT_GT(count("SELECT COUNT(*) FROM registrations WHERE topics = ''"), 0);
  EXPECT_GT(count("SELECT COUNT(*) FROM registrations WHERE topics LIKE '%,%'"), 100);
  EXPECT_GT(count("SELECT COUNT(*) FROM registrations WHERE topics <> '' AND topics NOT LIKE "
                  "'%,%'"),
            0);
}

}  // namespace
}  // namespace einlass::testing
