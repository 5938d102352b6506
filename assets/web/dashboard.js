// Einlass dashboard: polls /dashboard/api/data every 2 s and draws what it gets. No framework,
// no CDN (the server may be offline): plain DOM and an SVG chart drawn here. Text from the
// server (kiosk labels, titles) is only ever set as textContent, never as HTML.
"use strict";

const POLL_MS = 2000;

const TEXT = {
  de: {
    day: "Tag", logout: "Abmelden", checked_in: "Eingecheckt", registered: "Angemeldet",
    walk_ins: "Ohne Anmeldung (spontan)", arrivals: "Ankünfte im Zeitverlauf",
    per_interval: "je 10 Minuten", cumulative: "insgesamt", rooms: "Räume je Gesprächsrunde",
    agenda: "Ablauf", delay_by: "Verschieben um (Min.)", from: "ab", what: "was",
    apply: "Übernehmen", reset: "Ursprünglicher Ablauf", kiosks: "Kiosk-Geräte", kiosk: "Gerät",
    venue: "Standort", last_seen: "Zuletzt gesehen", waiting: "Wartet auf Sync",
    clock: "Uhr-Abweichung", state: "Status", exports: "Anwesenheit herunterladen",
    scope: "Umfang", csv_excel: "CSV für Excel",
    export_note: "Jeder Download wird mit Ihrem Namen protokolliert.", updated: "Aktualisiert",
    of_registered: (p) => `${p} % der Angemeldeten`,
    expected: (n) => `noch erwartet: ${n}`,
    rest_of_day: "den restlichen Tag", all_venues: "alle Standorte", this_venue: (v) => `nur ${v}`,
    active: "aktiv", revoked: "GESPERRT", never: "nie", ago: (s) => ago(s, "vor", "s", "min", "h"),
    seats: (n, c) => `${n} / ${c} Plätze`, at_door: (n) => `an der Tür: ${n}`,
    no_kiosks: "Noch kein Kiosk angemeldet.",
    anonymised: (date) => `Tag anonymisiert${date ? ` am ${date}` : ""}: Die Aufbewahrungsfrist ist abgelaufen, die personenbezogenen Daten wurden gelöscht. Die Zahlen sind die aufbewahrten Summen; Räume zeigen die an der Tür gezählten Personen.`,
    no_arrivals: "Keine Ankunftszeiten mehr: Sie wurden mit den personenbezogenen Daten gelöscht.",
    done: (t) => `Übernommen: ${t}. Die Kiosks zeigen es in wenigen Sekunden.`,
    failed: (t) => `Nicht übernommen: ${t}`, export_failed: (t) => `Download nicht möglich: ${t}`, offline: "Keine Verbindung zum Server – neuer Versuch läuft …",
    ahead: "vor", behind: "nach", planned: "geplant:",
    change: (c) => c.kind === "delay" ? `ab ${c.from} alles um ${c.minutes} Min. verschoben`
      : c.kind === "change_item" ? `„${c.title}“ jetzt ${c.start || ""}–${c.end || ""}`
      : "zurück zum geplanten Ablauf",
  },
  en: {
    day: "Day", logout: "Log out", checked_in: "Checked in", registered: "Registered",
    walk_ins: "Walk-ins", arrivals: "Arrivals over time", per_interval: "per 10 minutes",
    cumulative: "in total", rooms: "Rooms per discussion round", agenda: "Agenda",
    delay_by: "Delay by (min)", from: "from", what: "what", apply: "Apply",
    reset: "Planned agenda", kiosks: "Kiosks", kiosk: "Kiosk", venue: "Venue",
    last_seen: "Last seen", waiting: "Waiting to sync", clock: "Clock skew", state: "State",
    exports: "Download attendance", scope: "Scope", csv_excel: "CSV for Excel",
    export_note: "Every download is logged with your name.", updated: "Updated",
    of_registered: (p) => `${p} % of registered`, expected: (n) => `still expected: ${n}`,
    rest_of_day: "the rest of the day", all_venues: "all venues", this_venue: (v) => `${v} only`,
    active: "active", revoked: "REVOKED", never: "never", ago: (s) => ago(s, "", "s ago", "min ago", "h ago"),
    seats: (n, c) => `${n} / ${c} seats`, at_door: (n) => `at the door: ${n}`,
    no_kiosks: "No kiosk enrolled yet.",
    anonymised: (date) => `Day anonymised${date ? ` on ${date}` : ""}: the retention period is over and the personal data was deleted. The figures are the totals kept; rooms show the people counted at the door.`,
    no_arrivals: "No arrival times any more: they were deleted with the personal data.",
    done: (t) => `Applied: ${t}. Kiosks show it within seconds.`,
    failed: (t) => `Not applied: ${t}`, export_failed: (t) => `Download failed: ${t}`, offline: "No connection to the server – retrying …",
    ahead: "ahead", behind: "behind", planned: "planned:",
    change: (c) => c.kind === "delay" ? `everything from ${c.from} moved by ${c.minutes} min`
      : c.kind === "change_item" ? `“${c.title}” now ${c.start || ""}–${c.end || ""}`
      : "back to the planned agenda",
  },
};

function ago(seconds, prefix, s, min, h) {
  const p = prefix ? prefix + " " : "";
  if (seconds < 90) return `${p}${Math.max(0, seconds)} ${s}`;
  if (seconds < 5400) return `${p}${Math.round(seconds / 60)} ${min}`;
  return `${p}${Math.round(seconds / 3600)} ${h}`;
}

const state = {
  lang: localStorage.getItem("einlass-lang") === "en" ? "en" : "de",
  venue: "", day: "", csrf: "", data: null, fromTouched: false, timer: 0,
  pollSeq: 0,  // only the newest poll's answer is drawn (a venue switch starts a new one)
};
const $ = (id) => document.getElementById(id);
const t = (key, ...args) => {
  const v = TEXT[state.lang][key];
  return typeof v === "function" ? v(...args) : v;
};

function el(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function applyLanguage() {
  document.documentElement.lang = state.lang;
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  $("language-toggle").textContent = state.lang === "de" ? "EN" : "DE";
  if (state.data) render(state.data);
}

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST", credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": state.csrf },
    body: JSON.stringify(body),
  });
  if (response.status === 401) location.assign("/dashboard/login");
  const answer = await response.json().catch(() => ({}));
  return { ok: response.ok, answer };
}

async function poll() {
  clearTimeout(state.timer);
  const seq = ++state.pollSeq;
  try {
    const query = new URLSearchParams({ venue: state.venue, day: state.day });
    const response = await fetch(`/dashboard/api/data?${query}`, { credentials: "same-origin" });
    if (seq !== state.pollSeq) return;  // a newer poll (e.g. another venue) is under way
    if (response.status === 401) { location.assign("/dashboard/login"); return; }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const data = await response.json();
    if (seq !== state.pollSeq) return;
    state.data = data;
    state.venue = state.data.venue;
    state.day = state.data.day;
    $("banner").hidden = true;
    render(state.data);
  } catch (e) {
    if (seq !== state.pollSeq) return;
    $("banner").textContent = t("offline");
    $("banner").hidden = false;
  }
  state.timer = setTimeout(poll, POLL_MS);
}

function render(d) {
  $("event-name").textContent = d.event;
  renderVenues(d);
  renderCounts(d);
  renderChart(d);
  renderRooms(d);
  renderAgenda(d);
  renderKiosks(d);
  $("updated").textContent = new Date(d.server_time_ms).toLocaleTimeString(state.lang === "de" ? "de-DE" : "en-GB");
}

function renderVenues(d) {
  const tabs = $("venue-tabs");
  tabs.replaceChildren();
  const exportVenue = $("export-venue");
  const chosen = exportVenue.value;
  exportVenue.replaceChildren(el("option", { value: "" }, t("all_venues")));
  for (const v of d.venues) {
    const tab = el("button", { type: "button", role: "tab", "data-venue": v.id,
                               "aria-selected": String(v.id === d.venue) }, v.city || v.name);
    tab.title = v.name;
    tab.addEventListener("click", () => { state.venue = v.id; state.day = ""; state.fromTouched = false; poll(); });
    tabs.append(tab);
    exportVenue.append(el("option", { value: v.id }, t("this_venue", v.city || v.name)));
  }
  exportVenue.value = chosen;
  const venue = d.venues.find((v) => v.id === d.venue);
  const days = $("day-select");
  days.replaceChildren();
  for (const day of venue ? venue.days : []) {
    const [y, m, dd] = day.split("-");
    days.append(el("option", { value: day }, `${dd}.${m}.${y}`));
  }
  days.value = d.day;
}

// "2019-12-26" -> "26.12.2019" (German) or as it is (English).
function dateText(iso) {
  if (!iso || state.lang !== "de") return iso;
  const [y, m, dd] = iso.split("-");
  return `${dd}.${m}.${y}`;
}

function renderCounts(d) {
  const note = $("anonymised-note");
  note.hidden = !d.anonymised;
  note.textContent = d.anonymised ? t("anonymised", dateText(d.anonymised.purged_on)) : "";
  $("checked-in").textContent = d.checked_in;
  $("registered").textContent = d.registered;
  $("walk-ins").textContent = d.walk_ins;
  const share = d.registered > 0 ? Math.round((100 * (d.checked_in - d.walk_ins)) / d.registered) : 0;
  $("checked-in-share").textContent = t("of_registered", share);
  $("checked-in-bar").style.width = `${Math.min(100, share)}%`;
  // Nobody is expected any more on a day whose data was deleted after the retention period.
  $("expected").textContent = d.anonymised ? "" : t("expected", Math.max(0, d.registered - (d.checked_in - d.walk_ins)));
}

function renderChart(d) {
  const box = $("arrivals-chart");
  const points = d.arrivals;
  const noSeries = Boolean(d.anonymised) && points.length === 0;
  $("arrivals-legend").hidden = noSeries;
  if (noSeries) {
    box.setAttribute("aria-label", t("no_arrivals"));
    box.replaceChildren(el("p", { class: "chart-note", id: "arrivals-note" }, t("no_arrivals")));
    return;
  }
  const W = 800, H = 240, left = 40, right = 40, top = 20, bottom = 28;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none" });
  const total = points.reduce((sum, p) => sum + p.people, 0);
  const maxBar = Math.max(1, ...points.map((p) => p.people));
  const n = Math.max(1, points.length);
  const slot = (W - left - right) / n;
  const y = (v, max) => top + (H - top - bottom) * (1 - v / max);
  root.append(svg("line", { class: "axis", x1: left, y1: H - bottom, x2: W - right, y2: H - bottom }));
  let running = 0;
  let path = "";
  const labelEvery = Math.max(1, Math.ceil(n / 8));
  points.forEach((p, i) => {
    const x = left + i * slot;
    const barTop = y(p.people, maxBar);
    const bar = svg("rect", { class: "bar", x: x + slot * 0.15, y: barTop, width: slot * 0.7,
                              height: H - bottom - barTop });
    bar.append(svg("title", {}, `${p.time}: ${p.people}`));
    root.append(bar);
    running += p.people;
    path += `${i ? "L" : "M"}${x + slot / 2},${y(running, Math.max(1, total))}`;
    if (i % labelEvery === 0)
      root.append(svg("text", { x: x + slot / 2, y: H - 8, "text-anchor": "middle" }, p.time));
  });
  root.append(svg("path", { class: "line", d: path }));
  root.append(svg("text", { class: "bar-scale", x: 4, y: top + 4 }, String(maxBar)));
  root.append(svg("text", { class: "line-scale", x: W - 4, y: top + 4, "text-anchor": "end" }, String(total)));
  box.setAttribute("aria-label", `${t("arrivals")}: ${total}`);
  box.replaceChildren(root);
}

function meter(value, max) {
  const outer = el("div", { class: "meter" });
  const fill = el("div", { class: "meter-fill" });
  const share = max > 0 ? value / max : 0;
  fill.style.width = `${Math.min(100, Math.round(share * 100))}%`;
  if (share >= 1) fill.classList.add("full");
  else if (share >= 0.85) fill.classList.add("high");
  outer.append(fill);
  return outer;
}

function renderRooms(d) {
  const box = $("rooms");
  box.replaceChildren();
  const rounds = new Map();
  for (const r of d.rooms) {
    if (!rounds.has(r.round)) rounds.set(r.round, { name: r.round_name, rooms: [] });
    rounds.get(r.round).rooms.push(r);
  }
  for (const [, round] of rounds) {
    const part = el("div", { class: "round" });
    part.append(el("h3", {}, round.name));
    for (const r of round.rooms) {
      const row = el("div", { class: "room", "data-room": r.room, "data-round": String(r.round) });
      row.append(el("span", { class: "room-name" }, r.topics ? `${r.topics} · ${r.room_name}` : r.room_name));
      // After anonymisation only the people counted at the door were kept, not the seats placed.
      const shown = d.anonymised ? r.at_door : r.placed;
      const count = el("span", { class: "room-count" }, t("seats", shown, r.capacity));
      if (r.at_door > 0) count.title = t("at_door", r.at_door);
      row.append(count, meter(shown, r.capacity));
      part.append(row);
    }
    box.append(part);
  }
}

function renderAgenda(d) {
  const list = $("agenda-list");
  list.replaceChildren();
  d.agenda.forEach((item) => {
    const li = el("li");
    li.append(el("span", { class: "time" }, `${item.start}–${item.end}`), el("span", {}, item.title));
    if (item.planned_start && (item.start !== item.planned_start || item.end !== item.planned_end)) {
      li.classList.add("moved");
      li.title = `${t("planned")} ${item.planned_start}–${item.planned_end}`;
    }
    list.append(li);
  });
  const target = $("delay-target");
  const chosen = target.value;
  target.replaceChildren(el("option", { value: "rest" }, t("rest_of_day")));
  d.agenda.forEach((item, i) => target.append(el("option", { value: String(i) }, `${item.start} ${item.title}`)));
  if ([...target.options].some((o) => o.value === chosen)) target.value = chosen;
  if (!state.fromTouched) $("delay-from").value = d.venue_now || (d.agenda[0] ? d.agenda[0].start : "15:00");
  const changes = $("agenda-changes");
  changes.replaceChildren();
  for (const c of d.agenda_changes) {
    const time = new Date(c.created_ms).toLocaleTimeString(state.lang === "de" ? "de-DE" : "en-GB", { hour: "2-digit", minute: "2-digit" });
    changes.append(el("li", {}, `${time}: ${t("change", c)}`));
  }
}

function renderKiosks(d) {
  const body = $("kiosk-table").tBodies[0];
  body.replaceChildren();
  if (d.kiosks.length === 0) {
    const row = el("tr");
    row.append(el("td", { colspan: "6" }, t("no_kiosks")));
    body.append(row);
  }
  for (const k of d.kiosks) {
    const row = el("tr", { "data-device": k.device_id });
    if (k.revoked) row.classList.add("revoked");
    if (k.venue === d.venue) row.classList.add("here");
    const seen = el("td", {}, k.last_seen_ago_s === null ? t("never") : t("ago", k.last_seen_ago_s));
    if (k.last_seen_ago_s !== null && k.last_seen_ago_s > 120 && !k.revoked) seen.classList.add("stale");
    const waiting = el("td", { class: "num" }, k.outbox === null ? "–" : String(k.outbox));
    if (k.outbox > 0) waiting.classList.add("stale");
    let skew = "–";
    if (k.clock_skew_ms !== null) {
      const s = Math.round(k.clock_skew_ms / 1000);
      skew = Math.abs(s) < 2 ? "±0 s" : `${Math.abs(s)} s ${s > 0 ? t("ahead") : t("behind")}`;
    }
    const skewCell = el("td", { class: "num" }, skew);
    if (k.clock_skew_ms !== null && Math.abs(k.clock_skew_ms) > 60000) skewCell.classList.add("stale");
    const venue = d.venues.find((v) => v.id === k.venue);
    row.append(el("td", {}, k.label || k.device_id), el("td", {}, venue ? venue.city || venue.name : k.venue),
               seen, waiting, skewCell,
               el("td", { class: "state" }, k.revoked ? t("revoked") : t("active")));
    body.append(row);
  }
}

async function submitDelay(event) {
  event.preventDefault();
  const minutes = Number($("delay-minutes").value);
  const target = $("delay-target").value;
  const body = target === "rest"
    ? { kind: "delay", venue: state.venue, day: state.day, minutes, from: $("delay-from").value }
    : { kind: "item", venue: state.venue, day: state.day, minutes, item: Number(target) };
  await agendaChange(body);
}

async function agendaChange(body) {
  const message = $("agenda-message");
  $("delay-button").disabled = true;
  try {
    const { ok, answer } = await post("/dashboard/api/agenda", body);
    message.className = ok ? "message good" : "message bad";
    message.textContent = ok ? t("done", t("change", answer.change)) : t("failed", answer.reason || "?");
  } catch (e) {
    message.className = "message bad";
    message.textContent = t("offline");
  } finally {
    $("delay-button").disabled = false;
  }
  poll();
}

// Downloads through fetch, so a refused export shows its reason here instead of replacing the
// dashboard with a JSON page.
async function submitExport(event) {
  event.preventDefault();
  const message = $("export-message");
  const form = new FormData(event.target);
  if (event.submitter && event.submitter.name) form.set(event.submitter.name, event.submitter.value);
  message.className = "message";
  message.textContent = "";
  try {
    const response = await fetch("/dashboard/api/export", {
      method: "POST", credentials: "same-origin", headers: { "X-CSRF-Token": state.csrf },
      body: new URLSearchParams(form),
    });
    if (response.status === 401) { location.assign("/dashboard/login"); return; }
    if (!response.ok) {
      const answer = await response.json().catch(() => ({}));
      message.className = "message bad";
      message.textContent = t("export_failed", answer.reason || `HTTP ${response.status}`);
      return;
    }
    const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
    const url = URL.createObjectURL(await response.blob());
    const link = el("a", { href: url, download: name ? name[1] : "einlass-anwesenheit" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (e) {
    message.className = "message bad";
    message.textContent = t("offline");
  }
}

async function logout() {
  try { await post("/dashboard/logout", {}); } finally { location.assign("/dashboard/login"); }
}

async function start() {
  const response = await fetch("/dashboard/api/session", { credentials: "same-origin" });
  if (!response.ok) { location.assign("/dashboard/login"); return; }
  const session = await response.json();
  state.csrf = session.csrf_token;
  $("export-csrf").value = session.csrf_token;
  $("account").textContent = session.account;
  $("language-toggle").addEventListener("click", () => {
    state.lang = state.lang === "de" ? "en" : "de";
    localStorage.setItem("einlass-lang", state.lang);
    applyLanguage();
  });
  $("logout-button").addEventListener("click", logout);
  $("day-select").addEventListener("change", (e) => { state.day = e.target.value; state.fromTouched = false; poll(); });
  $("delay-form").addEventListener("submit", submitDelay);
  $("export-form").addEventListener("submit", submitExport);
  $("delay-from").addEventListener("input", () => { state.fromTouched = true; });
  $("reset-button").addEventListener("click", () => agendaChange({ kind: "reset", venue: state.venue, day: state.day }));
  applyLanguage();
  poll();
}

document.addEventListener("DOMContentLoaded", start);
