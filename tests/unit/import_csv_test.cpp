// Reading registration CSVs as registration sites and Excel write them: encodings (UTF-8 with
// and without BOM, Windows-1252), the three separators, RFC 4180 quoting with quotes and line
// breaks inside fields, CRLF, and line numbers that point where the record starts.
#include <gtest/gtest.h>

#include "sync/server/import/csv_table.hpp"
#include "sync/server/import/text_encoding.hpp"

namespace einlass::sync::server::import {
namespace {

using Fields = std::vector<std::string>;

TEST(ImportEncoding, Utf8WithBomIsDetectedAndTheBomRemoved) {
  const std::string bytes = "\xEF\xBB\xBFVorname;Nachname\r\nJ\xC3\xBCrgen;Wei\xC3\x9F\r\n";
  EXPECT_EQ(detect_encoding(bytes), TextEncoding::Utf8Bom);
  EXPECT_EQ(decode_to_utf8(bytes, TextEncoding::Utf8Bom), "Vorname;Nachname\r\nJürgen;Weiß\r\n");
}

TEST(ImportEncoding, Windows1252UmlautsAndGermanQuotesBecomeUtf8) {
  // "Jürgen Weiß, „Brücke“ – Öl" in Windows-1252: ü=FC ß=DF „=84 “=93 –=96 Ö=D6.
  const std::string bytes =
      "J\xFCrgen Wei\xDF, \x84"
      "Br\xFC"
      "cke\x93 \x96 \xD6l \xE4\xF6";
  EXPECT_FALSE(is_valid_utf8(bytes));
  EXPECT_EQ(detect_encoding(bytes), TextEncoding::Windows1252);
  EXPECT_EQ(decode_to_utf8(bytes, TextEncoding::Windows1252), "Jürgen Weiß, „Brücke“ – Öl äö");
}

TEST(ImportEncoding, Windows1252RoundTripsForTheRejectsFile) {
  const std::string text = "Jürgen Weiß, „Brücke“ – Öl €";
  const std::string bytes = encode_from_utf8(text, TextEncoding::Windows1252);
  EXPECT_EQ(bytes,
            "J\xFCrgen Wei\xDF, \x84"
            "Br\xFC"
            "cke\x93 \x96 \xD6l \x80");
  EXPECT_EQ(decode_to_utf8(bytes, TextEncoding::Windows1252), text);
  // What Windows-1252 cannot hold (Vietnamese, Turkish ı) becomes '?', never broken bytes.
  EXPECT_EQ(encode_from_utf8("Nguyễn Yılmaz", TextEncoding::Windows1252), "Nguy?n Y?lmaz");
}

TEST(ImportEncoding, PlainUtf8AndAsciiAreUtf8) {
  EXPECT_EQ(detect_encoding("Vorname;Nachname\nAnna;M\xC3\xBCller\n"), TextEncoding::Utf8);
  EXPECT_EQ(detect_encoding("a;b\n"), TextEncoding::Utf8);
  // Overlong encodings and lone continuation bytes are not UTF-8.
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));
  EXPECT_FALSE(is_valid_utf8("abc\x80"));
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));  // a surrogate
}

TEST(ImportEncoding, ForcedUtf8OnBrokenBytesGivesReplacementCharacters) {
  EXPECT_EQ(decode_to_utf8("M\xFCller", TextEncoding::Utf8), "M\xEF\xBF\xBDller");
}

TEST(ImportEncoding, EncodingNamesAsOrganisersTypeThem) {
  EXPECT_EQ(parse_encoding_name("UTF-8"), TextEncoding::Utf8);
  EXPECT_EQ(parse_encoding_name("cp1252"), TextEncoding::Windows1252);
  EXPECT_EQ(parse_encoding_name("Windows-1252"), TextEncoding::Windows1252);
  EXPECT_EQ(parse_encoding_name("latin1"), TextEncoding::Windows1252);
  EXPECT_FALSE(parse_encoding_name("ebcdic"));
}

TEST(ImportCsv, SeparatorIsDetectedFromTheHeaderLine) {
  EXPECT_EQ(detect_separator("Vorname;Nachname;E-Mail\nA,B;C;D\n"), ';');
  EXPECT_EQ(detect_separator("First name,Last name,Email\n"), ',');
  EXPECT_EQ(detect_separator("First name\tLast name\tEmail\r\n"), '\t');
  // A comma inside a quoted header does not count.
  EXPECT_EQ(detect_separator("\"Organisation, Institution\";Name;Mail\n"), ';');
  EXPECT_THROW(detect_separator("just one column\n"), CsvError);
}

TEST(ImportCsv, QuotedFieldsHoldSeparatorsQuotesAndLineBreaks) {
  const std::string text =
      "Name;Bemerkung;Ort\r\n"
      "\"Weiß; Jürgen\";\"Er sagte \"\"Hallo\"\"\r\nund ging\";Halle\r\n"
      "Anna;;Magdeburg\r\n";
  const CsvTable t = read_csv(text, ';');
  ASSERT_EQ(t.records.size(), 3u);
  EXPECT_EQ(t.records[1].fields,
            (Fields{"Weiß; Jürgen", "Er sagte \"Hallo\"\r\nund ging", "Halle"}));
  EXPECT_EQ(t.records[2].fields, (Fields{"Anna", "", "Magdeburg"}));
}

TEST(ImportCsv, LineNumbersAreWhereTheRecordStarts) {
  const std::string text =
      "a,b\n"               // 1
      "1,\"two\nlines\"\n"  // 2-3
      "\n"                  // 4: blank, skipped
      "3,\"x\n\ny\nz\"\n"   // 5-8
      "last,row";           // 9, no final line break
  const CsvTable t = read_csv(text, ',');
  ASSERT_EQ(t.records.size(), 4u);
  EXPECT_EQ(t.records[0].line, 1);
  EXPECT_EQ(t.records[1].line, 2);
  EXPECT_EQ(t.records[2].line, 5);
  EXPECT_EQ(t.records[2].fields[1], "x\n\ny\nz");
  EXPECT_EQ(t.records[3].line, 9);
  EXPECT_EQ(t.records[3].fields, (Fields{"last", "row"}));
}

TEST(ImportCsv, OldMacLineEndingsCountAsLines) {
  const CsvTable t = read_csv("a;b\r1;2\r\r3;\"x\ry\"\r4;5", ';');
  ASSERT_EQ(t.records.size(), 4u);
  EXPECT_EQ(t.records[1].line, 2);
  EXPECT_EQ(t.records[2].line, 4);
  EXPECT_EQ(t.records[2].fields[1], "x\ry");
  EXPECT_EQ(t.records[3].line, 6);
}

TEST(ImportCsv, TabSeparatedKeepsEmptyFieldsAndSpaces) {
  const CsvTable t = read_csv("A\tB\tC\r\nx\t\tz y\r\n", '\t');
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[1].fields, (Fields{"x", "", "z y"}));
}

TEST(ImportCsv, AnUnclosedQuoteNamesTheLineItStartsOn) {
  try {
    read_csv("a;b\n1;2\n3;\"open\n4;5\n", ';');
    FAIL() << "expected a CsvError";
  } catch (const CsvError& e) {
    EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("never closed"), std::string::npos) << e.what();
  }
}

TEST(ImportCsv, WrittenLinesReadBackTheSame) {
  const Fields fields{"Weiß; Jürgen", "say \"hi\"", "two\r\nlines", " padded ", "", "plain"};
  for (char sep : {';', ',', '\t'}) {
    const CsvTable t = read_csv(csv_line(fields, sep) + csv_line({"x", "y"}, sep), sep);
    ASSERT_EQ(t.records.size(), 2u) << sep;
    EXPECT_EQ(t.records[0].fields, fields) << sep;
    EXPECT_EQ(t.records[1].line, 3) << sep;
  }
  EXPECT_EQ(csv_line({"a", "b c", "d;e"}, ';'), "a;b c;\"d;e\"\r\n");
}

}  // namespace
}  // namespace einlass::sync::server::import
