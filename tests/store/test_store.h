// Helpers for store tests: a temporary directory removed at the end of the test, and a store
// opened in it with a fake clock.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "base/time.h"
#include "store/store.h"

namespace limen::store::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "limen-store-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// 2026-11-26T08:00:00Z.
inline constexpr Timestamp kTestStart = 1795680000LL * kMicrosPerSecond;

class StoreTest : public ::testing::Test {
 protected:
  StoreOptions Options() {
    StoreOptions options;
    options.path = dir_.File("limen.db");
    options.node_id = "bcp-1";
    options.clock = &clock_;
    return options;
  }
  void Open() { Open(Options()); }
  void Open(const StoreOptions& options) {
    store_.reset();
    Result<std::unique_ptr<Store>> store = OpenStore(options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }
  void SetUp() override { Open(); }

  TempDir dir_;
  FakeClock clock_{kTestStart};
  std::unique_ptr<Store> store_;
};

#define LIMEN_ASSERT_OK(expr)                                      \
  do {                                                             \
    ::limen::Status assert_status_ = (expr);                       \
    ASSERT_TRUE(assert_status_.ok()) << assert_status_.ToString(); \
  } while (0)

}  // namespace limen::store::testing
