#include "kiosk/ui/strings.hpp"

#include "kiosk/ui/ui_error.hpp"

namespace einlass::ui {

StringTables StringTables::load(const std::filesystem::path& dir, std::string_view default_code) {
  try {
    return StringTables(core::StringTables::load(dir, default_code));
  } catch (const core::StringTableError& e) {
    throw UiError(e.what());
  }
}

}  // namespace einlass::ui
