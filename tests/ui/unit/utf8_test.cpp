#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kiosk/core/utf8.hpp"

namespace einlass::core {
namespace {

std::vector<char32_t> decode(const std::string& s) {
  std::vector<char32_t> out;
  for_each_codepoint(s, [&](char32_t c) { out.push_back(c); });
  return out;
}

TEST(Utf8, DecodesGermanAndTypographicCharacters) {
  EXPECT_EQ(decode("Aä„–€"), (std::vector<char32_t>{U'A', U'ä', U'„', U'–', U'€'}));
}

TEST(Utf8, MalformedBytesBecomeReplacementCharacters) {
  EXPECT_EQ(decode("\xff"), std::vector<char32_t>{U'\uFFFD'});
  EXPECT_EQ(decode("a\xc3"), (std::vector<char32_t>{U'a', U'\uFFFD'}));
  EXPECT_EQ(decode("\xc3("), (std::vector<char32_t>{U'\uFFFD', U'('}));
}

TEST(Utf8, EncodesWhatItDecodes) {
  const std::string text = "Groß „Ärger“ – 😀";
  std::string again;
  for_each_codepoint(text, [&](char32_t c) { append_utf8(again, c); });
  EXPECT_EQ(again, text);
}

}  // namespace
}  // namespace einlass::core
