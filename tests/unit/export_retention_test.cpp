// The pure parts of exports and retention: when the retention period ends (and the config
// refusing a bad retention_days), formula neutralising and CSV quoting, Excel sheet names, and
// times shown in the venue's time zone.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "kiosk/core/event_config.hpp"
#include "kiosk/core/retention.hpp"
#include "sync/protocol/cell_text.hpp"
#include "sync/server/export/csv_export.hpp"
#include "sync/server/export/xlsx_export.hpp"

namespace einlass {
namespace {

const std::string kBundled = EINLASS_TEST_DATA "/../../assets/events/regionalkonferenzen-2019.toml";

std::string bundled_with(const std::string& from, const std::string& to) {
  std::ifstream in(kBundled);
  std::ostringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  const auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

std::string config_error(const std::string& text) {
  try {
    core::parse_event_config(text, "event.toml");
  } catch (const core::EventConfigError& e) {
    return e.what();
  }
  ADD_FAILURE() << "accepted";
  return {};
}

TEST(Retention, BundledEventKeepsDataNinetyDaysAfterItsLastDay) {
  const core::Event event = core::load_event_config(kBundled);
  const core::RetentionPeriod p = core::retention_period(event);
  EXPECT_EQ(p.last_day, "2019-09-26") << "Halle, the last of the four venues";
  EXPECT_EQ(p.kept_until, "2019-12-25");
  // Midnight after 25.12.2019 in Berlin (CET, UTC+1) is 23:00 UTC.
  EXPECT_EQ(p.ends_ms, 1577314800000);
  EXPECT_EQ(core::describe_retention(event),
            "the retention period (retention_days = 90 after the last day, 2019-09-26) ends at "
            "the end of 2019-12-25 (Europe/Berlin)");
}

TEST(Retention, BadRetentionDaysAreRefusedWithTheLine) {
  EXPECT_NE(config_error(bundled_with("retention_days = 90", "retention_days = 0"))
                .find("'retention_days' is 0; it must be between 1 and 3650"),
            std::string::npos);
  EXPECT_NE(config_error(bundled_with("retention_days = 90", "retention_days = \"90\""))
                .find("'retention_days' must be a whole number, not text in quotes"),
            std::string::npos);
  EXPECT_NE(config_error(bundled_with("retention_days = 90", "retention_dayz = 90"))
                .find("did you mean 'retention_days'?"),
            std::string::npos);
  const std::string missing = config_error(bundled_with("retention_days = 90\n", ""));
  EXPECT_NE(missing.find("missing required key 'retention_days'"), std::string::npos) << missing;
}

TEST(ExportCells, FormulaStartsAreNeutralised) {
  using sync::neutralise_formula;
  EXPECT_EQ(neutralise_formula("=1+1"), "'=1+1");
  EXPECT_EQ(neutralise_formula("+49 391 123"), "'+49 391 123");
  EXPECT_EQ(neutralise_formula("-minus"), "'-minus");
  EXPECT_EQ(neutralise_formula("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(neutralise_formula("\t=1"), "'\t=1");
  EXPECT_EQ(neutralise_formula("Müller-Lüdenscheidt"), "Müller-Lüdenscheidt");
  EXPECT_EQ(neutralise_formula("a=b"), "a=b");
  EXPECT_EQ(neutralise_formula(""), "");
}

TEST(ExportCells, CsvFieldsAreQuotedOnlyWhenNeeded) {
  using sync::csv_field;
  EXPECT_EQ(csv_field("Börde", ';'), "Börde");
  EXPECT_EQ(csv_field("a;b", ';'), "\"a;b\"");
  EXPECT_EQ(csv_field("a;b", ','), "a;b");
  EXPECT_EQ(csv_field("a,b", ','), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\"", ';'), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines", ','), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\r", ','), "\"cr\r\"");
  EXPECT_EQ(csv_field("=A1;B1", ';'), "\"'=A1;B1\"");
}

TEST(ExportCells, SheetNamesAreValidForExcel) {
  using sync::server::sheet_name_for;
  EXPECT_EQ(sheet_name_for("Halle/Saale"), "Halle-Saale");
  EXPECT_EQ(sheet_name_for("a[b]:c*d?e\\f"), "a-b--c-d-e-f");
  EXPECT_EQ(sheet_name_for("'quoted'"), "quoted");
  EXPECT_EQ(sheet_name_for(""), "Ort");
  // 31 characters, counted as characters: umlauts are not cut in half.
  const std::string name = sheet_name_for("Übergangswohnheim Größenwahn am Südöstlichen Ufer");
  EXPECT_EQ(name, "Übergangswohnheim Größenwahn am");
}

TEST(ExportCells, TimesAreShownInTheVenuesZone) {
  using namespace sync;  // cell_text: shared by the server's and the kiosk's exports
  // 2019-09-12 13:07 UTC is 15:07 in Magdeburg (CEST).
  const LocalDateTime summer = local_date_time(1568293620000, "Europe/Berlin");
  EXPECT_EQ(german_date_time(summer), "12.09.2019 15:07");
  EXPECT_EQ(iso_date_time(summer), "2019-09-12T15:07:00+02:00");
  EXPECT_NEAR(summer.excel_serial, 43720.0 + 907.0 / 1440.0, 1e-9);
  // 2019-12-26 09:30 UTC is 10:30 CET.
  EXPECT_EQ(iso_date_time(local_date_time(1577352600000, "Europe/Berlin")),
            "2019-12-26T10:30:00+01:00");
  EXPECT_EQ(german_date("2019-09-12"), "12.09.2019");
  EXPECT_EQ(percent_text(1.0 / 30, ','), "3,3");
  EXPECT_EQ(percent_text(0.5, '.'), "50.0");
}

}  // namespace
}  // namespace einlass
