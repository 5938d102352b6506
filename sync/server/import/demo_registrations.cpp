#include "sync/server/import/demo_registrations.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string_view>
#include <vector>

#include "sync/server/import/csv_table.hpp"

namespace einlass::sync::server::import {

namespace {

// splitmix64: tiny, and unlike std:: distributions it gives the same numbers everywhere.
class DemoRandom {
 public:
  explicit DemoRandom(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }
  template <typename List>
  std::string_view pick(const List& list) {
    return list[below(list.size())];
  }
  bool chance(int percent) { return below(100) < static_cast<size_t>(percent); }

 private:
  uint64_t state_;
};

struct NamePool {
  std::vector<std::string_view> first, last;
  int weight;  // share of participants, percent
};

const std::array<NamePool, 8> kNamePools{{
    {{"Anna",   "Jürgen", "Katrin",  "Matthias", "Sabine",    "Uwe",   "Ute",     "Thomas",
      "Andrea", "Jörg",   "Susanne", "Frank",    "Birgit",    "Ralf",  "Claudia", "Steffen",
      "Heike",  "Maik",   "Anja",    "Sören",    "Franziska", "Björn", "Käthe",   "Günter",
      "Doreen", "Lea",    "Jonas",   "Mandy",    "René",      "Ines"},
     {"Müller",  "Schmidt",  "Schneider", "Fischer", "Weiß",   "Köhler", "Krüger",  "Schäfer",
      "Becker",  "Hoffmann", "Groß",      "Lehmann", "Böhm",   "Wagner", "Günther", "Zimmermann",
      "Meißner", "Voß",      "Schröder",  "Lößner",  "Nowak",  "Krause", "Jäger",   "Kühn",
      "Bräuer",  "Strauß",   "Hübner",    "Fuchs",   "Möbius", "Seidel"},
     46},
    {{"Ayşe", "Mehmet", "Elif", "Emre", "Fatma", "Murat", "Zeynep", "Hüseyin", "Gülşen", "Çağla",
      "Özlem", "Serkan"},
     {"Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Arslan", "Doğan", "Koç",
      "Güneş", "Erdoğan"},
     10},
    {{"Mohammed", "Fatima", "Ahmad", "Amira", "Khaled", "Layla", "Omar", "Rania", "Yousef", "Nour",
      "Samir", "Huda"},
     {"Al-Hassan", "Haddad", "Khalil", "Mansour", "Nasser", "Al-Ahmad", "Saleh", "Abdullah",
      "El-Sayed", "Hamdan", "Darwish", "Qasim"},
     12},
    {{"Agnieszka", "Łukasz", "Małgorzata", "Paweł", "Katarzyna", "Wojciech", "Zofia", "Michał"},
     {"Kowalski", "Wiśniewska", "Dąbrowski", "Zieliński", "Wójcik", "Kamińska", "Lewandowski",
      "Szymańska"},
     7},
    {{"Nguyen Thi", "Tran Van", "Le Thi", "Pham Van", "Hoang Thi", "Vu Duc"},
     {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"},
     5},
    {{"Olena", "Dmytro", "Natalia", "Sergei", "Irina", "Wladimir", "Oksana", "Jewgeni"},
     {"Kovalenko", "Schewtschenko", "Iwanowa", "Petrenko", "Bondarenko", "Smirnow", "Melnyk",
      "Tkachenko"},
     10},
    {{"Amadou", "Fatoumata", "Kwame", "Abebe", "Chidi", "Aminata"},
     {"Diallo", "Traoré", "Mensah", "Tesfaye", "Okonkwo", "Ndiaye"},
     4},
    {{"Hélène", "François", "José", "Inés", "Giulia", "Noémie", "Zoë", "Ana"},
     {"Lefèvre", "García", "Martínez", "Rossi", "Dubois", "Fernández", "Moreau",
      "Müller-Lüdenscheidt"},
     6},
}};

// Organisations and the domain their staff write from ("" = a private address).
struct Organisation {
  std::string_view name, domain;
};
const std::array<Organisation, 30> kOrganisations{{
    {"Landeshauptstadt Magdeburg, Integrationsbeauftragte", "magdeburg.de"},
    {"Stadt Halle (Saale), Fachbereich Integration", "halle.de"},
    {"Stadt Dessau-Roßlau, Amt für Soziales", "dessau-rosslau.de"},
    {"Hansestadt Stendal", "stendal.de"},
    {"Landkreis Stendal, Ausländerbehörde", "landkreis-stendal.de"},
    {"Landkreis Harz", "kreis-hz.de"},
    {"Salzlandkreis, Migrationsberatung", "salzlandkreis.de"},
    {"Landkreis Anhalt-Bitterfeld", "anhalt-bitterfeld.de"},
    {"Burgenlandkreis, Kommunales Integrationszentrum", "blk.de"},
    {"Ministerium für Arbeit, Soziales und Integration", "ms.sachsen-anhalt.de"},
    {"Landesverwaltungsamt Sachsen-Anhalt", "lvwa.sachsen-anhalt.de"},
    {"Jobcenter Magdeburg", "jobcenter-ge.de"},
    {"Agentur für Arbeit Halle", "arbeitsagentur.de"},
    {"Caritasverband für das Bistum Magdeburg e. V.", "caritas-magdeburg.de"},
    {"Diakonie Mitteldeutschland", "diakonie-ekm.de"},
    {"AWO Landesverband Sachsen-Anhalt e. V.", "awo-sachsenanhalt.de"},
    {"DRK Landesverband Sachsen-Anhalt e. V.", "drk-sachsen-anhalt.de"},
    {"Der Paritätische Sachsen-Anhalt", "paritaet-lsa.de"},
    {"LAMSA – Landesnetzwerk Migrantenorganisationen Sachsen-Anhalt e. V.", "lamsa.de"},
    {"Auslandsgesellschaft Sachsen-Anhalt e. V.", "agsa.de"},
    {"Flüchtlingsrat Sachsen-Anhalt e. V.", "fluechtlingsrat-lsa.de"},
    {"Multikulturelles Zentrum Dessau e. V.", "mkz-dessau.de"},
    {"Deutsch-Türkischer Kulturverein Halle e. V.", "gmx.de"},
    {"Syrisch-Deutscher Verein „Brücke“ e. V.", "web.de"},
    {"Polnischer Verein Magdeburg e. V.", "t-online.de"},
    {"Vietnamesischer Verein Halle e. V.", "gmail.com"},
    {"Volkshochschule Magdeburg", "vhs.magdeburg.de"},
    {"Otto-von-Guericke-Universität Magdeburg", "ovgu.de"},
    {"Hochschule Magdeburg-Stendal", "h2.de"},
    {"Integrationsbeauftragte des Landkreises Wittenberg", "landkreis-wittenberg.de"},
}};

constexpr std::array<std::string_view, 5> kPrivateDomains{"gmx.de", "web.de", "t-online.de",
                                                          "gmail.com", "posteo.de"};

// An e-mail local part from a name as people make them: "Jürgen" → "juergen", "Çağla" →
// "cagla", "Łukasz" → "lukasz"; what is not a letter, digit or '-' is left out.
std::string mail_part(std::string_view name) {
  static const std::array<std::pair<std::string_view, std::string_view>, 44> kSpelled{{
      {"ä", "ae"}, {"ö", "oe"}, {"ü", "ue"}, {"Ä", "ae"}, {"Ö", "oe"}, {"Ü", "ue"}, {"ß", "ss"},
      {"ı", "i"},  {"İ", "i"},  {"ş", "s"},  {"Ş", "s"},  {"ğ", "g"},  {"ç", "c"},  {"Ç", "c"},
      {"ł", "l"},  {"Ł", "l"},  {"ą", "a"},  {"ę", "e"},  {"ś", "s"},  {"ń", "n"},  {"ó", "o"},
      {"ć", "c"},  {"ż", "z"},  {"ź", "z"},  {"é", "e"},  {"è", "e"},  {"ê", "e"},  {"ë", "e"},
      {"á", "a"},  {"à", "a"},  {"í", "i"},  {"ï", "i"},  {"Ś", "s"},  {"ñ", "n"},  {"ô", "o"},
      {"ễ", "e"},  {"ầ", "a"},  {"ạ", "a"},  {"ũ", "u"},  {"ơ", "o"},  {"ư", "u"},  {"É", "e"},
      {"Ż", "z"},  {"ú", "u"},
  }};
  std::string out;
  for (size_t i = 0; i < name.size();) {
    bool done = false;
    for (const auto& [from, to] : kSpelled)
      if (name.substr(i, from.size()) == from) {
        out += to;
        i += from.size();
        done = true;
        break;
      }
    if (done) continue;
    const auto c = static_cast<unsigned char>(name[i++]);
    if (std::isalnum(c) != 0 || c == '-') out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

std::string topic_text(const core::Event& event, const core::Topic& topic, DemoRandom& random) {
  // The site wrote "HF 4 – Bildung und Sprachförderung"; hand-edited rows say less.
  if (random.chance(80))
    return event.topic_short + " " + std::to_string(topic.number) + " – " + topic.name;
  if (random.chance(50)) return event.topic_short + std::to_string(topic.number);
  return topic.name;
}

}  // namespace

std::string demo_registrations_csv(const core::Event& event, int count, uint64_t seed) {
  DemoRandom random(seed);
  std::string csv = "\xEF\xBB\xBF";
  csv += csv_line({"Anmelde-Nr.", "Vorname", "Nachname", "E-Mail", "Organisation/Institution",
                   "Veranstaltungsort", event.topic_label + " 1", event.topic_label + " 2",
                   "Anmeldedatum", "Bemerkung"},
                  ';');
  std::set<std::string> emails;
  for (int i = 0; i < count; ++i) {
    size_t roll = random.below(100), pool = 0;
    while (pool + 1 < kNamePools.size() && roll >= static_cast<size_t>(kNamePools[pool].weight)) {
      roll -= static_cast<size_t>(kNamePools[pool].weight);
      ++pool;
    }
    const NamePool& names = kNamePools[pool];
    const std::string first(random.pick(names.first)), last(random.pick(names.last));
    const Organisation& org = kOrganisations[random.below(kOrganisations.size())];
    const bool private_mail = random.chance(15);
    const std::string domain(private_mail ? random.pick(kPrivateDomains) : org.domain);
    // Unique addresses: people with the same name get a number, as mail providers do it.
    std::string local = mail_part(first.substr(0, first.find(' '))) + "." + mail_part(last);
    std::string email = local + "@" + domain;
    for (int n = 2; emails.contains(email); ++n)
      email = local + std::to_string(n) + "@" + domain;
    emails.insert(email);
    if (random.chance(10)) email[0] = static_cast<char>(std::toupper(email[0]));

    const core::Venue& venue = event.venues[random.below(event.venues.size())];
    std::vector<const core::Topic*> offered;
    for (const core::Topic& t : event.topics)
      if (!core::rounds_offering(event, venue, t.id).empty()) offered.push_back(&t);
    const size_t max_topics = std::min<size_t>(
        {2, static_cast<size_t>(event.max_topics_per_participant), offered.size()});
    const size_t chosen = random.chance(8)    ? 0
                          : random.chance(25) ? std::min<size_t>(1, max_topics)
                                              : max_topics;
    std::vector<const core::Topic*> picked;
    std::vector<std::string> topics;
    for (size_t k = 0; k < chosen; ++k) {
      const core::Topic* t = offered[random.below(offered.size())];
      if (std::find(picked.begin(), picked.end(), t) != picked.end()) continue;
      picked.push_back(t);
      topics.push_back(topic_text(event, *t, random));
    }
    topics.resize(2);
    const std::string venue_text = random.chance(70) ? venue.city : venue.name + ", " + venue.city;
    const std::string date = "2019-0" + std::to_string(6 + random.below(3)) + "-" +
                             std::to_string(10 + random.below(19));
    std::string note;
    if (random.chance(5)) note = "Ich komme mit Rollstuhl.\nBitte barrierefreien Zugang.";
    if (random.chance(3)) note = "Vegetarisch, \"falls es Essen gibt\"";
    csv += csv_line({"RK19-" + std::to_string(10001 + i), first, last, email, std::string(org.name),
                     venue_text, topics[0], topics[1], date, note},
                    ';');
  }
  return csv;
}

}  // namespace einlass::sync::server::import
