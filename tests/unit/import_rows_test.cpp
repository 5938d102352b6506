// From CSV records to registrations: German and English headers, --map, venues and topics as
// people write them, and every reason a row is refused, with the line it starts on.
#include <gtest/gtest.h>

#include "sync/server/import/column_mapping.hpp"
#include "sync/server/import/event_lookup.hpp"
#include "sync/server/import/import_source.hpp"
#include "sync/server/import/row_validation.hpp"
#include "tests/unit/event_fixtures.hpp"

namespace einlass::sync::server::import {
namespace {

using Strings = std::vector<std::string>;

const core::Event& event() {
  static const core::Event e = testing::bundled_event();
  return e;
}

ColumnMap map_of(const Strings& headers, const std::vector<UserMapping>& user = {}) {
  return map_columns(headers, user, "Handlungsfeld", "HF");
}

ImportSource source_of(const std::string& csv, const SourceOptions& options = {}) {
  return read_import_source(csv, options, event());
}

// The reason given for the row starting on `line`, or "" when that row passed.
std::string reason_for(const ImportSource& s, int line) {
  for (const RejectedRow& r : s.rows.rejected)
    if (r.line == line) return r.reason;
  return "";
}

TEST(ImportColumns, GermanHeadersAreRecognised) {
  const ColumnMap m =
      map_of({"Anmelde-Nr.", "Vorname", "Nachname", "E-Mail-Adresse", "Organisation/Institution",
              "Veranstaltungsort", "Datum", "Handlungsfeld 1", "Handlungsfeld 2", "Anmeldedatum"});
  EXPECT_EQ(m.id, 0u);
  EXPECT_EQ(m.first_name, 1u);
  EXPECT_EQ(m.last_name, 2u);
  EXPECT_EQ(m.email, 3u);
  EXPECT_EQ(m.organisation, 4u);
  EXPECT_EQ(m.venue, 5u);
  EXPECT_EQ(m.day, 6u);
  EXPECT_EQ(m.topics, (std::vector<size_t>{7, 8}));
  EXPECT_EQ(m.ignored, Strings{"Anmeldedatum"});
}

TEST(ImportColumns, EnglishHeadersIgnoringCaseSpacesAndUmlautSpellings) {
  const ColumnMap m = map_of({"Registration ID", "FIRST NAME", "last_name", "Email", "Organization",
                              "Venue", "Day", "Topic 2", "topic 1"});
  EXPECT_EQ(m.id, 0u);
  EXPECT_EQ(m.first_name, 1u);
  EXPECT_EQ(m.last_name, 2u);
  EXPECT_EQ(m.email, 3u);
  EXPECT_EQ(m.organisation, 4u);
  EXPECT_EQ(m.venue, 5u);
  EXPECT_EQ(m.day, 6u);
  EXPECT_EQ(m.topics, (std::vector<size_t>{8, 7}));  // in topic order, not column order
  EXPECT_EQ(header_key("Träger"), header_key("Traeger"));
}

TEST(ImportColumns, MapNamesOtherColumnsAndRefusesUnknownFields) {
  const ColumnMap m =
      map_of({"Familienname", "Kontakt", "Wunsch A", "Standort"},
             {parse_user_mapping("Kontakt=email"), parse_user_mapping("Wunsch A=topic1")});
  EXPECT_EQ(m.email, 1u);
  EXPECT_EQ(m.topics, (std::vector<size_t>{2}));
  EXPECT_TRUE(m.ignored.empty());
  EXPECT_THROW(parse_user_mapping("Kontakt=telefon"), MappingError);
  EXPECT_THROW(parse_user_mapping("Kontakt"), MappingError);
  EXPECT_THROW(map_of({"Nachname", "E-Mail"}, {parse_user_mapping("Handy=ignore")}), MappingError);
}

TEST(ImportColumns, MissingOrDoubledColumnsAreExplained) {
  try {
    map_of({"Vorname", "Nachname", "Telefon"});
    FAIL();
  } catch (const MappingError& e) {
    EXPECT_NE(std::string(e.what()).find("e-mail"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("\"Telefon\""), std::string::npos) << e.what();
  }
  EXPECT_THROW(map_of({"Nachname", "E-Mail", "Email"}), MappingError);
}

TEST(ImportLookup, VenuesByIdNameOrCity) {
  EXPECT_EQ(find_venue(event(), "magdeburg"), "magdeburg");
  EXPECT_EQ(find_venue(event(), "  MAGDEBURG "), "magdeburg");
  EXPECT_EQ(find_venue(event(), "Literaturhaus Halle"), "halle");
  EXPECT_EQ(find_venue(event(), "Halle (Saale)"), "halle");
  EXPECT_EQ(find_venue(event(), "Dessau"), "dessau");
  EXPECT_EQ(find_venue(event(), "Dessau-Rosslau"), "dessau");
  EXPECT_EQ(find_venue(event(), "Landratsamt Kreis Stendal"), "stendal");
  EXPECT_FALSE(find_venue(event(), "Magdebrug"));
  EXPECT_FALSE(find_venue(event(), "Berlin"));
}

TEST(ImportLookup, TopicsByNumberIdOrName) {
  for (const char* text : {"4", "HF 4", "hf4", "HF4", "Handlungsfeld 4", "handlungsfeld  4",
                           "HF 4 – Bildung und Sprachförderung", "Bildung und Sprachfoerderung"})
    EXPECT_EQ(find_topic_id(event(), text), "HF4") << text;
  EXPECT_FALSE(find_topic_id(event(), "HF 9"));
  EXPECT_FALSE(find_topic_id(event(), "Sport"));
}

TEST(ImportLookup, DaysInIsoAndGermanForm) {
  const core::Venue& magdeburg = event().venues.front();
  for (const char* text : {"2019-09-12", "12.09.2019", "12.9.2019", "12.09.19", "12.09."})
    EXPECT_EQ(find_day(magdeburg, text), "2019-09-12") << text;
  EXPECT_FALSE(find_day(magdeburg, "13.09.2019"));
}

TEST(ImportRows, AGoodRowBecomesARegistration) {
  const auto s = source_of(
      "Vorname;Nachname;E-Mail;Organisation;Veranstaltungsort;Tag;Handlungsfeld 1;Handlungsfeld 2\n"
      "Jürgen;Weiß;Juergen.Weiss@Example.DE ;LAMSA e. V.;Magdeburg;12.09.2019;HF 4;Beratung\n");
  ASSERT_TRUE(s.rows.rejected.empty()) << s.rows.rejected.front().reason;
  ASSERT_EQ(s.rows.rows.size(), 1u);
  const ImportRow& row = s.rows.rows.front();
  EXPECT_EQ(row.line, 2);
  EXPECT_EQ(row.identity, "email:juergen.weiss@example.de");
  EXPECT_EQ(row.registration.first_name, "Jürgen");
  EXPECT_EQ(row.registration.last_name, "Weiß");
  EXPECT_EQ(row.registration.organisation, "LAMSA e. V.");
  EXPECT_EQ(row.registration.venue, "magdeburg");
  EXPECT_EQ(row.registration.day, "2019-09-12");
  EXPECT_EQ(row.registration.topics, (Strings{"HF4", "HF3"}));
}

TEST(ImportRows, EveryReasonIsReportedWithTheLineTheRowStartsOn) {
  const auto s = source_of(
      "Nr;Vorname;Nachname;E-Mail;Ort;Tag;HF 1;HF 2;HF 3\n"      // 1
      "1;Anna;Becker;anna@example.de;Magdebrug;;;;\n"            // 2
      "2;Ben;Krüger;ben@example.de;Halle;;HF1;HF2;HF3\n"         // 3
      "3;Cem;Kaya;cem@example.de;Halle;;HF 5;5;\n"               // 4
      "4;Dana;Voß;dana(at)example.de;Halle;;;;\n"                // 5
      "5;Emil;;emil@example.de;Halle;;;;\n"                      // 6
      "6;\"Fritz\nHeinz\";Lehmann;fritz@example.de;Halle;;;;\n"  // 7-8
      "6;Fritz;Lehmann;fritz2@example.de;Halle;;;;\n"            // 9
      "7;Gül;Şahin;gul@example.de;Stendal;24.12.2019;;;\n"       // 10
      "8;Hana;Haddad;hana@example.de;Dessau;;HF 12;;\n"          // 11
      "9;Ida;Nowak;ida@example.de;;;;;\n"                        // 12
      "10;Jan;Pham;;Halle;;;;\n"                                 // 13
      "11;Kai;Diallo;kai@example.de;Halle;;;;;extra\n"           // 14
      "12;Lea;Fuchs;anna@example.de;Halle;;;;\n"                 // 15: other id, ok
      "13;Anna;Becker;anna@example.de;Halle;;;;\n");             // 16: same person
  EXPECT_NE(
      reason_for(s, 2).find("unknown venue \"Magdebrug\"; known venues: magdeburg (Magdeburg)"),
      std::string::npos)
      << reason_for(s, 2);
  EXPECT_NE(reason_for(s, 3).find("3 Handlungsfeld choices (HF1, HF2, HF3), at most 2"),
            std::string::npos)
      << reason_for(s, 3);
  EXPECT_NE(reason_for(s, 4).find("same Handlungsfeld (HF5) chosen twice"), std::string::npos)
      << reason_for(s, 4);
  EXPECT_NE(reason_for(s, 5).find("invalid e-mail address \"dana(at)example.de\""),
            std::string::npos);
  EXPECT_NE(reason_for(s, 6).find("missing name"), std::string::npos);
  EXPECT_EQ(reason_for(s, 7), "");
  EXPECT_NE(reason_for(s, 9).find("duplicate person: same registration id as line 7"),
            std::string::npos)
      << reason_for(s, 9);
  EXPECT_NE(reason_for(s, 10).find("unknown day \"24.12.2019\" for Stendal (its days: 2019-09-24)"),
            std::string::npos)
      << reason_for(s, 10);
  EXPECT_NE(reason_for(s, 11).find("unknown Handlungsfeld \"HF 12\""), std::string::npos);
  EXPECT_NE(reason_for(s, 12).find("missing venue"), std::string::npos);
  EXPECT_NE(reason_for(s, 13).find("missing e-mail address"), std::string::npos);
  EXPECT_NE(reason_for(s, 14).find("10 values, but the header has 9 columns"), std::string::npos)
      << reason_for(s, 14);
  EXPECT_EQ(reason_for(s, 15), "");
  EXPECT_NE(reason_for(s, 16).find("duplicate person: same name and e-mail address as line 2"),
            std::string::npos)
      << reason_for(s, 16);
  EXPECT_EQ(s.rows.rows.size(), 2u);
  EXPECT_EQ(s.rows.rejected.size(), 12u);
}

TEST(ImportRows, WithoutAnIdColumnTheEmailIsThePerson) {
  const auto s = source_of(
      "Vorname,Nachname,Email,Venue\n"
      "Anna,Becker,anna@example.de,Halle\n"
      "Anna,Becker-Schulz,ANNA@example.de,Dessau\n");
  ASSERT_EQ(s.rows.rows.size(), 1u);
  EXPECT_NE(reason_for(s, 3).find("duplicate person: same e-mail address as line 2"),
            std::string::npos);
}

TEST(ImportRows, AFileWithoutVenueColumnIsRefusedForAMultiVenueEvent) {
  EXPECT_THROW(source_of("Nachname;E-Mail\nBecker;a@example.de\n"), MappingError);
}

TEST(ImportRows, PlausibleEmails) {
  for (const char* ok : {"a@b.de", "anna.m-ueller+konf@stadt.halle.de", "o'neil@example.org"})
    EXPECT_TRUE(is_plausible_email(ok)) << ok;
  for (const char* bad :
       {"a@b", "@b.de", "a@@b.de", "a b@c.de", "a@b..de", "a.@b.de", "a@.de", "anna", "a@b.d"})
    EXPECT_FALSE(is_plausible_email(bad)) << bad;
}

TEST(ImportRows, RejectsFileKeepsColumnsEncodingAndSeparatorAndAddsTheReason) {
  const std::string cp1252 =
      "Vorname\tNachname\tE-Mail\tOrt\r\n"
      "J\xFCrgen\tWei\xDF\tjw@example.de\tMagdebrug\r\n"
      "Anna\tM\xFCller\tam@example.de\tHalle\r\n";
  const auto s = source_of(cp1252);
  EXPECT_EQ(s.encoding, TextEncoding::Windows1252);
  ASSERT_EQ(s.rows.rejected.size(), 1u);
  const std::string rejects = rejects_csv(s);
  EXPECT_FALSE(is_valid_utf8(rejects));  // still Windows-1252, as Excel wrote it
  const std::string text = decode_to_utf8(rejects, TextEncoding::Windows1252);
  EXPECT_EQ(text.substr(0, text.find("\r\n")), "Vorname\tNachname\tE-Mail\tOrt\tImportfehler");
  EXPECT_NE(
      text.find(
          "Jürgen\tWeiß\tjw@example.de\tMagdebrug\t\"line 2: unknown venue \"\"Magdebrug\"\""),
      std::string::npos)
      << text;
  // The reason column is known on the way back in: fixed, the file imports cleanly.
  std::string fixed = text;
  fixed.replace(fixed.find("Magdebrug"), 9, "Magdeburg");
  const auto again = source_of(encode_from_utf8(fixed, TextEncoding::Windows1252));
  EXPECT_TRUE(again.rows.rejected.empty());
  EXPECT_TRUE(again.columns.ignored.empty());
  EXPECT_EQ(again.rows.rows.front().registration.last_name, "Weiß");
}

}  // namespace
}  // namespace einlass::sync::server::import
