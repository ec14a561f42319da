// The background checkpointer of the SQLite store: a thread with its own connection that copies
// the WAL into the database file when the writer reports (after a commit) that the WAL has grown
// past a threshold. SQLite would otherwise checkpoint inside the commit that crosses it, and that
// commit, with every request of its group, would wait for the copy and its fsync. The writer
// still checkpoints, rarely and with little left to copy, so that the WAL can start over (see
// kInlineCheckpointPages in connection.cc).
//
// Durability is unchanged: a commit is durable once its WAL frames are synced (synchronous=FULL);
// a checkpoint only moves committed pages into the main file, and syncs it, under SQLite's locks.
//
// Thread-safety: Notify is thread-safe and cheap; the destructor stops and joins the thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "store/sqlite/connection.h"

namespace limen::store::sqlite {

class Checkpointer {
 public:
  // SQLite's own automatic checkpoint threshold (about 4 MiB of WAL with 4 KiB pages).
  static constexpr int kDefaultThresholdPages = 1000;

  explicit Checkpointer(std::unique_ptr<Connection> connection,
                        int threshold_pages = kDefaultThresholdPages);
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Called after each commit with the pages in the WAL; wakes the thread once the WAL holds
  // `threshold_pages` more than the last checkpoint copied.
  void Notify(int wal_pages);
  // Checkpoints run so far (successful or not).
  int64_t checkpoints() const { return checkpoints_.load(); }

 private:
  void Loop();

  const std::unique_ptr<Connection> connection_;
  const int threshold_pages_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool pending_ = false;
  bool stopping_ = false;
  std::atomic<int> copied_pages_{0};  // WAL pages copied by the last checkpoint.
  std::atomic<int64_t> checkpoints_{0};
  std::thread thread_;  // Last: starts once everything above is ready.
};

}  // namespace limen::store::sqlite
