#include "kiosk/ui/ui_frame.hpp"

namespace einlass::ui {

std::string Ui::tr(std::string_view key, FormatArgs args) const {
  record.key(key);
  return format_text(strings.text(language, key), args);
}

}  // namespace einlass::ui
