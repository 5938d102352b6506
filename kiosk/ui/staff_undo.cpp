// Undoing the last check-in made on this kiosk (a mis-scan, the wrong person picked by name):
// staff see whom it concerns and confirm; an Undo event is stored, nothing is deleted.

#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/text_format.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace einlass::ui {

void draw_staff_undo(ScreenContext& ctx, ImVec2 pos, ImVec2 size) {
  Ui& ui = ctx.ui;
  KioskSession& session = ctx.session;
  const UndoView& undo = session.undo();
  float y = pos.y;
  text_at(ui, FontRole::Large, ImVec2(pos.x, y), ui.tr("undo.title"), theme::kText);
  y += ui.u(54);
  y += text_in_box(ui, FontRole::Body, ImVec2(pos.x, y), ImVec2(size.x, ui.u(100)),
                   ui.tr("undo.explain"), theme::kMuted) +
       ui.u(24);

  if (!undo.done_name.empty()) {
    const auto at = session.clock().local_time_of(undo.done_at).time;
    y += text_in_box(ui, FontRole::Bold, ImVec2(pos.x, y), ImVec2(size.x, ui.u(80)),
                     ui.tr("undo.done", {{"name", undo.done_name}, {"time", time_text(ui, at)}}),
                     theme::kSuccess) +
         ui.u(20);
  }
  if (!undo.candidate) {
    text_in_box(ui, FontRole::Body, ImVec2(pos.x, y), ImVec2(size.x, ui.u(80)), ui.tr("undo.none"),
                theme::kText);
    return;
  }
  const core::CheckinEvent& e = *undo.candidate;
  const auto when =
      session.clock().local_time_of(core::TimePoint(std::chrono::milliseconds(e.wall_ms)));
  panel(ui, ImVec2(pos.x, y), ImVec2(size.x, ui.u(120)), theme::kBackground, 12, theme::kBorder);
  text_at(ui, FontRole::Small, ImVec2(pos.x + ui.u(20), y + ui.u(14)), ui.tr("undo.last"),
          theme::kMuted);
  text_in_box(ui, FontRole::Large, ImVec2(pos.x + ui.u(20), y + ui.u(42)),
              ImVec2(size.x - ui.u(40), ui.u(44)),
              (undo.candidate_name.empty() ? e.participant : undo.candidate_name) + " · " +
                  time_text(ui, when.time),
              theme::kText);
  std::string where = ui.tr("undo.at_entrance");
  for (const auto& room : session.venue().rooms)
    if (room.id == e.room) where = ui.tr("undo.at_room", {{"room", room.name}});
  text_at(ui, FontRole::Small, ImVec2(pos.x + ui.u(20), y + ui.u(88)), where, theme::kMuted);
  y += ui.u(144);

  const float w = ui.u(420);
  if (!undo.confirming) {
    if (key_button(ui, "undo.ask", ImVec2(pos.x, y), ImVec2(w, ui.u(64)), ButtonStyle::Primary))
      session.ask_undo();
    return;
  }
  y += text_in_box(ui, FontRole::Bold, ImVec2(pos.x, y), ImVec2(size.x, ui.u(40)),
                   ui.tr("undo.confirm_question"), theme::kWarning) +
       ui.u(12);
  if (key_button(ui, "undo.confirm", ImVec2(pos.x, y), ImVec2(w, ui.u(64)), ButtonStyle::Primary))
    session.confirm_undo(ctx.now);
  if (key_button(ui, "undo.cancel", ImVec2(pos.x + w + ui.u(20), y), ImVec2(ui.u(220), ui.u(64)),
                 ButtonStyle::Secondary))
    session.cancel_undo();
}

}  // namespace einlass::ui
