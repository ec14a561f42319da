#include "store/sqlite/group_commit.h"

#include <algorithm>

namespace limen::store::sqlite {

GroupCommitQueue::GroupCommitQueue(int max_batch_size, BatchRunner runner)
    : max_batch_size_(static_cast<size_t>(max_batch_size)), runner_(std::move(runner)) {
  thread_ = std::thread([this] { Loop(); });
}

GroupCommitQueue::~GroupCommitQueue() { Stop(); }

void GroupCommitQueue::Submit(WorkItem item) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      queue_.push_back(std::move(item));
      wake_.notify_one();
      return;
    }
  }
  if (item.done) {
    item.done(Unavailable("STORE_CLOSED", "The store is shutting down; retry after restart."));
  }
}

void GroupCommitQueue::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    wake_.notify_one();
  }
  if (thread_.joinable() && !OnWriterThread()) thread_.join();
}

int64_t GroupCommitQueue::Depth() const {
  std::lock_guard lock(mutex_);
  return static_cast<int64_t>(queue_.size());
}

void GroupCommitQueue::MoveQueued(std::vector<WorkItem>& batch) {
  const size_t room = max_batch_size_ > batch.size() ? max_batch_size_ - batch.size() : 0;
  const size_t count = std::min(queue_.size(), room);
  for (size_t i = 0; i < count; ++i) {
    batch.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
}

std::vector<WorkItem> GroupCommitQueue::TakeBatch() {
  std::unique_lock lock(mutex_);
  wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
  std::vector<WorkItem> batch;
  MoveQueued(batch);
  return batch;
}

size_t GroupCommitQueue::TakeMore(std::vector<WorkItem>& batch) {
  std::lock_guard lock(mutex_);
  const size_t before = batch.size();
  MoveQueued(batch);
  return batch.size() - before;
}

void GroupCommitQueue::Loop() {
  while (true) {
    std::vector<WorkItem> batch = TakeBatch();
    if (batch.empty()) return;                     // Stopping and drained.
    std::vector<Status> results = runner_(batch);  // May have grown the batch (TakeMore).
    for (size_t i = 0; i < batch.size(); ++i) {
      if (batch[i].done) batch[i].done(results[i]);
    }
  }
}

}  // namespace limen::store::sqlite
