#include "store/sqlite/checkpointer.h"

#include "base/log.h"

namespace limen::store::sqlite {

Checkpointer::Checkpointer(std::unique_ptr<Connection> connection, int threshold_pages)
    : connection_(std::move(connection)), threshold_pages_(threshold_pages) {
  thread_ = std::thread([this] { Loop(); });
}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void Checkpointer::Notify(int wal_pages) {
  int copied = copied_pages_.load(std::memory_order_relaxed);
  if (wal_pages < copied) {  // The WAL started over since.
    copied = 0;
    copied_pages_.store(0, std::memory_order_relaxed);
  }
  if (wal_pages - copied < threshold_pages_) return;
  {
    std::lock_guard lock(mutex_);
    if (pending_) return;
    pending_ = true;
  }
  wake_.notify_one();
}

void Checkpointer::Loop() {
  while (true) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return pending_ || stopping_; });
      if (stopping_) return;  // The writer's last close checkpoints what is left.
      pending_ = false;
    }
    Result<int> copied = connection_->CheckpointPassive();
    checkpoints_.fetch_add(1);
    if (!copied.ok()) {
      log::Warning("store: background checkpoint failed: " + copied.status().message());
    } else if (*copied >= 0) {
      copied_pages_.store(*copied, std::memory_order_relaxed);
    }
  }
}

}  // namespace limen::store::sqlite
