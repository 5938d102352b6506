#pragma once
// What a keyboard-wedge scanner's characters turn into on a German keyboard layout.
//
// Such scanners send key positions (USB HID usage codes) as a US keyboard would press them,
// and the computer translates positions with *its* layout. On the German T1 (QWERTZ) layout
// Y and Z trade places and most punctuation lands on other characters: '-' arrives as 'ß',
// '/' as '-', ':' as 'Ö', '_' as '?'. Letters other than Y/Z, digits, space, ',', '.', '!',
// '$' and '%' arrive unchanged — which is why ticket codes use only digits and letters
// without Y and Z (kiosk/core/ticket_alphabet.hpp) and need no remapping at all.
//
// ^, ´ and ` are dead keys on the German layout: the character they produce depends on the
// next key (´ then e gives é). They are mapped to their spacing forms here; a code with '`',
// '=' or '+' in it can arrive further garbled than this mapping can undo.

#include <string>
#include <string_view>
#include <vector>

namespace einlass::scan {

// The character that appears when a US-layout scanner types `c` on a German layout.
char32_t us_key_on_german_layout(char32_t c);

// The character a US-layout scanner meant when `c` appeared on a German layout (the inverse
// of us_key_on_german_layout; characters no US key produces there are returned unchanged).
char32_t german_char_from_us_key(char32_t c);

// Both, applied to UTF-8 text.
std::string type_us_on_german(std::string_view utf8);
std::string undo_us_on_german(std::string_view utf8);

// The readings of a scanned code other than the text as it arrived, most likely first, for a
// roster lookup when the text as it arrived is not known:
//  1. the text with the German-layout mapping undone ("LIKß2019ß004711" -> "LIK-2019-004711");
//  2. if it has '?': the same with '?' read as '-' (a 'ß' that an ASCII-only path, e.g. a
//     terminal or an older scanner driver, replaced by '?': "LIK?2019?004711").
// Only readings that differ from the text and from each other, and consist of printable
// ASCII (what a scanner emulating a US keyboard can type), are returned.
std::vector<std::string> us_layout_readings(std::string_view utf8);

}  // namespace einlass::scan
