// The group-commit writer: a queue of work items and one thread that drains it. Each round takes
// every pending item (up to a cap), runs them in one transaction, each inside its own savepoint,
// takes the items that arrived meanwhile into the same transaction (TakeMore), commits once and
// then calls the items' done callbacks. Only the commit makes items durable, so done is never
// called before it.
//
// Thread-safety: Submit and Stop are thread-safe; the BatchRunner runs on the writer thread only.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "store/store.h"

namespace limen::store::sqlite {

struct WorkItem {
  WriteFn work;
  DoneFn done;
};

class GroupCommitQueue {
 public:
  // Runs one batch and returns one status per item.
  using BatchRunner = std::function<std::vector<Status>(std::vector<WorkItem>&)>;

  GroupCommitQueue(int max_batch_size, BatchRunner runner);
  ~GroupCommitQueue();

  // Queues an item. After Stop(), calls done(STORE_CLOSED) at once instead.
  void Submit(WorkItem item);
  // Runs everything already queued, then joins the thread. Idempotent.
  void Stop();
  bool OnWriterThread() const { return std::this_thread::get_id() == thread_.get_id(); }
  int64_t Depth() const;
  // Writer thread, inside a batch: appends to `batch` the items queued since it was taken, up to
  // the cap, without waiting, and returns how many. They join the batch's commit instead of
  // waiting for the next one (one sync for more items, and no item waits behind a commit that
  // started after it arrived).
  size_t TakeMore(std::vector<WorkItem>& batch);

 private:
  void Loop();
  std::vector<WorkItem> TakeBatch();
  // Moves queued items to the end of `batch` until it reaches the cap. Holds mutex_.
  void MoveQueued(std::vector<WorkItem>& batch);

  const size_t max_batch_size_;
  BatchRunner runner_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<WorkItem> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace limen::store::sqlite
