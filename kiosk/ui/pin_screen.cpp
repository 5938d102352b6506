// The staff PIN pad: for staff mode, and before anyone may leave the kiosk. Digits on screen
// (touch) and from the keyboard; the PIN itself is never shown, only a dot per digit. After
// repeated wrong PINs the pad locks and says for how long.

#include <algorithm>
#include <cstdio>

#include "kiosk/ui/icons.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace einlass::ui {

namespace {

int64_t unix_ms(core::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

std::string minutes_seconds(int64_t ms) {
  const int64_t s = (ms + 999) / 1000;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%lld:%02lld", static_cast<long long>(s / 60),
                static_cast<long long>(s % 60));
  return buffer;
}

}  // namespace

void draw_pin(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  KioskSession& session = ctx.session;
  const PinPad& pad = session.pin_pad();
  const float width = ui.width_units();
  const float card_w = 520, card_h = 700;
  const float x0 = (width - card_w) / 2, y0 = (ui.height_units() - card_h) / 2;
  panel(ui, ui.at(x0, y0), ImVec2(ui.u(card_w), ui.u(card_h)), theme::kSurface, 18, theme::kBorder);

  icon_lock(ui.draw, ui.at(x0 + 32, y0 + 30), ui.u(38), theme::kAccent);
  text_in_box(ui, FontRole::Large, ui.at(x0 + 84, y0 + 28), ImVec2(ui.u(card_w - 116), ui.u(46)),
              ui.tr(pad.purpose == PinPurpose::EnterStaff ? "pin.title.staff" : "pin.title.leave"),
              theme::kText);

  // Status line: the prompt, a wrong PIN, or the lockout with its countdown.
  const int64_t now_ms = unix_ms(ctx.now.wall);
  const bool locked = pad.last.locked_until_ms > now_ms;
  std::string status;
  ImU32 status_colour = theme::kMuted;
  if (!session.pin_is_set()) {
    status = ui.tr("pin.not_set");
    status_colour = theme::kWarning;
  } else if (locked) {
    status = ui.tr("pin.locked", {{"time", minutes_seconds(pad.last.locked_until_ms - now_ms)}});
    status_colour = theme::kWarning;
  } else if (pad.attempted && pad.last.verdict == app::StaffPin::Verdict::Wrong) {
    status = ui.tr("pin.wrong");
    status_colour = theme::kWarning;
  } else {
    status = ui.tr("pin.prompt");
  }
  text_in_box(ui, FontRole::Body, ui.at(x0 + 32, y0 + 86), ImVec2(ui.u(card_w - 64), ui.u(70)),
              status, status_colour, Align::Centre);

  // One dot per digit typed.
  const float dots_y = y0 + 176;
  const int shown = static_cast<int>(std::max<std::size_t>(pad.digits.size(), 4));
  const float dot_gap = 34;
  const float dots_x = x0 + (card_w - (shown - 1) * dot_gap) / 2;
  for (int i = 0; i < shown; ++i) {
    const ImVec2 c = ui.at(dots_x + i * dot_gap, dots_y);
    if (i < static_cast<int>(pad.digits.size())) {
      ui.draw->AddCircleFilled(c, ui.u(10), theme::kText, 20);
    } else {
      ui.draw->AddCircle(c, ui.u(10), theme::kBorder, 20, ui.u(2));
    }
  }
  ui.record.fact("pin_digits", static_cast<int>(pad.digits.size()));

  // The pad: 1–9, erase, 0, OK.
  const bool enabled = session.pin_is_set() && !locked;
  const float key_w = 132, key_h = 84, gap = 16;
  const float keys_x = x0 + (card_w - 3 * key_w - 2 * gap) / 2;
  const float keys_y = y0 + 214;
  static constexpr const char* kDigits[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9"};
  for (int i = 0; i < 9; ++i) {
    ButtonSpec b;
    b.label = kDigits[i];
    b.id = std::string("pin-") + kDigits[i];
    b.pos = ui.at(keys_x + (i % 3) * (key_w + gap), keys_y + (i / 3) * (key_h + gap));
    b.size = ImVec2(ui.u(key_w), ui.u(key_h));
    b.role = FontRole::Title;
    b.enabled = enabled;
    if (button(ui, b)) session.pin_key(kDigits[i][0], ctx.now);
  }
  const float row4 = keys_y + 3 * (key_h + gap);
  if (key_button(ui, "pin.erase", ui.at(keys_x, row4), ImVec2(ui.u(key_w), ui.u(key_h)),
                 ButtonStyle::Secondary, enabled && !pad.digits.empty()))
    session.pin_erase();
  ButtonSpec zero;
  zero.label = "0";
  zero.id = "pin-0";
  zero.pos = ui.at(keys_x + key_w + gap, row4);
  zero.size = ImVec2(ui.u(key_w), ui.u(key_h));
  zero.role = FontRole::Title;
  zero.enabled = enabled;
  if (button(ui, zero)) session.pin_key('0', ctx.now);
  if (key_button(ui, "pin.ok", ui.at(keys_x + 2 * (key_w + gap), row4),
                 ImVec2(ui.u(key_w), ui.u(key_h)), ButtonStyle::Primary,
                 enabled && pad.digits.size() >= 4))
    session.pin_submit(ctx.now);

  if (key_button(ui, "pin.cancel", ui.at(x0 + 32, y0 + card_h - 84),
                 ImVec2(ui.u(card_w - 64), ui.u(60)), ButtonStyle::Quiet))
    session.pin_cancel(ctx.now);
}

}  // namespace einlass::ui
