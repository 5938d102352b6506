#include "kiosk/core/agenda_changes.hpp"

#include <algorithm>

namespace einlass::core {

namespace {

constexpr int kMinutesPerDay = 24 * 60;

// One item while changes are applied: its configured position is its identity.
struct TrackedItem {
  AgendaItem item;
  size_t configured_index;
};

void apply_one(std::vector<TrackedItem>& items, Day& day, const AgendaChange& change,
               const Day& configured) {
  switch (change.kind) {
    case AgendaChangeKind::Delay: {
      const int from = change.from.minutes_since_midnight;
      for (TrackedItem& t : items) {
        int& start = t.item.start.minutes_since_midnight;
        int& end = t.item.end.minutes_since_midnight;
        if (start >= from) {
          start += change.minutes;
          end += change.minutes;
        } else if (end > from) {
          end += change.minutes;  // running when the delay was announced: it runs longer
        }
      }
      if (day.checkin_closes.minutes_since_midnight >= from)
        day.checkin_closes.minutes_since_midnight += change.minutes;
      break;
    }
    case AgendaChangeKind::ChangeItem:
      for (TrackedItem& t : items) {
        if (static_cast<int>(t.configured_index) != change.item) continue;
        if (change.start) t.item.start = *change.start;
        if (change.end) t.item.end = *change.end;
        if (change.title) t.item.title = *change.title;
      }
      break;
    case AgendaChangeKind::Reset:
      items.clear();
      for (size_t i = 0; i < configured.agenda.size(); ++i)
        items.push_back({configured.agenda[i], i});
      day.checkin_closes = configured.checkin_closes;
      break;
  }
}

}  // namespace

std::string_view agenda_change_kind_name(AgendaChangeKind kind) {
  switch (kind) {
    case AgendaChangeKind::Delay:
      return "delay";
    case AgendaChangeKind::ChangeItem:
      return "change_item";
    case AgendaChangeKind::Reset:
      return "reset";
  }
  return "delay";
}

std::optional<AgendaChangeKind> parse_agenda_change_kind(std::string_view name) {
  for (auto kind : {AgendaChangeKind::Delay, AgendaChangeKind::ChangeItem, AgendaChangeKind::Reset})
    if (agenda_change_kind_name(kind) == name) return kind;
  return std::nullopt;
}

Day apply_agenda_changes(const Day& day, std::string_view venue_id,
                         const std::vector<AgendaChange>& changes) {
  std::vector<const AgendaChange*> relevant;
  for (const AgendaChange& c : changes)
    if (c.venue == venue_id && c.day == day.date) relevant.push_back(&c);
  std::stable_sort(relevant.begin(), relevant.end(),
                   [](const AgendaChange* a, const AgendaChange* b) { return a->id < b->id; });

  Day result = day;
  std::vector<TrackedItem> items;
  for (size_t i = 0; i < day.agenda.size(); ++i)
    items.push_back({day.agenda[i], i});
  for (const AgendaChange* c : relevant)
    apply_one(items, result, *c, day);

  std::stable_sort(items.begin(), items.end(), [](const TrackedItem& a, const TrackedItem& b) {
    return a.item.start < b.item.start;
  });
  result.agenda.clear();
  for (TrackedItem& t : items)
    result.agenda.push_back(std::move(t.item));
  return result;
}

std::optional<std::string> check_changed_day(const Day& day) {
  for (size_t i = 0; i < day.agenda.size(); ++i) {
    const AgendaItem& item = day.agenda[i];
    const std::string name = "\"" + item.title + "\"";
    if (item.start.minutes_since_midnight < 0 || item.end.minutes_since_midnight > kMinutesPerDay)
      return name + " would leave the day " + day.date;
    if (!(item.start < item.end))
      return name + " would end (" + format_hhmm(item.end) + ") before it starts (" +
             format_hhmm(item.start) + ")";
    if (i > 0 && item.start < day.agenda[i - 1].end)
      return name + " (from " + format_hhmm(item.start) + ") would overlap \"" +
             day.agenda[i - 1].title + "\" (until " + format_hhmm(day.agenda[i - 1].end) + ")";
  }
  if (day.checkin_closes.minutes_since_midnight > kMinutesPerDay ||
      !(day.checkin_opens < day.checkin_closes))
    return "check-in would close outside the day";
  return std::nullopt;
}

std::string describe_agenda_change(const AgendaChange& change, const Day& configured) {
  switch (change.kind) {
    case AgendaChangeKind::Delay:
      return (change.minutes >= 0 ? "delay " + std::to_string(change.minutes)
                                  : "bring forward " + std::to_string(-change.minutes)) +
             " min from " + format_hhmm(change.from);
    case AgendaChangeKind::ChangeItem: {
      std::string text = "change item " + std::to_string(change.item + 1);
      if (change.item >= 0 && static_cast<size_t>(change.item) < configured.agenda.size())
        text += " (\"" + configured.agenda[static_cast<size_t>(change.item)].title + "\")";
      if (change.start) text += " start " + format_hhmm(*change.start);
      if (change.end) text += " end " + format_hhmm(*change.end);
      if (change.title) text += " title \"" + *change.title + "\"";
      return text;
    }
    case AgendaChangeKind::Reset:
      return "back to the planned agenda";
  }
  return {};
}

}  // namespace einlass::core
