// The event config files: the bundled 2019 series must say exactly what the organiser's flyer
// says, the other example events must load unchanged, and every broken file must be refused
// with a message that leads the organiser to the line and the problem.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "kiosk/core/event_config.hpp"
#include "kiosk/core/event_model.hpp"

namespace einlass::core {
namespace {

namespace fs = std::filesystem;

const fs::path kData = EINLASS_TEST_DATA;
const fs::path kBundled =
    fs::path(EINLASS_TEST_DATA "/../../assets/events/regionalkonferenzen-2019.toml");

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// minimal.toml with one piece of text replaced: a valid config with exactly one change.
std::string minimal_with(const std::string& from, const std::string& to) {
  std::string text = read_text(kData / "events/minimal.toml");
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string error_of(const std::string& text) {
  try {
    parse_event_config(text, "inline.toml");
  } catch (const EventConfigError& e) {
    return e.what();
  }
  ADD_FAILURE() << "config was accepted";
  return {};
}

LocalTime t(int h, int m) {
  return LocalTime::hm(h, m);
}

// ---- the bundled 2019 series ----------------------------------------------------------------

class Bundled2019 : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { event_ = new Event(load_event_config(kBundled)); }
  static void TearDownTestSuite() { delete event_; }
  static const Event& event() { return *event_; }
  static Event* event_;
};
Event* Bundled2019::event_ = nullptr;

TEST_F(Bundled2019, NamesTheSeriesOrganiserModerationAndDeadlineAsOnTheFlyer) {
  EXPECT_EQ(event().name, "Regionalkonferenzen zum Integrationskonzept Sachsen-Anhalt");
  EXPECT_EQ(event().organiser,
            "Ministerium für Arbeit, Soziales und Integration des Landes Sachsen-Anhalt");
  EXPECT_EQ(event().moderation,
            "Dr. K. Michalak und G. Theren (Auslandsgesellschaft Sachsen-Anhalt e.V.)");
  EXPECT_EQ(event().registration_deadline, "2019-08-15");
  EXPECT_EQ(event().timezone, "Europe/Berlin");
  EXPECT_EQ(event().topic_label, "Handlungsfeld");
  EXPECT_EQ(event().topic_short, "HF");
  EXPECT_EQ(event().max_topics_per_participant, 2);
}

TEST_F(Bundled2019, HasTheFourVenuesWithAddressHallAndDate) {
  ASSERT_EQ(event().venues.size(), 4u);
  struct Expected {
    const char *id, *name, *detail, *hall, *street, *postcode, *city, *entrance, *date;
  };
  const Expected expected[] = {
      {"magdeburg", "Industrie- und Handelskammer Magdeburg", "Hauptgeschäftsstelle", "",
       "Alter Markt 8", "39104", "Magdeburg", "Eingang Alter Markt", "2019-09-12"},
      {"dessau", "Bauhaus", "Stiftung Bauhaus Dessau", "Aula (Großer Saal)", "Gropiusallee 38",
       "06846", "Dessau-Roßlau", "", "2019-09-18"},
      {"stendal", "Landratsamt Kreis Stendal", "", "Bürgerhalle", "Hospitalstraße 1-2", "39576",
       "Stendal", "", "2019-09-24"},
      {"halle", "Literaturhaus Halle", "", "Großer Saal", "Bernburger Straße 8", "06108",
       "Halle/Saale", "", "2019-09-26"},
  };
  for (std::size_t i = 0; i < 4; ++i) {
    const Venue& v = event().venues[i];
    SCOPED_TRACE(v.id);
    EXPECT_EQ(v.id, expected[i].id);
    EXPECT_EQ(v.name, expected[i].name);
    EXPECT_EQ(v.name_detail, expected[i].detail);
    EXPECT_EQ(v.hall, expected[i].hall);
    EXPECT_EQ(v.street, expected[i].street);
    EXPECT_EQ(v.postcode, expected[i].postcode);
    EXPECT_EQ(v.city, expected[i].city);
    EXPECT_EQ(v.entrance, expected[i].entrance);
    ASSERT_EQ(v.days.size(), 1u);
    EXPECT_EQ(v.days[0].date, expected[i].date);
    EXPECT_EQ(venue_index(event(), expected[i].id), i);
  }
}

TEST_F(Bundled2019, HasTheEightHandlungsfelderWithTheirExactNames) {
  const char* names[] = {"Integrationsmonitoring und Evaluation",
                         "Erstorientierung und Erstintegration",
                         "Beratung",
                         "Bildung und Sprachförderung",
                         "Berufliche Integration",
                         "Wohnen und Teilhabe",
                         "Gesundheit und Pflege",
                         "Interkulturelle Öffnung und Abbau von Rassismus"};
  ASSERT_EQ(event().topics.size(), 8u);
  for (int n = 1; n <= 8; ++n) {
    const Topic* topic = find_topic_by_number(event(), n);
    ASSERT_NE(topic, nullptr) << n;
    EXPECT_EQ(topic->id, "HF" + std::to_string(n));
    EXPECT_EQ(topic->name, names[n - 1]);
    EXPECT_EQ(find_topic(event(), topic->id), topic);
  }
  ASSERT_EQ(event().rounds.size(), 2u);
  EXPECT_EQ(event().rounds[0].name, "Gesprächsrunde 1");
  EXPECT_EQ(event().rounds[1].name, "Gesprächsrunde 2");
}

TEST_F(Bundled2019, EveryVenueRunsTheFlyersAgendaItemByItem) {
  struct Item {
    LocalTime start, end;
    const char* title;
    int round;
    const char* kind;
  };
  const Item expected[] = {
      {t(15, 0), t(15, 5), "Eröffnung / Begrüßung", 0, "plenary"},
      {t(15, 5), t(15, 30), "Begrüßung", 0, "plenary"},
      {t(15, 35), t(15, 45), "Vorstellung der Gesprächsrunden", 0, "plenary"},
      {t(15, 45), t(16, 45), "Gesprächsrunde 1", 1, "round"},
      {t(16, 45), t(17, 0), "Kaffeepause", 0, "break"},
      {t(17, 0), t(17, 45), "Gesprächsrunde 2", 2, "round"},
      {t(17, 45), t(18, 45), "Auswertung und Vorstellung der zentralen Ergebnisse im Plenum", 0,
       "plenary"},
      {t(18, 45), t(19, 0), "Verabschiedung", 0, "plenary"},
  };
  for (const Venue& venue : event().venues) {
    const Day& day = venue.days[0];
    SCOPED_TRACE(day.date);
    ASSERT_EQ(day.agenda.size(), 8u);
    for (std::size_t i = 0; i < 8; ++i) {
      EXPECT_EQ(format_hhmm(day.agenda[i].start), format_hhmm(expected[i].start)) << i;
      EXPECT_EQ(format_hhmm(day.agenda[i].end), format_hhmm(expected[i].end)) << i;
      EXPECT_EQ(day.agenda[i].title, expected[i].title);
      EXPECT_EQ(day.agenda[i].round, expected[i].round);
      EXPECT_EQ(day.agenda[i].kind, expected[i].kind);
    }
    EXPECT_EQ(format_hhmm(agenda_item_for_round(day, 2)->start), "17:00");
    EXPECT_EQ(format_hhmm(day.checkin_opens), "14:15");
    EXPECT_EQ(format_hhmm(day.checkin_closes), "19:00");
  }
}

TEST_F(Bundled2019, TheMinisterWelcomesInMagdeburgTheStateSecretaryElsewhere) {
  EXPECT_EQ(event().venues[0].days[0].agenda[1].speaker,
            "Petra Grimm-Benne, Ministerin für Arbeit, Soziales und Integration");
  for (std::size_t v = 1; v < 4; ++v) {
    EXPECT_EQ(event().venues[v].days[0].agenda[1].speaker,
              "Susi Möbbeck, Staatssekretärin und Integrationsbeauftragte")
        << event().venues[v].days[0].date;
  }
}

TEST_F(Bundled2019, TheUnexplainedGapFrom1530To1535StaysEmpty) {
  for (const Venue& venue : event().venues) {
    for (const AgendaItem& item : venue.days[0].agenda) {
      EXPECT_FALSE(item.start < t(15, 35) && item.end > t(15, 30)) << item.title;
    }
  }
}

TEST_F(Bundled2019, EachHandlungsfeldHasOnePlaceholderRoomUsedInBothRounds) {
  for (const Venue& venue : event().venues) {
    SCOPED_TRACE(venue.id);
    EXPECT_EQ(venue.rooms.size(), 8u);
    EXPECT_FALSE(venue.help_desk.empty());
    EXPECT_TRUE(venue.help_desk_placeholder);
    for (const Topic& topic : event().topics) {
      const Room* first = room_for(venue, 1, topic.id);
      ASSERT_NE(first, nullptr) << topic.id;
      EXPECT_EQ(room_for(venue, 2, topic.id), first) << topic.id;
      EXPECT_EQ(rounds_offering(event(), venue, topic.id), (std::vector<int>{1, 2}));
      EXPECT_TRUE(first->placeholder);
      EXPECT_GE(first->capacity, 20);
      EXPECT_LE(first->capacity, 40);
      EXPECT_FALSE(first->location.empty());
    }
  }
  EXPECT_EQ(room_for(event().venues[0], 1, "HF9"), nullptr);
  EXPECT_EQ(room_for(event().venues[0], 3, "HF1"), nullptr);
}

// ---- the other example events: other shapes, same code ------------------------------------

TEST(ExampleEvents, BuKo2020IsOneVenueOverTwoDaysWithSixForums) {
  const Event event = load_event_config(kData / "events/buko-2020.toml");
  ASSERT_EQ(event.venues.size(), 1u);
  const Venue& venue = event.venues[0];
  EXPECT_EQ(venue.name, "Händelhalle");
  EXPECT_EQ(venue.city, "Halle (Saale)");
  ASSERT_EQ(venue.days.size(), 2u);
  EXPECT_EQ(venue.days[0].date, "2020-09-21");
  EXPECT_EQ(venue.days[1].date, "2020-09-22");
  EXPECT_EQ(event.topics.size(), 6u);
  EXPECT_EQ(event.topic_label, "Forum");
  // Forenphase I on the first day only, II on the second; the check-in opens earlier on day 2.
  EXPECT_NE(agenda_item_for_round(venue.days[0], 1), nullptr);
  EXPECT_EQ(agenda_item_for_round(venue.days[0], 2), nullptr);
  EXPECT_EQ(format_hhmm(agenda_item_for_round(venue.days[1], 2)->start), "09:15");
  EXPECT_EQ(format_hhmm(venue.days[0].checkin_opens), "11:00");
  EXPECT_EQ(format_hhmm(venue.days[1].checkin_opens), "08:15");
  int seats_per_round = 0;
  for (const Topic& topic : event.topics) {
    EXPECT_EQ(rounds_offering(event, venue, topic.id), (std::vector<int>{1, 2})) << topic.id;
    seats_per_round += room_for(venue, 1, topic.id)->capacity;
  }
  EXPECT_GE(seats_per_round, 200);  // rund 200 Teilnehmende fit into the forums
}

TEST(ExampleEvents, Magdeburg2025HasAMorningPlenaryAndAfternoonWorkshops) {
  const Event event = load_event_config(kData / "events/integrationskonferenz-magdeburg-2025.toml");
  ASSERT_EQ(event.venues.size(), 1u);
  const Venue& venue = event.venues[0];
  EXPECT_EQ(venue.name, "Altes Rathaus Magdeburg");
  ASSERT_EQ(venue.days.size(), 1u);
  EXPECT_EQ(venue.days[0].date, "2025-11-28");
  EXPECT_EQ(event.max_topics_per_participant, 1);
  ASSERT_NE(find_topic(event, "WS1"), nullptr);
  EXPECT_EQ(find_topic(event, "WS1")->name,
            "Gesellschaftliche Vielfalt als Chance für eine moderne Verwaltung");
  const Day& day = venue.days[0];
  for (const AgendaItem& item : day.agenda) {
    if (item.end <= t(12, 0)) {
      EXPECT_EQ(item.round, 0) << item.title;
    }
  }
  EXPECT_GE(agenda_item_for_round(day, 1)->start, t(13, 0));
  int seats = 0;
  for (const Room& room : venue.rooms)
    seats += room.capacity;
  EXPECT_GE(seats, 120);
}

TEST(ExampleEvents, MinimalConfigLoadsSoEachBrokenCopyFailsOnlyForItsOwnDefect) {
  const Event event = load_event_config(kData / "events/minimal.toml");
  EXPECT_EQ(event.venues.at(0).rooms.size(), 2u);
}

// ---- broken files -------------------------------------------------------------------------

struct Broken {
  const char* file;
  int line;
  const char* problem;  // what the organiser must read
  const char* detail;
};

// Names the case in test output instead of dumping the struct's bytes.
void PrintTo(const Broken& broken, std::ostream* out) {
  *out << broken.file;
}

class BrokenConfig : public ::testing::TestWithParam<Broken> {};

TEST_P(BrokenConfig, IsRefusedWithFileLineAndProblem) {
  const Broken& b = GetParam();
  const fs::path path = kData / "events/broken" / b.file;
  try {
    load_event_config(path);
    FAIL() << b.file << " was accepted";
  } catch (const EventConfigError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(std::string(b.file) + ":" + std::to_string(b.line) + ": "),
              std::string::npos)
        << message;
    EXPECT_NE(message.find(b.problem), std::string::npos) << message;
    EXPECT_NE(message.find(b.detail), std::string::npos) << message;
    EXPECT_EQ(e.line(), b.line);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Files, BrokenConfig,
    ::testing::Values(
        Broken{"syntax_error.toml", 32, "TOML syntax error", "Begrüßung"},
        Broken{"unknown_key.toml", 54, "unknown key 'capcity' in [[venues.rooms]]",
               "(did you mean 'capacity'?)"},
        Broken{"missing_required_key.toml", 40, "missing required key 'city'", "[[venues]]"},
        Broken{"unknown_topic_in_room.toml", 63,
               "room \"r2\" hosts topic \"T9\", which is not defined in [[topics]]", "T9"},
        Broken{"overlapping_agenda.toml", 35, "overlaps", "\"Begrüßung\" (10:00–10:30)"},
        Broken{"capacity_zero.toml", 54, "'capacity' is 0", "between 1 and"},
        Broken{"duplicate_venue_id.toml", 66, "venue id \"ort\" is used twice", "first in line 41"},
        Broken{"bad_timezone.toml", 7, "unknown timezone \"Europe/Berln\"", "Europe/Berlin"},
        Broken{"round_without_room.toml", 40, "no room for topic \"T2\" in round 1",
               "venue \"ort\""}),
    [](const ::testing::TestParamInfo<Broken>& info) {
      std::string name = info.param.file;
      name = name.substr(0, name.find('.'));
      return name;
    });

TEST(EventConfigErrors, AMissingFileIsNamed) {
  try {
    load_event_config(kData / "events/does-not-exist.toml");
    FAIL();
  } catch (const EventConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("does-not-exist.toml: cannot open"), std::string::npos)
        << e.what();
  }
}

TEST(EventConfigErrors, WrongValueTypesSayWhatToWrite) {
  EXPECT_NE(error_of(minimal_with("capacity = 20", "capacity = \"20\""))
                .find("inline.toml:56: 'capacity' must be a whole number, not text in quotes"),
            std::string::npos);
  EXPECT_NE(error_of(minimal_with("start = 10:00:00", "start = \"10:00\""))
                .find("'start' must be a time like 15:05:00 (without quotes)"),
            std::string::npos);
}

TEST(EventConfigErrors, AnImpossibleDateIsASyntaxErrorOnItsLine) {
  EXPECT_NE(error_of(minimal_with("date = 2024-06-01", "date = 2024-06-31"))
                .find("inline.toml:51: TOML syntax error: invalid date"),
            std::string::npos);
}

TEST(EventConfigErrors, MoreTopicsPerPersonThanRoundsIsRefused) {
  EXPECT_NE(
      error_of(minimal_with("max_topics_per_participant = 1", "max_topics_per_participant = 2"))
          .find("inline.toml:12: 'max_topics_per_participant' is 2; it must be between 0 and 1"),
      std::string::npos);
}

TEST(EventConfigErrors, ARoundMissingFromTheAgendaIsRefused) {
  const std::string text =
      minimal_with("[[topics]]", "[[rounds]]\nnumber = 2\nname = \"Runde 2\"\n\n[[topics]]");
  EXPECT_NE(error_of(text).find("has no agenda item for round 2 (\"Runde 2\")"), std::string::npos);
}

TEST(EventConfigErrors, AFifthRoundIsRefusedBecauseTicketsHoldFour) {
  std::string rounds;
  for (int n = 2; n <= 5; ++n) {
    rounds +=
        "[[rounds]]\nnumber = " + std::to_string(n) + "\nname = \"R" + std::to_string(n) + "\"\n\n";
  }
  EXPECT_NE(error_of(minimal_with("[[topics]]", rounds + "[[topics]]")).find("at most 4 rounds"),
            std::string::npos);
}

TEST(EventConfigErrors, TwoRoomsForOneTopicInARoundAreRefused) {
  EXPECT_NE(error_of(minimal_with("topics = [\"T2\"]", "topics = [\"T2\", \"T1\"]"))
                .find("rooms \"r1\" and \"r2\" both host topic \"T1\" in round 1"),
            std::string::npos);
}

TEST(EventConfigErrors, CheckinOpeningAfterTheStartIsRefused) {
  EXPECT_NE(
      error_of(minimal_with("date = 2024-06-01", "date = 2024-06-01\ncheckin_opens = 10:15:00"))
          .find("check-in opens at 10:15 on 2024-06-01, after the first agenda item starts "
                "at 10:00"),
      std::string::npos);
}

TEST(EventConfigErrors, ASpeakerForADateWithoutAVenueDayIsATypo) {
  const std::string text =
      minimal_with("title = \"Begrüßung\"", "title = \"Begrüßung\"\nspeaker_on.2024-06-11 = \"X\"");
  EXPECT_NE(error_of(text).find("names 2024-06-11, which is not a day at any venue"),
            std::string::npos);
}

TEST(EventConfigErrors, DaysOutOfOrderAreRefusedBecauseTicketsUseTheirPosition) {
  const std::string text =
      minimal_with("date = 2024-06-01", "date = 2024-06-02\n\n[[venues.days]]\ndate = 2024-06-01");
  EXPECT_NE(error_of(text).find("days must be listed in date order"), std::string::npos);
}

// ---- features the example files do not use ------------------------------------------------

TEST(EventConfigFeatures, TitleOnAndSpeakerOnChangeOnlyTheirDate) {
  const std::string text =
      minimal_with("date = 2024-06-01", "date = 2024-06-01\n\n[[venues.days]]\ndate = 2024-06-02");
  const std::string with_overrides =
      text.substr(0, text.find("title = \"Begrüßung\"")) +
      "title = \"Begrüßung\"\nspeaker = \"Vorstand\"\ntitle_on.2024-06-02 = \"Begrüßung zum "
      "zweiten Tag\"\nspeaker_on.2024-06-01 = \"Bürgermeisterin\"" +
      text.substr(text.find("title = \"Begrüßung\"") + std::string("title = \"Begrüßung\"").size());
  const Event event = parse_event_config(with_overrides, "inline.toml");
  const Venue& venue = event.venues[0];
  EXPECT_EQ(venue.days[0].agenda[0].title, "Begrüßung");
  EXPECT_EQ(venue.days[0].agenda[0].speaker, "Bürgermeisterin");
  EXPECT_EQ(venue.days[1].agenda[0].title, "Begrüßung zum zweiten Tag");
  EXPECT_EQ(venue.days[1].agenda[0].speaker, "Vorstand");
  EXPECT_EQ(day_index(venue, "2024-06-02"), 1u);
  EXPECT_EQ(day_index(venue, "2024-06-03"), std::nullopt);
}

TEST(EventConfigFeatures, AVenueMayLeaveATopicOut) {
  const std::string text =
      minimal_with("help_desk = \"Foyer\"", "help_desk = \"Foyer\"\nwithout_topics = [\"T2\"]");
  const std::string no_r2 = text.substr(0, text.rfind("\n[[venues.rooms]]")) + "\n";
  const Event event = parse_event_config(no_r2, "inline.toml");
  EXPECT_EQ(room_for(event.venues[0], 1, "T2"), nullptr);
  EXPECT_TRUE(rounds_offering(event, event.venues[0], "T2").empty());
}

TEST(EventConfigFeatures, ATopicOnlyInSomeRoundsNeedsRoomsOnlyThere) {
  std::string text =
      minimal_with("[[topics]]", "[[rounds]]\nnumber = 2\nname = \"Runde 2\"\n\n[[topics]]");
  text = text.replace(text.find("name = \"Zweites Thema\""), 22,
                      "name = \"Zweites Thema\"\nrounds = [2]");
  text = text.replace(text.find("[[venues]]"), 10,
                      "[[agenda]]\nstart = 11:30:00\nend = 12:00:00\ntitle = \"Runde 2\"\nround = "
                      "2\n\n[[venues]]");
  // r2 is used in every round by default, but T2 only runs in round 2: the loader asks for it.
  EXPECT_NE(error_of(text).find("room \"r2\" hosts topic \"T2\" in round 1, but \"T2\" is only "
                                "discussed in round(s) 2"),
            std::string::npos);
  text = text.replace(text.find("topics = [\"T2\"]"), 15, "topics = [\"T2\"]\nrounds = [2]");
  const Event event = parse_event_config(text, "inline.toml");
  EXPECT_EQ(rounds_offering(event, event.venues[0], "T2"), (std::vector<int>{2}));
  EXPECT_EQ(rounds_offering(event, event.venues[0], "T1"), (std::vector<int>{1, 2}));
}

}  // namespace
}  // namespace einlass::core
