#include "kiosk/app/gui/early_leak_check.hpp"

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define EINLASS_HAS_LSAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define EINLASS_HAS_LSAN 1
#endif

#ifdef EINLASS_HAS_LSAN
#include <sanitizer/lsan_interface.h>
#endif

namespace einlass::app::gui {

void check_leaks_before_graphics_shutdown() {
#ifdef EINLASS_HAS_LSAN
  __lsan_do_leak_check();
#endif
}

}  // namespace einlass::app::gui
