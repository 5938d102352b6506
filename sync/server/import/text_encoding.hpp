#pragma once
// The encodings registration CSVs arrive in: UTF-8 (with or without the BOM Excel writes) or
// Windows-1252 (Excel's "CSV (Trennzeichen-getrennt)" on a German Windows). Detection is by
// validity: a Windows-1252 file with any umlaut is almost never valid UTF-8, and a pure-ASCII
// file reads the same either way.

#include <optional>
#include <string>
#include <string_view>

namespace einlass::sync::server::import {

enum class TextEncoding { Utf8, Utf8Bom, Windows1252 };

// "utf-8", "utf-8-bom", "windows-1252" (as printed and accepted by --encoding).
std::string_view encoding_name(TextEncoding encoding);
// Accepts the names above and common spellings ("utf8", "cp1252", "latin1" …); nullopt if unknown.
std::optional<TextEncoding> parse_encoding_name(std::string_view name);

bool is_valid_utf8(std::string_view bytes);
TextEncoding detect_encoding(std::string_view bytes);

// The file's text as UTF-8 (BOM removed).
std::string decode_to_utf8(std::string_view bytes, TextEncoding encoding);
// UTF-8 text in the file's encoding (with the BOM for Utf8Bom); characters Windows-1252 cannot
// hold become '?'.
std::string encode_from_utf8(std::string_view utf8, TextEncoding encoding);

}  // namespace einlass::sync::server::import
