// The background checkpointer (store/sqlite/checkpointer.h): the WAL is copied into the database
// off the commit path, it stays bounded under steady writes, and nothing committed is lost.
#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "test_store.h"

namespace limen::store {
namespace {

using testing::StoreTest;

// Commits `count` rows of 128 KiB, one commit each (about 32 WAL pages per commit).
void CommitLargeRows(Store& store, int first, int count) {
  const std::string payload(128 * 1024, 'x');
  for (int i = first; i < first + count; ++i) {
    LIMEN_ASSERT_OK(store.Write([&](WriteTxn& txn) {
      return txn
          .Execute("INSERT INTO large_rows (id, payload) VALUES (?, ?)", {int64_t{i}, payload})
          .status();
    }));
  }
}

int64_t LargeRowCount(Store& store) {
  int64_t count = -1;
  Status status = store.Read([&](ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(count, txn.QueryInt("SELECT count(*) FROM large_rows"));
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return count;
}

TEST_F(StoreTest, CheckpointsInTheBackgroundAndKeepsTheWalBoundedUnderSteadyWrites) {
  LIMEN_ASSERT_OK(store_->Write([](WriteTxn& txn) {
    return txn.Execute("CREATE TABLE large_rows (id INTEGER PRIMARY KEY, payload TEXT)").status();
  }));
  // 320 commits back to back write about 40 MiB to the WAL.
  CommitLargeRows(*store_, 0, 320);
  // The checkpointer, woken past 1000 pages, runs on its own thread; give it as long as a loaded
  // machine needs.
  for (int wait = 0; wait < 600 && store_->Metrics().checkpoints == 0; ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_GT(store_->Metrics().checkpoints, 0);
  // The WAL started over on the way: it holds about 16 MiB at most (4000 pages and a commit),
  // not the 40 MiB committed.
  const std::string wal = dir_.File("limen.db") + "-wal";
  ASSERT_TRUE(std::filesystem::exists(wal));
  EXPECT_LT(std::filesystem::file_size(wal), 24u * 1024 * 1024);
  EXPECT_EQ(LargeRowCount(*store_), 320);
  Open();  // Everything committed is still there after a reopen.
  EXPECT_EQ(LargeRowCount(*store_), 320);
}

}  // namespace
}  // namespace limen::store
