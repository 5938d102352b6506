#include "kiosk/core/ticket_keys.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "kiosk/core/ticket_codec.hpp"
#include "kiosk/core/ticket_key_files.hpp"
#include "tests/unit/ticket_test_support.hpp"

namespace einlass::core {
namespace {

namespace fs = std::filesystem;

class TicketKeyFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "einlass-keys-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir = pattern;
  }
  void TearDown() override { fs::remove_all(dir); }

  static std::string read(const fs::path& file) {
    std::ifstream in(file);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  static void write(const fs::path& file, const std::string& text) {
    fs::remove(file);
    std::ofstream(file) << text;
  }
  static unsigned mode_of(const fs::path& file) {
    struct stat st {};
    EXPECT_EQ(::stat(file.c_str(), &st), 0);
    return st.st_mode & 07777;
  }

  // Expects loading to fail with a message that names the file and contains `why`.
  template <typename Load>
  static void expect_error(Load load, const fs::path& file, const std::string& why) {
    try {
      load(file);
      ADD_FAILURE() << "no error for " << file;
    } catch (const TicketKeyError& e) {
      const std::string message = e.what();
      EXPECT_NE(message.find(file.string()), std::string::npos) << message;
      EXPECT_NE(message.find(why), std::string::npos) << message;
    }
  }

  fs::path dir;
};

TEST_F(TicketKeyFiles, GeneratedKeysSignTicketsThatVerifyWithThePublicFile) {
  const KeyFiles files = generate_key_pair(dir, "2019-main");
  EXPECT_EQ(files.secret_file, dir / "2019-main.secret");
  EXPECT_EQ(files.public_file, dir / "2019-main.public");
  const SecretKey secret = load_secret_key(files.secret_file);
  const PublicKey public_key = load_public_key(files.public_file);
  EXPECT_EQ(secret.key_id(), files.key_id);
  EXPECT_EQ(public_key, secret.public_key());

  Keyring keyring;
  keyring.add(public_key);
  const TicketPayload p = test::sample_payload();
  EXPECT_EQ(verify_ticket(encode_ticket(p, secret), keyring, p.event_tag, p.not_before).verdict,
            TicketVerdict::Valid);
}

TEST_F(TicketKeyFiles, FilesAreOneReadableLineWithTheKeyId) {
  const KeyFiles files = generate_key_pair(dir, "k");
  const std::string id = format_key_id(files.key_id);
  EXPECT_EQ(id.size(), 4u);
  EXPECT_TRUE(read(files.public_file).starts_with("einlass-ticket-public-key v1 " + id + " "));
  EXPECT_TRUE(read(files.secret_file).starts_with("einlass-ticket-secret-key v1 "));
  EXPECT_TRUE(read(files.public_file).ends_with("=\n"));
}

TEST_F(TicketKeyFiles, TheSecretIsOnlyReadableByItsOwnerWhateverTheUmask) {
  const mode_t old_umask = ::umask(0);
  const KeyFiles files = generate_key_pair(dir, "open-umask");
  ::umask(old_umask);
  EXPECT_EQ(mode_of(files.secret_file), 0600u);
  EXPECT_EQ(mode_of(files.public_file), 0644u);
}

TEST_F(TicketKeyFiles, ASecretKeyOthersCanReadIsRefusedWithTheFix) {
  const KeyFiles files = generate_key_pair(dir, "copied");
  for (const mode_t mode : {0640u, 0604u, 0644u}) {
    fs::permissions(files.secret_file, static_cast<fs::perms>(mode));
    expect_error(load_secret_key, files.secret_file, "chmod 600");
  }
  fs::permissions(files.secret_file, static_cast<fs::perms>(0400));  // read-only for its owner
  EXPECT_NO_THROW(load_secret_key(files.secret_file));
}

TEST_F(TicketKeyFiles, ExistingKeysAreNeverOverwritten) {
  const KeyFiles files = generate_key_pair(dir, "main");
  const std::string secret_before = read(files.secret_file);
  EXPECT_THROW(generate_key_pair(dir, "main"), TicketKeyError);
  EXPECT_EQ(read(files.secret_file), secret_before);

  // Only the public half left over from an earlier key: still refused, and no new secret.
  fs::remove(files.secret_file);
  EXPECT_THROW(generate_key_pair(dir, "main"), TicketKeyError);
  EXPECT_FALSE(fs::exists(files.secret_file));
}

TEST_F(TicketKeyFiles, NamesThatCouldEscapeTheFolderAreRefused) {
  for (const char* name : {"", "../evil", "a/b", ".hidden", "with space"}) {
    EXPECT_THROW(generate_key_pair(dir, name), TicketKeyError) << name;
  }
  EXPECT_THROW(generate_key_pair(dir / "missing", "k"), TicketKeyError);
}

TEST_F(TicketKeyFiles, DamagedOrMixedUpFilesGiveErrorsNamingTheFile) {
  const KeyFiles a = generate_key_pair(dir, "a");
  const KeyFiles b = generate_key_pair(dir, "b");
  const std::string a_public = read(a.public_file);
  const std::string a_secret = read(a.secret_file);
  const fs::path file = dir / "broken.public";

  // The key id of one key with the key bytes of another.
  std::string mixed = read(b.public_file);
  mixed.replace(29, 4, format_key_id(a.key_id));
  write(file, mixed);
  expect_error(load_public_key, file, "does not match the key");

  // One base64 character of the key changed.
  std::string edited = a_public;
  edited[40] = edited[40] == 'A' ? 'B' : 'A';
  write(file, edited);
  expect_error(load_public_key, file, "does not match the key");

  write(file, a_public.substr(0, a_public.size() - 10) + "\n");
  expect_error(load_public_key, file, "not valid base64");
  write(file, "einlass-ticket-public-key v2 0000 AAAA\n");
  expect_error(load_public_key, file, "unsupported key file version");
  write(file, "einlass-ticket-public-key v1 zz12 AAAA\n");
  expect_error(load_public_key, file, "not 4 hex digits");
  write(file, a_public + a_public);
  expect_error(load_public_key, file, "exactly one line");
  write(file, "");
  expect_error(load_public_key, file, "not an Einlass ticket key file");
  expect_error(load_public_key, a.secret_file, "not an Einlass ticket key file");
  expect_error(load_secret_key, a.public_file, "not an Einlass ticket key file");
  expect_error(load_public_key, dir / "missing.public", "cannot open");

  // A secret whose public half was altered: it would sign tickets no kiosk accepts.
  const fs::path secret = dir / "broken.secret";
  std::string damaged = a_secret;
  damaged[damaged.size() - 8] = damaged[damaged.size() - 8] == 'A' ? 'B' : 'A';
  write(secret, damaged);
  expect_error(load_secret_key, secret, "damaged");
  write(secret, a_secret.substr(0, 60) + "\n");
  expect_error(load_secret_key, secret, "not valid base64");
}

TEST_F(TicketKeyFiles, AFolderKeyringHoldsEveryPublicKeyForRotation) {
  const KeyFiles old_key = generate_key_pair(dir, "2019-spring");
  const KeyFiles new_key = generate_key_pair(dir, "2019-autumn");
  const Keyring keyring = load_keyring_folder(dir);
  EXPECT_EQ(keyring.size(), 2u);  // the *.secret files are not read

  const TicketPayload p = test::sample_payload();
  for (const KeyFiles& files : {old_key, new_key}) {
    const std::string code = encode_ticket(p, load_secret_key(files.secret_file));
    EXPECT_EQ(verify_ticket(code, keyring, p.event_tag, p.not_before).verdict,
              TicketVerdict::Valid);
  }
  const std::vector<fs::path> only_new = {new_key.public_file};
  const Keyring after_rotation = load_keyring(only_new);
  const std::string old_code = encode_ticket(p, load_secret_key(old_key.secret_file));
  EXPECT_EQ(verify_ticket(old_code, after_rotation, p.event_tag, p.not_before).verdict,
            TicketVerdict::UnknownKey);
}

TEST_F(TicketKeyFiles, AKeyringRefusesTheSameKeyIdTwiceAndNamesBothFiles) {
  const KeyFiles files = generate_key_pair(dir, "main");
  fs::copy_file(files.public_file, dir / "copy.public");
  try {
    load_keyring_folder(dir);
    ADD_FAILURE() << "duplicate key id accepted";
  } catch (const TicketKeyError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("copy.public"), std::string::npos) << message;
    EXPECT_NE(message.find("main.public"), std::string::npos) << message;
    EXPECT_NE(message.find("already has that key id"), std::string::npos) << message;
  }
}

TEST_F(TicketKeyFiles, AnEmptyKeyFolderIsAnErrorNotASilentlyEmptyKeyring) {
  expect_error(load_keyring_folder, dir, "no *.public");
  expect_error(load_keyring_folder, dir / "missing", "not an existing folder");
}

TEST(TicketKeyring, TwoKeysVerifyTheirOwnTicketsAndADuplicateIdIsRefused) {
  const KeyPair first = test::seeded_key(10);
  const KeyPair second = test::seeded_key(11);
  Keyring keyring;
  keyring.add(first.public_key);
  keyring.add(second.public_key);
  EXPECT_THROW(keyring.add(first.public_key), TicketKeyError);
  EXPECT_EQ(keyring.size(), 2u);
  EXPECT_EQ(keyring.find(second.public_key.key_id), &*keyring.find(second.public_key.key_id));
  EXPECT_EQ(*keyring.find(first.public_key.key_id), first.public_key);

  PublicKey lying = test::seeded_key(12).public_key;
  lying.key_id ^= 1;  // would make all its tickets "unknown key"
  EXPECT_THROW(keyring.add(lying), TicketKeyError);
}

TEST(TicketKeys, KeyIdIsTheFirstTwoBytesOfTheKeyHash) {
  const KeyPair pair = test::seeded_key(7);
  EXPECT_EQ(pair.public_key.key_id, key_id_for(pair.public_key.bytes));
  EXPECT_EQ(pair.secret.key_id(), pair.public_key.key_id);
  EXPECT_EQ(test::seeded_key(7).public_key, pair.public_key) << "seeded keys are reproducible";
  EXPECT_EQ(format_key_id(0x0A1B), "0a1b");
}

}  // namespace
}  // namespace einlass::core
