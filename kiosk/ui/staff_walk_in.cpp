// Registering a walk-in: name, organisation, up to the event's maximum of topics, and the
// privacy consent — without it nothing is stored. The person then sees their own result screen.

#include <algorithm>

#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/text_format.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace einlass::ui {

void draw_staff_walk_in(ScreenContext& ctx, ImVec2 pos, ImVec2 size) {
  Ui& ui = ctx.ui;
  KioskSession& session = ctx.session;
  WalkInForm& form = session.walk_in();
  const core::Event& event = session.event();
  float y = pos.y;
  text_at(ui, FontRole::Large, ImVec2(pos.x, y), ui.tr("walk_in.title"), theme::kText);
  y += ui.u(54);

  const float half = (size.x - ui.u(24)) / 2;
  text_field(ui, "first", ui.tr("walk_in.first_name"), form.first_name, ImVec2(pos.x, y), half,
             session.take_focus_request());
  text_field(ui, "last", ui.tr("walk_in.last_name"), form.last_name,
             ImVec2(pos.x + half + ui.u(24), y), half);
  y += ui.u(92);
  text_field(ui, "organisation", ui.tr("walk_in.organisation"), form.organisation, ImVec2(pos.x, y),
             size.x);
  y += ui.u(100);

  // Topics: two columns; once the maximum is chosen, the others wait until one is unticked.
  const int max = event.max_topics_per_participant;
  text_at(ui, FontRole::Small, ImVec2(pos.x, y),
          ui.tr("walk_in.topics", {{"label", event.topic_label}, {"max", std::to_string(max)}}),
          theme::kMuted);
  y += ui.u(32);
  const std::size_t rows = (event.topics.size() + 1) / 2;
  float row_h = 0;
  for (std::size_t i = 0; i < event.topics.size(); ++i) {
    const core::Topic& t = event.topics[i];
    bool chosen = std::find(form.topics.begin(), form.topics.end(), t.id) != form.topics.end();
    const bool enabled = chosen || static_cast<int>(form.topics.size()) < max;
    const ImVec2 at(pos.x + (i / rows) * (half + ui.u(24)), y + (i % rows) * ui.u(50));
    if (checkbox(ui, "topic-" + t.id, topic_text(event, t.number, t.name), chosen, at, half,
                 enabled, FontRole::Small)) {
      form.problem_key.clear();
      if (chosen) {
        form.topics.push_back(t.id);
      } else {
        form.topics.erase(std::remove(form.topics.begin(), form.topics.end(), t.id),
                          form.topics.end());
      }
    }
    row_h = ui.u(50);
  }
  y += rows * row_h + ui.u(16);

  if (checkbox(ui, "consent", ui.tr("walk_in.consent"), form.consent, ImVec2(pos.x, y), size.x))
    form.problem_key.clear();
  y += ui.u(84);
  const float button_w = std::min(size.x, ui.u(460));
  if (key_button(ui, "walk_in.submit", ImVec2(pos.x, y), ImVec2(button_w, ui.u(64)),
                 ButtonStyle::Primary))
    session.submit_walk_in(ctx.now);
  if (!form.problem_key.empty()) {
    text_in_box(ui, FontRole::Body, ImVec2(pos.x + button_w + ui.u(24), y),
                ImVec2(size.x - button_w - ui.u(24), ui.u(70)), ui.tr(form.problem_key),
                theme::kWarning);
  }
}

}  // namespace einlass::ui
