// The idle screen at the entrance: a clear prompt to hold the QR code to the camera or scanner,
// the camera preview when there is one, and the day's agenda beside it. Outside the opening
// hours (and on a kiosk the organiser took out of service) the prompt gives way to what is the
// case and where the help desk is: nobody should be invited to scan only to be refused.

#include <algorithm>

#include "kiosk/ui/icons.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/text_format.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace einlass::ui {

namespace {

// What a person typed so far (codes of other registration systems are short enough to type),
// with a solid caret bar after it — a "|" character would read as part of the code.
void draw_typed_code(ScreenContext& ctx, ImVec2 pos, float width) {
  Ui& ui = ctx.ui;
  const std::string& code = ctx.session.typed_code();
  panel(ui, pos, ImVec2(width, ui.u(92)), theme::kBackground, 10, theme::kAccent);
  text_at(ui, FontRole::Small, ImVec2(pos.x + ui.u(16), pos.y + ui.u(6)),
          ui.tr("welcome.typed_code"), theme::kMuted);
  const ImVec2 box(width - ui.u(48), ui.u(40));
  const ImVec2 at(pos.x + ui.u(16), pos.y + ui.u(44));
  text_in_box(ui, FontRole::Bold, at, box, code, theme::kText);
  const float caret_x = at.x + std::min(measure(ui, FontRole::Bold, code).x + ui.u(4), box.x);
  ui.draw->AddRectFilled(ImVec2(caret_x, at.y + ui.u(2)),
                         ImVec2(caret_x + ui.u(4), at.y + ui.u(36)), theme::kAccent);
}

enum class Closed { No, NotYet, NotYetOtherDay, Over, OutOfService };

Closed closed_state(ScreenContext& ctx) {
  if (ctx.session.out_of_service()) return Closed::OutOfService;
  const core::AgendaNow now = ctx.session.clock().at(ctx.now.wall);
  if (now.checkin_open) return Closed::No;
  if (now.phase == core::AgendaPhase::BeforeCheckin) return Closed::NotYet;
  if (now.phase == core::AgendaPhase::OtherDay && now.local.date < ctx.session.day().ymd)
    return Closed::NotYetOtherDay;
  return Closed::Over;
}

// Instead of the prompt: why no scan works now, when it will, and where to get help.
void draw_closed(ScreenContext& ctx, Closed closed, float x, float top, float w, float h) {
  Ui& ui = ctx.ui;
  const core::Day& day = ctx.session.day();
  const float pad = 32;
  const float badge = 48;
  std::string title, text;
  switch (closed) {
    case Closed::NotYet:
      title = ui.tr("welcome.before.title");
      text = ui.tr("welcome.before.text", {{"time", time_text(ui, day.checkin_opens)}});
      break;
    case Closed::NotYetOtherDay:
      title = ui.tr("welcome.before.title");
      text = ui.tr("welcome.before_day.text", {{"date", long_date_text(ui, day.ymd)},
                                               {"time", time_text(ui, day.checkin_opens)}});
      break;
    case Closed::Over:
      title = ui.tr("welcome.closed.title");
      text = ui.tr("welcome.closed.text");
      break;
    default:
      title = ui.tr("welcome.out_of_service.title");
      text = ui.tr("welcome.out_of_service.text");
      break;
  }
  ui.record.fact("welcome_state", closed == Closed::OutOfService ? "out_of_service"
                                  : closed == Closed::Over       ? "closed"
                                                                 : "not_yet_open");
  icon_badge(ui.draw, ui.at(x + pad + badge, top + pad + badge), ui.u(badge),
             closed == Closed::OutOfService ? Badge::Attention : Badge::Info,
             closed == Closed::OutOfService ? theme::kWarning : theme::kInfo, theme::kOnColour);
  const float tx = x + pad + 2 * badge + 24;
  text_in_box(ui, FontRole::Title, ui.at(tx, top + pad),
              ImVec2(ui.u(w - (tx - x) - pad), ui.u(120)), title, theme::kText);
  float y = top + pad + 2 * badge + 40;
  const float text_w = ui.u(w - 2 * pad);
  y += text_in_box(ui, FontRole::Large, ui.at(x + pad, y), ImVec2(text_w, ui.u(200)), text,
                   theme::kText) /
           ui.fonts.scale() +
       24;
  const std::string& desk = ctx.session.venue().help_desk;
  if (!desk.empty() && y + 60 < top + h - pad)
    text_in_box(ui, FontRole::Body, ui.at(x + pad, y),
                ImVec2(text_w, ui.u(std::min(140.0f, top + h - pad - y))),
                ui.tr("welcome.desk", {{"desk", desk}}), theme::kText);
}

}  // namespace

void draw_welcome(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const float top = draw_header(ctx);
  const Closed closed = closed_state(ctx);
  // When closed, the card names the help desk in large type: the footer does not repeat it.
  const float bottom = draw_footer(ctx, true, closed == Closed::No);
  const float width = ui.width_units();
  const float gap = 28;
  const float left_w = (width - 80 - gap) * 0.54f;
  const float right_w = width - 80 - gap - left_w;
  const float h = bottom - top - 24;

  const ImVec2 card = ui.at(40, top);
  panel(ui, card, ImVec2(ui.u(left_w), ui.u(h)), theme::kSurface, 16, theme::kBorder);
  draw_agenda_panel(ctx, ui.at(40 + left_w + gap, top), ImVec2(ui.u(right_w), ui.u(h)));
  const float pad = 32;
  if (closed != Closed::No) {
    draw_closed(ctx, closed, 40, top, left_w, h);
    if (!ctx.session.typed_code().empty())
      draw_typed_code(ctx, ui.at(40 + pad, top + h - pad - 92), ui.u(left_w - 2 * pad));
    return;
  }
  ui.record.fact("welcome_state", "open");

  // The prompt: what to do, in big type, with a QR pictogram.
  const float qr = 96;
  icon_qr(ui.draw, ui.at(40 + pad, top + pad), ui.u(qr), theme::kText, theme::kSurface);
  text_in_box(ui, FontRole::Title, ui.at(40 + pad + qr + 24, top + pad - 6),
              ImVec2(ui.u(left_w - 2 * pad - qr - 24), ui.u(qr + 12)), ui.tr("welcome.title"),
              theme::kText);
  float y = top + pad + qr + 28;
  const float text_w = ui.u(left_w - 2 * pad);
  y += text_in_box(ui, FontRole::Large, ui.at(40 + pad, y), ImVec2(text_w, ui.u(170)),
                   ui.tr("welcome.prompt"), theme::kText) /
           ui.fonts.scale() +
       14;
  y += text_in_box(ui, FontRole::Body, ui.at(40 + pad, y), ImVec2(text_w, ui.u(80)),
                   ui.tr("welcome.prompt_hint"), theme::kMuted) /
           ui.fonts.scale() +
       18;

  // At the bottom, always (camera or not): where to go without a code.
  const float no_code_h = std::min(
      96.0f,
      measure(ui, FontRole::Body, ui.tr("welcome.no_code"), text_w).y / ui.fonts.scale() + 4);
  const float no_code_y = top + h - pad - no_code_h;
  const float rest = no_code_y - 16 - y;
  if (!ctx.session.typed_code().empty()) {
    draw_typed_code(ctx, ui.at(40 + pad, y), text_w);
  } else if (ctx.camera.configured && rest > 120) {
    draw_camera_panel(ctx, ui.at(40 + pad, y), ImVec2(text_w, ui.u(rest)));
  } else if (rest >= 60) {
    // No camera: a phone with a QR code shows what to do, without words; it scales to the
    // space left (a longer prompt in another language leaves less).
    const float phone_h = std::min(rest, 230.0f);
    icon_phone_with_qr(ui.draw, ui.at(40 + left_w / 2 - phone_h * 0.26f, y + (rest - phone_h) / 2),
                       ui.u(phone_h), theme::kText, theme::kSurface);
    ui.record.fact("phone_picture", phone_h);
  }
  text_in_box(ui, FontRole::Body, ui.at(40 + pad, no_code_y), ImVec2(text_w, ui.u(no_code_h)),
              ui.tr("welcome.no_code"), theme::kMuted);
}

}  // namespace einlass::ui
