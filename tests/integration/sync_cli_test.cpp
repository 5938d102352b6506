// The command-line contract of sync as staff scripts use it: `einlass-kiosk enroll`, `sync
// --once` exit codes and JSON, the organiser's enrolment QR code, and HTTPS with a private CA
// or a pinned key (TLS verification is never off).
#include <gtest/gtest.h>

#include <cstdio>

#include "tests/integration/sync_fixture.hpp"

namespace einlass::testing {
namespace {

using nlohmann::json;

ProgramRun kiosk(SyncServerWorld& world, std::vector<std::string> args) {
  args.insert(args.begin(), EINLASS_KIOSK_BINARY);
  return run_program(args, world.dir());
}

std::string shell(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return out;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe))
    out += buffer;
  ::pclose(pipe);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r'))
    out.pop_back();
  return out;
}

TEST(SyncCli, EnrolCheckInAndSyncOnceFromTheCommandLine) {
  SyncServerWorld world;
  world.server().start();
  const fs::path roster = world.dir() / "roster.json";
  write_file_atomically(roster, R"([{"id": 1, "first_name": "Jana", "last_name": "Krüger",
      "venue": "magdeburg", "round_topics": ["HF1", "HF4"]}])");
  world.server_cli({"roster-add", roster.string()});
  const std::string store = (world.dir() / "cli.sqlite").string();

  const ProgramRun unenrolled = kiosk(world, {"sync", "--once", "--store", store});
  EXPECT_EQ(unenrolled.exit_code, 2) << unenrolled.err;
  EXPECT_NE(unenrolled.err.find("enroll"), std::string::npos) << "says what to do";

  const std::string code = world.enrolment_code("magdeburg");
  const ProgramRun enrolled =
      kiosk(world, {"enroll", world.server().url(), code, "--store", store});
  ASSERT_EQ(enrolled.exit_code, 0) << enrolled.err;
  const json e = json::parse(enrolled.out);
  EXPECT_EQ(e["venue"], "magdeburg");
  ASSERT_TRUE(fs::exists(e["event"].get<std::string>()));

  const ProgramRun reused =
      kiosk(world, {"enroll", world.server().url(), code, "--store", store + "2"});
  EXPECT_EQ(reused.exit_code, 1);
  EXPECT_NE(reused.err.find("already used"), std::string::npos) << reused.err;

  ProgramRun sync = kiosk(world, {"sync", "--once", "--store", store});
  ASSERT_EQ(sync.exit_code, 0) << sync.err;
  EXPECT_EQ(json::parse(sync.out)["connection"], "online");

  const ProgramRun checkin = kiosk(
      world, {"checkin", "--participant", "R1", "--store", store, "--event",
              e["event"].get<std::string>(), "--public-key", e["public_keys"].get<std::string>(),
              "--venue", "magdeburg", "--now", "2019-09-12T15:10"});
  ASSERT_EQ(checkin.exit_code, 0) << checkin.out << checkin.err;
  sync = kiosk(world, {"sync", "--once", "--store", store});
  EXPECT_EQ(sync.exit_code, 0) << sync.out;
  EXPECT_EQ(json::parse(sync.out)["events_waiting"], 0);
  EXPECT_EQ(world.server_events().size(), 1u);

  world.server().kill_hard();
  const ProgramRun offline =
      kiosk(world, {"sync", "--once", "--store", store, "--timeout-ms", "2000"});
  EXPECT_EQ(offline.exit_code, 1);
  EXPECT_EQ(json::parse(offline.out)["connection"], "offline");
}

// `keys list` is how an organiser checks which keys kiosks trust: the published key's line.
TEST(SyncCli, KeysListShowsThePublishedPublicKey) {
  SyncServerWorld world;
  const ProgramRun listed = world.server_cli({"keys", "list"});
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(listed.out, read_file(world.dir() / "tickets.public"));
}

TEST(SyncCli, EnrolmentQrCodeCarriesServerAndCode) {
  SyncServerWorld world;
  world.server().start();
  const fs::path png = world.dir() / "enrol.png";
  const auto run = world.server_cli({"enrol", "--venue", "magdeburg", "--url", world.server().url(),
                                     "--qr", png.string(), "--json"});
  const json answer = json::parse(run.out);
  ASSERT_TRUE(fs::exists(png));
  const ProgramRun decoded = kiosk(world, {"decode", "--venue", "magdeburg", png.string()});
  const std::string link = answer["link"].get<std::string>();
  EXPECT_NE(decoded.out.find(link), std::string::npos) << decoded.out;
  // What staff mode does with the scanned text.
  const ProgramRun enrolled =
      kiosk(world, {"enroll", link, "--store", (world.dir() / "qr.sqlite").string()});
  EXPECT_EQ(enrolled.exit_code, 0) << enrolled.err;
}

TEST(SyncCli, HttpsWithPrivateCaOrPinnedKeyAndNeverWithoutVerification) {
  SyncServerWorld world;
  const fs::path cert = world.dir() / "cert.pem", key = world.dir() / "key.pem";
  const std::string made = shell(
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "
      "/CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout " +
      key.string() + " -out " + cert.string() + " 2>&1 >/dev/null; echo $?");
  ASSERT_TRUE(fs::exists(cert)) << made;
  const std::string pin = "sha256//" + shell("openssl x509 -in " + cert.string() +
                                             " -pubkey -noout | openssl pkey -pubin -outform der "
                                             "| openssl dgst -sha256 -binary | base64");
  world.server().set_extra_args({"--cert", cert.string(), "--key", key.string()});
  world.server().start();
  ASSERT_EQ(world.server().url().rfind("https://", 0), 0u);

  const auto enrol = [&](const std::string& name, const sync::client::TlsOptions& tls) {
    sync::client::enrol(world.server().url(), world.enrolment_code("magdeburg"),
                        world.dir() / (name + ".sqlite"), tls);
  };
  EXPECT_THROW(enrol("untrusted", {}), sync::client::EnrolmentError)
      << "a certificate no trusted CA signed is refused";
  EXPECT_THROW(enrol("wrong-pin", {cert.string(), "sha256//" + std::string(43, 'A') + "="}),
               sync::client::EnrolmentError);
  EXPECT_NO_THROW(enrol("with-ca", {cert.string(), ""}));
  EXPECT_NO_THROW(enrol("with-ca-and-pin", {cert.string(), pin}));

  // The sync engine uses the TLS options saved at enrolment.
  sync::client::SyncOptions o = test_sync_options(world.dir() / "with-ca.sqlite");
  EXPECT_TRUE(sync::client::sync_once(o).online());
}

}  // namespace
}  // namespace einlass::testing
