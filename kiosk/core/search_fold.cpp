#include "kiosk/core/search_fold.hpp"

#include <array>
#include <cctype>
#include <utility>

namespace einlass::core {

namespace {

// Latin letters with diacritics common in German and in the names of participants from
// neighbouring countries, mapped to their base letters (UTF-8 on the left).
constexpr std::array<std::pair<std::string_view, std::string_view>, 34> kFolds{{
    {"ä", "a"},  {"Ä", "a"}, {"ö", "o"}, {"Ö", "o"}, {"ü", "u"}, {"Ü", "u"}, {"ß", "ss"},
    {"ẞ", "ss"}, {"é", "e"}, {"É", "e"}, {"è", "e"}, {"ê", "e"}, {"ë", "e"}, {"á", "a"},
    {"à", "a"},  {"â", "a"}, {"ó", "o"}, {"ò", "o"}, {"ô", "o"}, {"í", "i"}, {"ì", "i"},
    {"î", "i"},  {"ï", "i"}, {"ú", "u"}, {"ù", "u"}, {"û", "u"}, {"ç", "c"}, {"č", "c"},
    {"ć", "c"},  {"š", "s"}, {"ž", "z"}, {"ñ", "n"}, {"ł", "l"}, {"ø", "o"},
}};

// "ae", "oe", "ue" are how German writes umlauts without them; collapsing them on both sides
// makes "Mueller" and "Müller" meet at "muller".
std::string collapse_umlaut_spellings(const std::string& in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    out.push_back(in[i]);
    const char c = in[i];
    if ((c == 'a' || c == 'o' || c == 'u') && i + 1 < in.size() && in[i + 1] == 'e') ++i;
  }
  return out;
}

}  // namespace

std::string fold_for_search(std::string_view utf8) {
  std::string folded;
  folded.reserve(utf8.size());
  for (size_t i = 0; i < utf8.size();) {
    bool matched = false;
    if (static_cast<unsigned char>(utf8[i]) >= 0x80) {
      for (const auto& [from, to] : kFolds) {
        if (utf8.substr(i, from.size()) == from) {
          folded += to;
          i += from.size();
          matched = true;
          break;
        }
      }
    }
    if (matched) continue;
    folded.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(utf8[i]))));
    ++i;
  }
  return collapse_umlaut_spellings(folded);
}

}  // namespace einlass::core
