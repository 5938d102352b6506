// Choosing where this kiosk stands: at the entrance, or at one room's door (room-door mode,
// which admits only people assigned to that room in the running round). Remembered on the
// device; --room on the command line wins at the next start.

#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace einlass::ui {

void draw_staff_door(ScreenContext& ctx, ImVec2 pos, ImVec2 size) {
  Ui& ui = ctx.ui;
  KioskSession& session = ctx.session;
  float y = pos.y;
  text_at(ui, FontRole::Large, ImVec2(pos.x, y), ui.tr("door.title"), theme::kText);
  y += ui.u(54);
  y += text_in_box(ui, FontRole::Body, ImVec2(pos.x, y), ImVec2(size.x, ui.u(100)),
                   ui.tr("door.explain"), theme::kMuted) +
       ui.u(20);

  const std::string& current = session.door_room();
  const float gap = ui.u(16);
  const float w = (size.x - gap) / 2, h = ui.u(64);
  ButtonSpec entrance;
  entrance.id = "door-entrance";
  entrance.label = ui.tr("door.entrance");
  entrance.key = "door.entrance";
  entrance.pos = ImVec2(pos.x, y);
  entrance.size = ImVec2(w, h);
  entrance.style = current.empty() ? ButtonStyle::Selected : ButtonStyle::Secondary;
  if (button(ui, entrance)) session.set_door_room("", ctx.now);
  y += h + gap;
  int i = 0;
  for (const core::Room& room : session.venue().rooms) {
    ButtonSpec b;
    b.id = "door-" + room.id;
    b.label = room.location.empty() ? room.name : room.name + " · " + room.location;
    b.pos = ImVec2(pos.x + (i % 2) * (w + gap), y + (i / 2) * (h + gap));
    b.size = ImVec2(w, h);
    b.role = FontRole::Body;
    b.style = room.id == current ? ButtonStyle::Selected : ButtonStyle::Secondary;
    if (b.pos.y + h > pos.y + size.y) break;
    if (button(ui, b)) session.set_door_room(room.id, ctx.now);
    ++i;
  }
}

}  // namespace einlass::ui
