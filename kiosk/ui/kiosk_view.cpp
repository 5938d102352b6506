// One frame of the kiosk: a single borderless full-window ImGui window, the screen the session
// is on, and the facts the JSON dump reports about it.

#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/theme.hpp"

namespace einlass::ui {

void draw_kiosk(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  KioskSession& session = ctx.session;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->Pos);
  ImGui::SetNextWindowSize(viewport->Size);
  constexpr ImGuiWindowFlags kFlags =
      ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
      ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse;
  ImGui::Begin("kiosk", nullptr, kFlags);
  ui.draw = ImGui::GetWindowDrawList();
  ui.origin = viewport->Pos;
  ui.size = viewport->Size;

  ui.record.fact("screen", std::string(screen_name(session.screen())));
  ui.record.fact("language", ui.strings.languages()[session.language()].code);
  ui.record.fact("door_room", session.door_room());
  ui.record.fact("display", {static_cast<int>(ui.size.x), static_cast<int>(ui.size.y)});
  switch (session.screen()) {
    case Screen::Welcome:
      if (session.door_room().empty()) {
        draw_welcome(ctx);
      } else {
        draw_door_welcome(ctx);
      }
      break;
    case Screen::Result:
    case Screen::Problem: {
      const Outcome& o = session.outcome();
      ui.record.fact("decision", o.unreadable ? std::string("unreadable")
                                 : o.notice != Notice::None
                                     ? std::string(notice_name(o.notice))
                                     : std::string(core::decision_name(o.decision.kind)));
      if (session.screen() == Screen::Result) {
        draw_result(ctx);
      } else {
        draw_problem(ctx);
      }
      break;
    }
    case Screen::Pin:
      ui.record.fact("pin_purpose",
                     session.pin_pad().purpose == PinPurpose::EnterStaff ? "staff" : "leave");
      draw_pin(ctx);
      break;
    case Screen::Staff:
      ui.record.fact("staff_tab", std::string(staff_tab_name(session.tab())));
      draw_staff(ctx);
      break;
  }
  ImGui::End();
}

}  // namespace einlass::ui
