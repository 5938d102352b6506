#!/usr/bin/env bash
# The package test (CTest label `package`): what an organiser's admin does with the two .deb
# files, on this machine.
#   1. build both packages from BUILD_DIR with CPack, twice: the real version and an older one
#   2. check their metadata: names, version, maintainer, library dependencies (dpkg-shlibdeps),
#      files and paths, conffiles, maintainer scripts, the systemd unit's settings
#   3. install the older one (dpkg -i): system user, data folder, service NOT started
#   4. load a database and a kiosk store written by the previous release (fixtures/)
#   5. upgrade to the real version: data kept, server schema migrated, edited config kept
#   6. run the installed programs on the installed assets: --help and man pages, the kiosk's
#      terminal demo, `serve --config` over HTTPS with a reload (SIGHUP), systemd-analyze verify
#   7. purge both packages; the event data stays, as documented
# Needs root (it installs packages) and refuses to touch a machine where Einlass is installed.
# Everything it adds is removed at the end, also when a check fails.
set -euo pipefail

build=$(cd "${1:?usage: package_test.sh BUILD_DIR SOURCE_DIR}" && pwd)
source=$(cd "${2:?usage: package_test.sh BUILD_DIR SOURCE_DIR}" && pwd)
fixtures="$source/packaging/tests/fixtures"
checks=0

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
pass() {
  checks=$((checks + 1))
  echo "  ok  $*"
}
# expect_in TEXT PATTERN WHAT: PATTERN (grep -E) must occur in TEXT.
expect_in() {
  grep -qE -- "$2" <<<"$1" || fail "$3: expected /$2/ in:
$1"
  pass "$3"
}

[ "$(id -u)" -eq 0 ] || fail "the package test installs packages and needs root (CI runs as root)"
for tool in cpack dpkg-deb dpkg-shlibdeps sqlite3 openssl curl runuser setpriv; do
  command -v "$tool" >/dev/null || fail "$tool is missing: run packaging/install-deps.sh"
done

# While a run has the machine changed, this file names its work folder. A run that was killed
# (CI timeout, Ctrl+C twice) never reached its cleanup: the next run does it first.
marker=/var/tmp/einlass-package-test.running
# undo_run WORK: removes what the run with work folder WORK added to this machine.
undo_run() {
  local run_work=$1
  [ -d "$run_work/hidden-assets" ] && mv "$run_work/hidden-assets" /usr/share/einlass
  [ -f "$run_work/made-run-systemd" ] && rmdir /run/systemd/system
  dpkg --purge einlass-server einlass-kiosk >/dev/null 2>&1
  rm -rf /var/lib/einlass /etc/einlass
  getent passwd einlass >/dev/null && deluser --quiet einlass >/dev/null 2>&1
  getent group einlass >/dev/null && delgroup --quiet einlass >/dev/null 2>&1
  rm -rf "$run_work"
  rm -f "$marker"
}
if [ -f "$marker" ]; then
  stale=$(cat "$marker")
  echo "== a previous run was killed before its cleanup ($stale): cleaning up after it"
  (
    set +e
    undo_run "$stale"
  )
fi

# /etc/einlass alone is left by `cmake --install` of a build (its conffiles go to absolute
# paths): dpkg would then stop at a conffile question no one answers.
if dpkg-query -W einlass-server einlass-kiosk >/dev/null 2>&1 || [ -e /var/lib/einlass ] ||
  [ -e /etc/einlass ] || getent passwd einlass >/dev/null; then
  fail "Einlass is installed on this machine (package, /var/lib/einlass, /etc/einlass or user" \
    "einlass); the test will not touch it. Remove it first: dpkg --purge einlass-server" \
    "einlass-kiosk; rm -rf /var/lib/einlass /etc/einlass; deluser einlass"
fi

work=$(mktemp -d /tmp/einlass-package-test.XXXXXX)
echo "$work" >"$marker"
server_pid=""
cleanup() {
  local status=$?
  set +e
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  if [ "$status" -ne 0 ]; then
    # The install logs are deleted below with the work folder: show them first.
    for log in "$work"/install-*.log "$work/dpkg.log"; do
      [ -s "$log" ] && { echo "--- $log" && tail -n 60 "$log"; } >&2
    done
  fi
  undo_run "$work"
}
trap cleanup EXIT

version=$(grep -oP '^set\(CPACK_PACKAGE_VERSION "\K[^"]+' "$build/CPackConfig.cmake") ||
  fail "no CPACK_PACKAGE_VERSION in $build/CPackConfig.cmake: is $build configured?"
old_version="${version}~previous" # sorts before $version for dpkg

echo "== 1. building the packages (version $version, and $old_version for the upgrade)"
cmake --build "$build" -j2 --target einlass-kiosk einlass-server man_einlass-kiosk \
  man_einlass-server man_einlass-kiosk-setup-laptop >/dev/null
for v in "$version" "$old_version"; do
  mkdir -p "$work/deb-$v"
  (cd "$work/deb-$v" && cpack -G DEB --config "$build/CPackConfig.cmake" -R "$v" -B "$work/deb-$v" \
    >cpack.log 2>&1) || {
    cat "$work/deb-$v/cpack.log"
    fail "cpack failed for version $v"
  }
done
arch=$(dpkg --print-architecture)
kiosk_deb="$work/deb-$version/einlass-kiosk_${version}_${arch}.deb"
server_deb="$work/deb-$version/einlass-server_${version}_${arch}.deb"
old_kiosk_deb="$work/deb-$old_version/einlass-kiosk_${old_version}_${arch}.deb"
old_server_deb="$work/deb-$old_version/einlass-server_${old_version}_${arch}.deb"
for deb in "$kiosk_deb" "$server_deb" "$old_kiosk_deb" "$old_server_deb"; do
  [ -f "$deb" ] || fail "cpack did not write $deb (it wrote: $(ls "$work"/deb-*/))"
done
pass "both packages built, in two versions"

echo "== 2. package metadata"
for deb in "$kiosk_deb" "$server_deb"; do
  name=$(dpkg-deb -f "$deb" Package)
  [ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "$name has version $(dpkg-deb -f "$deb" Version)"
  expect_in "$(dpkg-deb -f "$deb" Maintainer)" '<.+@.+>' "$name: maintainer with an address"
  expect_in "$(dpkg-deb -f "$deb" Description)" '^.{10,}' "$name: description"
done
kiosk_depends=$(dpkg-deb -f "$kiosk_deb" Depends)
server_depends=$(dpkg-deb -f "$server_deb" Depends)
# From dpkg-shlibdeps: the Debian 12 libraries the binaries link, with versions.
expect_in "$kiosk_depends" 'libc6 \(>= ' "kiosk depends on libc6 (shlibdeps)"
expect_in "$kiosk_depends" 'libsqlite3-0 \(>= ' "kiosk depends on libsqlite3-0"
expect_in "$kiosk_depends" 'libsodium23 \(>= ' "kiosk depends on libsodium23"
expect_in "$kiosk_depends" 'libglfw3 \(>= ' "kiosk depends on libglfw3"
expect_in "$kiosk_depends" 'libcurl4 \(>= ' "kiosk depends on libcurl4"
expect_in "$kiosk_depends" 'libgl1' "kiosk depends on libgl1"
expect_in "$kiosk_depends" 'fonts-noto-core' "kiosk depends on fonts-noto-core (run time)"
kiosk_recommends=$(dpkg-deb -f "$kiosk_deb" Recommends)
expect_in "$kiosk_recommends" '(^|, )cage(,|$)' "kiosk recommends cage"
# Debian 12's GLFW is X11-only: inside cage the window needs Xwayland, which cage does not pull in.
expect_in "$kiosk_recommends" '(^|, )xwayland(,|$)' "kiosk recommends xwayland (GLFW is X11-only)"
# TLS comes with libcpp-httplib (built against libssl3), which the server links.
expect_in "$server_depends" 'libcpp-httplib[0-9.]+ \(>= ' "server depends on libcpp-httplib (HTTPS)"
expect_in "$server_depends" 'libsqlite3-0 \(>= ' "server depends on libsqlite3-0"
expect_in "$server_depends" 'adduser' "server depends on adduser (postinst)"

kiosk_files=$(dpkg-deb -c "$kiosk_deb" | awk '{print $6}')
server_files=$(dpkg-deb -c "$server_deb" | awk '{print $6}')
for path in ./usr/bin/einlass-kiosk ./usr/sbin/einlass-kiosk-setup-laptop \
  ./usr/share/einlass/events/regionalkonferenzen-2019.toml ./usr/share/einlass/lang/de.json \
  ./usr/share/einlass/lang/en.json ./usr/share/einlass/lang/de-ls.json \
  ./usr/share/man/man1/einlass-kiosk.1.gz ./usr/share/man/man8/einlass-kiosk-setup-laptop.8.gz \
  ./lib/systemd/system/einlass-kiosk-session.service ./usr/libexec/einlass/einlass-kiosk-session \
  ./lib/systemd/system/einlass-kiosk-session-reload.path ./etc/einlass/kiosk.conf; do
  grep -qx -- "$path" <<<"$kiosk_files" || fail "einlass-kiosk lacks $path"
done
pass "einlass-kiosk ships program, setup script, assets, man pages, session unit, config"
for path in ./usr/bin/einlass-server ./etc/einlass/server.toml \
  ./lib/systemd/system/einlass-server.service ./usr/share/man/man1/einlass-server.1.gz \
  ./usr/share/doc/einlass-server/examples/regionalkonferenzen-2019.toml \
  ./usr/share/einlass-server/lang/de.json ./usr/share/einlass-server/lang/en.json; do
  grep -qx -- "$path" <<<"$server_files" || fail "einlass-server lacks $path"
done
pass "einlass-server ships program, config, unit, man page, example event, e-mail wording"
if grep -E 'usr/local|/tests?/|gtest|bench' <<<"$kiosk_files$server_files"; then
  fail "the packages ship files from the build tree or the tests (above)"
fi
pass "nothing of the tests or /usr/local in the packages"
shared=$(comm -12 <(grep -v '/$' <<<"$kiosk_files" | sort) <(grep -v '/$' <<<"$server_files" | sort))
[ -z "$shared" ] || fail "both packages ship the same files (dpkg refuses that): $shared"
pass "no file is in both packages (both can be installed on one machine)"

mkdir -p "$work/control-kiosk" "$work/control-server"
dpkg-deb -e "$kiosk_deb" "$work/control-kiosk"
dpkg-deb -e "$server_deb" "$work/control-server"
[ "$(cat "$work/control-server/conffiles")" = /etc/einlass/server.toml ] ||
  fail "server conffiles: $(cat "$work/control-server/conffiles")"
[ "$(cat "$work/control-kiosk/conffiles")" = /etc/einlass/kiosk.conf ] ||
  fail "kiosk conffiles: $(cat "$work/control-kiosk/conffiles")"
pass "the config files are conffiles (an upgrade keeps local edits)"
for script in postinst prerm postrm; do
  [ -x "$work/control-server/$script" ] || fail "einlass-server has no executable $script"
done
pass "einlass-server has postinst, prerm and postrm"

dpkg-deb -x "$server_deb" "$work/server-root"
unit=$(cat "$work/server-root/lib/systemd/system/einlass-server.service")
for setting in 'User=einlass' 'StateDirectory=einlass' 'NoNewPrivileges=yes' \
  'ProtectSystem=strict' 'ProtectHome=yes' 'PrivateTmp=yes' \
  'ExecStart=/usr/bin/einlass-server serve --config /etc/einlass/server.toml' \
  "ExecReload=/bin/kill -HUP \$MAINPID" 'StandardError=journal'; do
  grep -qxF -- "$setting" <<<"$unit" || fail "einlass-server.service lacks '$setting'"
done
pass "einlass-server.service: own user, state dir, hardening, reload, journal"
expect_in "$(cat "$work/server-root/etc/einlass/server.toml")" \
  'database = "/var/lib/einlass/server.sqlite"' "server.toml keeps the database in /var/lib/einlass"

echo "== 3. installing version $old_version"
install_debs() {
  if ! dpkg -i "$@" >"$work/dpkg.log" 2>&1; then
    # Missing libraries on a fresh machine: let apt fetch them, then the packages configure.
    DEBIAN_FRONTEND=noninteractive apt-get -f install -y --no-install-recommends >>"$work/dpkg.log" 2>&1 ||
      {
        cat "$work/dpkg.log" >&2
        fail "dpkg -i $* (its log above)"
      }
  fi
  cat "$work/dpkg.log"
}
install_debs "$old_server_deb" "$old_kiosk_deb" >"$work/install-old.log"
expect_in "$(cat "$work/install-old.log")" 'is installed but not started' \
  "a fresh install says the server is not started, and what to do"
entry=$(getent passwd einlass) || fail "postinst did not create the user einlass"
uid=$(cut -d: -f3 <<<"$entry")
[ "$uid" -lt 1000 ] || fail "einlass is not a system user (uid $uid)"
expect_in "$(cut -d: -f7 <<<"$entry")" 'nologin' "einlass is a system user without a login shell"
[ "$(stat -c %U:%a /var/lib/einlass)" = einlass:750 ] ||
  fail "/var/lib/einlass is $(stat -c %U:%a /var/lib/einlass), not einlass:750"
pass "/var/lib/einlass belongs to einlass (0750)"
[ "$(stat -c %G:%a /etc/einlass/tls)" = einlass:750 ] || fail "/etc/einlass/tls: $(stat -c %G:%a /etc/einlass/tls)"
pass "/etc/einlass/tls readable by group einlass only"
enabled=$(systemctl is-enabled einlass-server.service 2>/dev/null || true)
[ "$enabled" != enabled ] || fail "a fresh install enabled einlass-server (it has no event or TLS yet)"
pass "a fresh install does not enable the server ($enabled)"
[ ! -e /var/lib/einlass/server.sqlite ] || fail "postinst created a database"
pass "postinst creates no database (init does, with the organiser's event)"

echo "== 4. data of the previous release"
runuser -u einlass -- sqlite3 /var/lib/einlass/server.sqlite <"$fixtures/server-0.1.0.sql"
[ "$(sqlite3 /var/lib/einlass/server.sqlite 'PRAGMA user_version')" = 1 ] || fail "fixture is not schema 1"
# Edit the conffile like an admin would; the upgrade must keep the edit.
sed -i 's/^request_log = true/request_log = false/' /etc/einlass/server.toml
kiosk_home="$work/kiosk-home"
mkdir -p "$kiosk_home/.local/share/einlass"
kiosk_store="$kiosk_home/.local/share/einlass/kiosk.sqlite"
sqlite3 "$kiosk_store" <"$fixtures/kiosk-0.1.0.sql"
# What 0.1.0's `enroll` wrote next to the store besides it: the event config it received.
mkdir -p "$kiosk_home/.local/share/einlass/kiosk-enrolled"
cp /usr/share/einlass/events/regionalkonferenzen-2019.toml \
  "$kiosk_home/.local/share/einlass/kiosk-enrolled/event.toml"
pass "server database (schema 1) and kiosk store of 0.1.0 in place"

echo "== 5. upgrading to $version"
# A running server during the upgrade, seen through a stand-in systemctl that logs each call with
# the schema version at that moment: the old server must be stopped before the migration and
# started after it (CI has no systemd; /run/systemd/system tells the maintainer scripts it has).
mkdir -p "$work/fakebin"
cat >"$work/fakebin/systemctl" <<'FAKE'
#!/bin/sh
schema=$(runuser -u einlass -- sqlite3 /var/lib/einlass/server.sqlite 'PRAGMA user_version')
echo "systemctl $* (schema $schema)" >>"$SYSTEMCTL_LOG"
exit 0
FAKE
chmod 755 "$work/fakebin/systemctl"
if [ ! -d /run/systemd/system ]; then
  touch "$work/made-run-systemd"
  mkdir -p /run/systemd/system
fi
PATH="$work/fakebin:$PATH" SYSTEMCTL_LOG="$work/systemctl.log" \
  install_debs "$server_deb" "$kiosk_deb" >"$work/install-new.log"
if [ -f "$work/made-run-systemd" ]; then rmdir /run/systemd/system && rm "$work/made-run-systemd"; fi
calls=$(cat "$work/systemctl.log")
[ "$(dpkg-query -W -f '${Version}' einlass-server)" = "$version" ] || fail "einlass-server was not upgraded"
[ "$(dpkg-query -W -f '${Version}' einlass-kiosk)" = "$version" ] || fail "einlass-kiosk was not upgraded"
fresh="$work/fresh-server.sqlite"
/usr/bin/einlass-server init --db "$fresh" --event /usr/share/einlass/events/regionalkonferenzen-2019.toml >/dev/null
latest=$(sqlite3 "$fresh" 'PRAGMA user_version')
upgraded=$(sqlite3 /var/lib/einlass/server.sqlite 'PRAGMA user_version')
expect_in "$(cat "$work/install-new.log")" "server.sqlite: schema version 1( -> $latest|, up to date)" \
  "the upgrade migrated the server database (postinst: einlass-server migrate)"
[ "$upgraded" = "$latest" ] || fail "server schema after the upgrade is $upgraded, a new database has $latest"
stop_line=$(grep -n '^systemctl stop einlass-server.service (schema 1)$' <<<"$calls" | cut -d: -f1) ||
  fail "the upgrade did not stop the running server before migrating: $calls"
start_line=$(grep -n "^systemctl start einlass-server.service (schema $latest)\$" <<<"$calls" | cut -d: -f1) ||
  fail "the upgrade did not start the server again after migrating: $calls"
[ "$stop_line" -lt "$start_line" ] || fail "the upgrade started the server before stopping it: $calls"
if grep -q 'try-restart einlass-server' <<<"$calls"; then fail "the upgrade restarted the server in place: $calls"; fi
pass "the upgrade stops the running server, migrates, then starts it (not while the old one writes)"
pass "server schema version grew from 1 to $upgraded (the current one)"
[ "$(stat -c %U /var/lib/einlass/server.sqlite)" = einlass ] || fail "the database no longer belongs to einlass"
db_as_einlass=(runuser -u einlass -- /usr/bin/einlass-server)
expect_in "$("${db_as_einlass[@]}" attendance --db /var/lib/einlass/server.sqlite)" \
  'magdeburg 2019-09-12: 2 checked in' "both check-ins of 0.1.0 are still there"
expect_in "$("${db_as_einlass[@]}" devices --db /var/lib/einlass/server.sqlite)" 'Eingang links' \
  "the enrolled kiosk is still there"
# As the README says: `sudo -u einlass einlass-server COMMAND` without --db, from any folder,
# uses the database of /etc/einlass/server.toml.
expect_in "$(cd / && "${db_as_einlass[@]}" attendance)" 'magdeburg 2019-09-12: 2 checked in' \
  "without --db the organiser commands use the database of /etc/einlass/server.toml"
[ ! -e /einlass-server.sqlite ] || fail "attendance without --db created /einlass-server.sqlite"
[ "$(sqlite3 /var/lib/einlass/server.sqlite 'SELECT count(*) FROM registrations')" = 3 ] ||
  fail "registrations lost in the upgrade"
pass "the three registrations are still there"
expect_in "$(cat /etc/einlass/server.toml)" '^request_log = false' "the admin's edit of server.toml survived"
kiosk_status=$(HOME="$kiosk_home" /usr/bin/einlass-kiosk status --venue magdeburg \
  --public-key "$fixtures/fixture.public")
expect_in "$kiosk_status" '"checked_in":2' "the kiosk store's check-ins survived (installed einlass-kiosk)"
expect_in "$kiosk_status" '"roster":3' "the kiosk store's roster survived"
kiosk_latest_store="$work/fresh-kiosk.sqlite"
/usr/bin/einlass-kiosk status --venue magdeburg --store "$kiosk_latest_store" >/dev/null
[ "$(sqlite3 "$kiosk_store" 'PRAGMA user_version')" = "$(sqlite3 "$kiosk_latest_store" 'PRAGMA user_version')" ] ||
  fail "the kiosk store was not migrated to the current schema"
pass "kiosk store at the current schema version $(sqlite3 "$kiosk_store" 'PRAGMA user_version')"

echo "== 6. running the installed programs"
cd "$work" # not the source tree
expect_in "$(/usr/bin/einlass-server --help)" 'migrate' "einlass-server --help lists its commands"
serve_help=$(/usr/bin/einlass-server serve --help)
expect_in "$serve_help" 'SIGHUP' "serve --help says what a reload changes"
expect_in "$serve_help" '/etc/einlass/server.toml' "serve --help names the config file"
expect_in "$(zcat /usr/share/man/man1/einlass-server.1.gz)" '^\.SH FILES' "man page einlass-server(1) with FILES"
# The ticket e-mail's words come from the language files the server package ships
# (/usr/share/einlass-server/lang): an installed server must find them, not only a build tree.
mail_db="$work/tickets.sqlite"
/usr/bin/einlass-server init --db "$mail_db" --event /usr/share/einlass/events/regionalkonferenzen-2019.toml >/dev/null
/usr/bin/einlass-server keys --db "$mail_db" generate --dir "$work" --name tickets >/dev/null
cat >"$work/registrations.json" <<'JSON'
[{"id": 7, "first_name": "Jörg", "last_name": "Müller", "email": "joerg@example.org",
  "venue": "magdeburg", "topics": ["HF4"]}]
JSON
/usr/bin/einlass-server roster-add --db "$mail_db" "$work/registrations.json" >/dev/null
tickets_out=$(/usr/bin/einlass-server tickets --db "$mail_db" --key "$work/tickets.secret" \
  --out "$work/tickets" --from "Einlass <anmeldung@example.org>" --now 2019-08-29T09:00:00Z \
  --dry-run 2>&1) || fail "installed einlass-server tickets --dry-run failed: $tickets_out"
eml=$(cat "$work"/tickets/R7-*.eml 2>/dev/null) || fail "tickets wrote no e-mail: $tickets_out"
expect_in "$eml" '^Subject: ' "the installed server writes the ticket e-mail"
expect_in "$eml" 'Guten Tag J=C3=B6rg' "the e-mail greets the participant in the installed wording"
expect_in "$(zcat /usr/share/man/man1/einlass-kiosk.1.gz)" 'demo' "man page einlass-kiosk(1) lists the commands"
expect_in "$(/usr/sbin/einlass-kiosk-setup-laptop --help)" 'cage' "the setup script explains itself"
dry=$(/usr/sbin/einlass-kiosk-setup-laptop --dry-run 2>&1) || true
expect_in "$dry" 'system user' "the setup script refuses a server's system user einlass"
[ ! -e /etc/pam.d/einlass-kiosk ] || fail "the refused setup changed the machine"
pass "the refused setup changed nothing"

expect_in "$(/usr/sbin/einlass-kiosk-setup-laptop --help)" 'xwayland' "the setup script installs xwayland"
expect_in "$(/usr/sbin/einlass-kiosk-setup-laptop --help)" 'einlass-kiosk-session-reload.path' \
  "the setup script's undo text names the reload path unit"
expect_in "$(/usr/sbin/einlass-kiosk-setup-laptop --help)" 'unmask sleep.target' \
  "the setup script's undo text unmasks the sleep targets"
# Debian enables a login screen with the link display-manager.service (is-enabled says "alias"):
# the setup script must find the unit behind it, and find nothing without the link.
fake_etc="$work/fake-systemd"
mkdir -p "$fake_etc/lib"
touch "$fake_etc/lib/gdm.service"
ln -s "$fake_etc/lib/gdm.service" "$fake_etc/gdm3.service" # Debian's alias of gdm
dm_found() {
  # shellcheck source=/dev/null
  (source /usr/sbin/einlass-kiosk-setup-laptop && display_manager_unit "$1")
}
dm_found "$fake_etc" && fail "a display manager was found without display-manager.service"
ln -s "$fake_etc/gdm3.service" "$fake_etc/display-manager.service"
[ "$(dm_found "$fake_etc")" = gdm.service ] ||
  fail "the setup script did not find the login screen behind display-manager.service: '$(dm_found "$fake_etc" || true)'"
pass "the setup script finds the login screen behind the display-manager.service link"
grep -qF 'rm -f /etc/systemd/system/display-manager.service' /usr/sbin/einlass-kiosk-setup-laptop ||
  fail "the setup script does not remove the display-manager.service link"
pass "the setup script removes the display-manager.service link"

demo=$(HOME="$work/demo-home" /usr/bin/einlass-kiosk demo --headless --dir "$work/demo" 2>&1) ||
  fail "einlass-kiosk demo --headless failed: $demo"
expect_in "$demo" 'Willkommen' "the installed kiosk's terminal demo checks people in"
# The demo must have read the installed assets, not this machine's source tree.
mv /usr/share/einlass "$work/hidden-assets"
hidden=$(HOME="$work/demo-home" /usr/bin/einlass-kiosk demo --headless --dir "$work/demo2" 2>&1) &&
  fail "the installed kiosk ran without /usr/share/einlass: it reads assets from elsewhere"
mv "$work/hidden-assets" /usr/share/einlass
expect_in "$hidden" '/usr/share/einlass/events/regionalkonferenzen-2019.toml' \
  "the installed kiosk reads its event from /usr/share/einlass (and says so when it is missing)"

# serve --config over HTTPS, as the service runs it, then a reload.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -keyout "$work/server.key" \
  -out "$work/server.crt" >/dev/null 2>&1
chgrp einlass "$work/server.key" && chmod 640 "$work/server.key"
chmod 755 "$work"
cat >"$work/server.toml" <<EOF
listen = "127.0.0.1:0"
database = "/var/lib/einlass/server.sqlite"
request_log = false
[tls]
certificate = "server.crt"
key = "server.key"
EOF
# setpriv execs the server as einlass (runuser would stay in between and not pass on SIGHUP).
setpriv --reuid einlass --regid einlass --init-groups /usr/bin/einlass-server serve \
  --config "$work/server.toml" >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 50); do
  grep -q listening "$work/serve.out" 2>/dev/null && break
  sleep 0.1
done
url=$(grep -oP '"listening":"\K[^"]+' "$work/serve.out") || fail "serve --config did not start: $(cat "$work/serve.err")"
expect_in "$url" '^https://127\.0\.0\.1:' "serve --config serves HTTPS with the certificate from the file"
curl -sfk "$url/api/v1/health" >/dev/null || fail "GET $url/api/v1/health failed"
sleep 0.2
if grep -q 'GET /api/v1/health' "$work/serve.err"; then fail "request_log = false still logged a request"; fi
pass "request_log = false: no request line"
sed -i 's/^request_log = false/request_log = true/; s/^listen = .*/listen = "127.0.0.1:1"/' "$work/server.toml"
kill -HUP "$server_pid"
for _ in $(seq 50); do
  grep -q 'SIGHUP: re-read' "$work/serve.err" && break
  sleep 0.1
done
curl -sfk "$url/api/v1/health" >/dev/null || fail "the server stopped serving after SIGHUP"
sleep 0.2
serve_log=$(cat "$work/serve.err")
expect_in "$serve_log" 'GET /api/v1/health 200' "after SIGHUP with request_log = true, requests are logged"
expect_in "$serve_log" "'listen' changed; it takes effect on a restart" "a reload names what needs a restart"
kill "$server_pid"
wait "$server_pid" || fail "serve did not stop cleanly on SIGTERM"
server_pid=""
pass "SIGTERM stops the server cleanly"

if command -v systemd-analyze >/dev/null; then
  # --man=no: the Documentation= pages are checked above, and CI may have no man-db.
  verify=$(systemd-analyze verify --man=no /lib/systemd/system/einlass-server.service 2>&1) ||
    fail "systemd-analyze verify einlass-server.service: $verify"
  pass "systemd-analyze verify einlass-server.service"
  # The kiosk session runs cage, which a server need not have: verify all but that.
  verify=$(systemd-analyze verify --man=no /lib/systemd/system/einlass-kiosk-session.service \
    /lib/systemd/system/einlass-kiosk-session-reload.path \
    /lib/systemd/system/einlass-kiosk-session-reload.service 2>&1 | grep -v '/usr/bin/cage' || true)
  [ -z "$verify" ] || fail "systemd-analyze verify of the kiosk session units: $verify"
  pass "systemd-analyze verify einlass-kiosk-session.service and its reload path unit"
else
  echo "  --  systemd-analyze is not installed: unit files checked by content only"
fi

echo "== 7. purging"
# As einlass-kiosk-setup-laptop leaves a kiosk: both session units enabled (offline: links only).
if command -v systemctl >/dev/null; then
  systemctl enable --quiet einlass-kiosk-session.service einlass-kiosk-session-reload.path ||
    fail "systemctl enable of the kiosk session units failed"
  [ -L /etc/systemd/system/multi-user.target.wants/einlass-kiosk-session-reload.path ] ||
    fail "systemctl enable did not link einlass-kiosk-session-reload.path"
fi
dpkg --purge einlass-server einlass-kiosk >"$work/purge.log" 2>&1 || fail "dpkg --purge: $(cat "$work/purge.log")"
for gone in /usr/bin/einlass-server /usr/bin/einlass-kiosk /etc/einlass/server.toml /usr/share/einlass \
  /lib/systemd/system/einlass-server.service; do
  [ ! -e "$gone" ] || fail "$gone is still there after purge"
done
pass "purge removes programs, assets, units and config"
if command -v systemctl >/dev/null; then
  left=$(find /etc/systemd/system -name 'einlass-kiosk-session*' 2>/dev/null)
  [ -z "$left" ] || fail "removing einlass-kiosk left the session units enabled: $left"
  pass "removing einlass-kiosk disables the session and its reload path unit"
else
  echo "  --  systemctl is not installed: the prerm's disable is not checked"
fi
[ -f /var/lib/einlass/server.sqlite ] || fail "purge deleted the event data"
expect_in "$(cat "$work/purge.log")" 'data in /var/lib/einlass was kept' "purge keeps the event data and says so"

echo "== package test passed: $checks checks"
