#include <atomic>
#include <future>
#include <mutex>
#include <set>
#include <thread>

#include "test_store.h"

namespace limen::store {
namespace {

using testing::StoreTest;

Result<int64_t> CountRows(Store& store, const std::string& table) {
  int64_t count = -1;
  Status status = store.Read([&](ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(count, txn.QueryInt("SELECT count(*) FROM " + table));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return count;
}

TEST(OpenStoreTest, RejectsPostgresqlAndMissingOptions) {
  StoreOptions options;
  options.path = "postgresql://hq.example/limen";
  options.node_id = "hq";
  Result<std::unique_ptr<Store>> postgres = OpenStore(options);
  ASSERT_FALSE(postgres.ok());
  EXPECT_EQ(postgres.status().reason(), "STORE_UNSUPPORTED");
  options.path = "";
  EXPECT_EQ(OpenStore(options).status().reason(), "STORE_OPTIONS");
  options.path = "/nonexistent-dir/limen.db";
  options.node_id = "";
  EXPECT_EQ(OpenStore(options).status().reason(), "STORE_OPTIONS");
  options.node_id = "hq";
  EXPECT_EQ(OpenStore(options).status().reason(), "STORE_OPEN");
}

TEST_F(StoreTest, AppliesMigrationsOnceAndUsesWal) {
  Status status = store_->Read([](ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(std::vector<Row> rows,
                           txn.Query("SELECT version, name FROM schema_migrations ORDER BY 1"));
    EXPECT_GE(rows.size(), 4u);
    EXPECT_EQ(rows[0][0].AsInt(), 1);
    EXPECT_EQ(rows[0][1].AsText(), "0001_event_log");
    LIMEN_ASSIGN_OR_RETURN(std::vector<Row> mode, txn.Query("PRAGMA journal_mode"));
    EXPECT_EQ(mode.at(0).at(0).AsText(), "wal");
    return Status::Ok();
  });
  LIMEN_ASSERT_OK(status);
  Result<int64_t> before = CountRows(*store_, "schema_migrations");
  Open();  // Reopening applies nothing new.
  EXPECT_EQ(CountRows(*store_, "schema_migrations").value(), before.value());
}

TEST_F(StoreTest, RefusesADatabaseFromANewerBinary) {
  LIMEN_ASSERT_OK(store_->Write([](WriteTxn& txn) {
    return txn.Execute("INSERT INTO schema_migrations VALUES (9999, '9999_future', 0)").status();
  }));
  store_.reset();
  Result<std::unique_ptr<Store>> reopened = OpenStore(Options());
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.status().reason(), "STORE_SCHEMA_NEWER");
}

TEST_F(StoreTest, ValuesRoundTripThroughParameters) {
  LIMEN_ASSERT_OK(store_->Write([](WriteTxn& txn) -> Status {
    LIMEN_RETURN_IF_ERROR(txn.Execute("CREATE TABLE t (a, b, c, d, e)").status());
    return txn
        .Execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)",
                 {nullptr, int64_t{1} << 40, 2.5, "text", Blob{std::string("\0\1", 2)}})
        .status();
  }));
  LIMEN_ASSERT_OK(store_->Read([](ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(std::optional<Row> row, txn.QueryOne("SELECT a, b, c, d, e FROM t"));
    if (!row) return NotFound("TEST_NO_ROW", "no row");
    EXPECT_TRUE((*row)[0].is_null());
    EXPECT_EQ((*row)[1].AsInt(), int64_t{1} << 40);
    EXPECT_DOUBLE_EQ((*row)[2].AsDouble(), 2.5);
    EXPECT_EQ((*row)[3].AsText(), "text");
    EXPECT_EQ((*row)[4], Value(Blob{std::string("\0\1", 2)}));
    return Status::Ok();
  }));
}

TEST_F(StoreTest, WrongParameterCountIsAnError) {
  Status status = store_->Read([](ReadTxn& txn) { return txn.Query("SELECT ?", {}).status(); });
  EXPECT_EQ(status.reason(), "STORE_SQL");
}

TEST_F(StoreTest, SeveralStatementsInOneCallAreRefused) {
  Status status = store_->Write(
      [](WriteTxn& txn) { return txn.Execute("CREATE TABLE a (x); CREATE TABLE b (y)").status(); });
  EXPECT_EQ(status.reason(), "STORE_SQL");
  LIMEN_ASSERT_OK(store_->Read([](ReadTxn& txn) { return txn.Query("SELECT 1 ; \n").status(); }));
}

TEST_F(StoreTest, FailingItemRollsBackAloneInItsBatch) {
  LIMEN_ASSERT_OK(store_->Write(
      [](WriteTxn& txn) { return txn.Execute("CREATE TABLE t (v INTEGER UNIQUE)").status(); }));
  // Hold the writer busy so the next three items join its batch.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  store_->Submit(
      [&started, released](WriteTxn&) {
        started.set_value();
        released.wait();
        return Status::Ok();
      },
      nullptr);
  started.get_future().wait();
  std::vector<std::promise<Status>> results(3);
  auto insert = [](int v, bool fail) {
    return [v, fail](WriteTxn& txn) -> Status {
      LIMEN_RETURN_IF_ERROR(txn.Execute("INSERT INTO t VALUES (?)", {v}).status());
      LIMEN_RETURN_IF_ERROR(txn.AppendEvent({"test", "t.inserted", "{}"}).status());
      if (fail) return InvalidArgument("TEST_FAIL", "fails on purpose");
      return Status::Ok();
    };
  };
  for (int i = 0; i < 3; ++i) {
    store_->Submit(insert(i + 1, i == 1), [&results, i](Status s) { results[i].set_value(s); });
  }
  release.set_value();
  EXPECT_TRUE(results[0].get_future().get().ok());
  EXPECT_EQ(results[1].get_future().get().reason(), "TEST_FAIL");
  EXPECT_TRUE(results[2].get_future().get().ok());
  EXPECT_EQ(store_->Metrics().largest_batch, 4);
  LIMEN_ASSERT_OK(store_->Read([](ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(std::vector<Row> rows, txn.Query("SELECT v FROM t ORDER BY v"));
    EXPECT_EQ(rows, (std::vector<Row>{{1}, {3}}));
    return Status::Ok();
  }));
  // The failed item's event was rolled back too, and the chain has no hole.
  Result<ChainReport> report = store_->VerifyEventLog();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok) << report->reason;
  EXPECT_EQ(report->checked_count, 2);
  EXPECT_EQ(store_->ListEvents("", 1, 10).value()[1].sequence, 2);
}

// Items queued while a batch runs join that batch's commit, up to the batch cap; each is
// acknowledged only after the commit that holds it.
TEST_F(StoreTest, ItemsQueuedDuringABatchJoinItsCommitUpToTheCap) {
  for (int cap : {1024, 2}) {
    std::mutex mutex;
    std::vector<int64_t> batch_sizes;
    StoreOptions options = Options();
    options.max_batch_size = cap;
    options.commit_observer = [&](const CommitInfo& info) {
      std::lock_guard lock(mutex);
      batch_sizes.push_back(info.batch_size);
    };
    Open(options);  // The same database each round: counts are relative to `base`.
    const int64_t base = store_->EventLogLength().value();
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::promise<void> started;
    store_->Submit(
        [&started, released](WriteTxn& txn) {
          started.set_value();
          released.wait();
          return txn.AppendEvent({"t", "x.first", "{}"}).status();
        },
        nullptr);
    started.get_future().wait();
    std::vector<std::promise<int64_t>> seen(2);
    for (int i = 0; i < 2; ++i) {
      store_->Submit(
          [](WriteTxn& txn) {
            return txn.AppendEvent({"t", "x.next", "{}"}).status();
          },
          [&, i](Status status) {
            EXPECT_TRUE(status.ok()) << status.ToString();
            seen[i].set_value(store_->EventLogLength().value());
          });
    }
    release.set_value();
    const int64_t first_seen = seen[0].get_future().get() - base;
    const int64_t second_seen = seen[1].get_future().get() - base;
    std::lock_guard lock(mutex);
    if (cap == 1024) {
      EXPECT_EQ(batch_sizes, (std::vector<int64_t>{3})) << "cap " << cap;
      EXPECT_EQ(first_seen, 3);  // A separate connection sees all three: committed together.
      EXPECT_EQ(second_seen, 3);
    } else {
      EXPECT_EQ(batch_sizes, (std::vector<int64_t>{2, 1})) << "cap " << cap;
      EXPECT_GE(first_seen, 2);
      EXPECT_EQ(second_seen, 3);
    }
    store_->Close();
  }
}

TEST_F(StoreTest, ThrowingWorkBecomesAnError) {
  Status status = store_->Write([](WriteTxn&) -> Status { throw std::runtime_error("boom"); });
  EXPECT_EQ(status.reason(), "STORE_CALLBACK_THREW");
  LIMEN_ASSERT_OK(store_->Write([](WriteTxn&) { return Status::Ok(); }));
}

TEST_F(StoreTest, DoneIsCalledOnlyAfterCommitIsVisibleToReaders) {
  std::atomic<int> visible_at_done{-1};
  std::promise<void> finished;
  store_->Submit(
      [](WriteTxn& txn) {
        return txn.AppendEvent({"t", "x.y", "{}"}).status();
      },
      [&](Status status) {
        EXPECT_TRUE(status.ok());
        // A separate connection sees the event: the transaction has committed.
        visible_at_done = static_cast<int>(store_->EventLogLength().value());
        finished.set_value();
      });
  finished.get_future().wait();
  EXPECT_EQ(visible_at_done.load(), 1);
}

TEST_F(StoreTest, ConcurrentSubmittersAreAllAcknowledgedAndChained) {
  constexpr int kThreads = 8;
  constexpr int kPerThread = 50;
  std::mutex mutex;
  std::set<int64_t> sequences;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        int64_t sequence = 0;
        Status status = store_->Write([&](WriteTxn& txn) -> Status {
          LIMEN_ASSIGN_OR_RETURN(Event event,
                                 txn.AppendEvent({"thread:" + std::to_string(t), "test.write",
                                                  "{\"i\":" + std::to_string(i) + "}"}));
          sequence = event.sequence;
          return Status::Ok();
        });
        ASSERT_TRUE(status.ok()) << status.ToString();
        std::lock_guard lock(mutex);
        sequences.insert(sequence);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(sequences.size(), static_cast<size_t>(kThreads * kPerThread));
  EXPECT_EQ(*sequences.begin(), 1);
  EXPECT_EQ(*sequences.rbegin(), kThreads * kPerThread);
  EXPECT_EQ(store_->EventLogLength().value(), kThreads * kPerThread);
  StoreMetrics metrics = store_->Metrics();
  EXPECT_EQ(metrics.writes, kThreads * kPerThread);
  EXPECT_LE(metrics.commits, kThreads * kPerThread);
  EXPECT_TRUE(store_->VerifyEventLog()->ok);
}

TEST_F(StoreTest, CommitObserverSeesEveryBatch) {
  std::atomic<int64_t> items{0};
  std::atomic<int64_t> batches{0};
  StoreOptions options = Options();
  options.commit_observer = [&](const CommitInfo& info) {
    EXPECT_TRUE(info.committed);
    EXPECT_GE(info.duration_micros, 0);
    items += info.batch_size;
    ++batches;
  };
  Open(options);
  for (int i = 0; i < 5; ++i)
    LIMEN_ASSERT_OK(store_->Write([](WriteTxn&) { return Status::Ok(); }));
  EXPECT_EQ(items.load(), 5);
  EXPECT_EQ(batches.load(), store_->Metrics().commits);
}

TEST_F(StoreTest, SubmitAfterCloseFailsAndCloseDrainsTheQueue) {
  std::atomic<int> done_ok{0};
  for (int i = 0; i < 20; ++i) {
    store_->Submit(
        [](WriteTxn& txn) {
          return txn.AppendEvent({"t", "x.y", "{}"}).status();
        },
        [&](Status status) { done_ok += status.ok() ? 1 : 0; });
  }
  store_->Close();
  EXPECT_EQ(done_ok.load(), 20);
  Status after;
  store_->Submit([](WriteTxn&) { return Status::Ok(); }, [&](Status status) { after = status; });
  EXPECT_EQ(after.reason(), "STORE_CLOSED");
  Open();
  EXPECT_EQ(store_->EventLogLength().value(), 20);
}

TEST_F(StoreTest, WriteFromTheWriterThreadIsRefused) {
  Status inner;
  LIMEN_ASSERT_OK(store_->Write([&](WriteTxn&) {
    inner = store_->Write([](WriteTxn&) { return Status::Ok(); });
    return Status::Ok();
  }));
  EXPECT_EQ(inner.reason(), "STORE_REENTRANT");
}

}  // namespace
}  // namespace limen::store

namespace limen::store {
namespace {

using testing::StoreTest;

// Keeps the writer busy until Release(), so that items submitted meanwhile share one batch.
class WriterGate {
 public:
  explicit WriterGate(Store& store) {
    std::promise<void> started;
    store.Submit(
        [&started, released = released_](WriteTxn&) {
          started.set_value();
          released.wait();
          return Status::Ok();
        },
        nullptr);
    started.get_future().wait();
  }
  void Release() { release_.set_value(); }

 private:
  std::promise<void> release_;
  std::shared_future<void> released_ = release_.get_future().share();
};

TEST_F(StoreTest, DeferredForeignKeyViolationFailsOnlyItsItem) {
  LIMEN_ASSERT_OK(store_->Write([](WriteTxn& txn) -> Status {
    LIMEN_RETURN_IF_ERROR(txn.Execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)").status());
    return txn
        .Execute(
            "CREATE TABLE child (parent_id INTEGER REFERENCES parent (id) "
            "DEFERRABLE INITIALLY DEFERRED)")
        .status();
  }));
  WriterGate gate(*store_);
  std::vector<std::promise<Status>> results(3);
  auto append = [](WriteTxn& txn) { return txn.AppendEvent({"t", "x.y", "{}"}).status(); };
  store_->Submit(append, [&](Status s) { results[0].set_value(s); });
  store_->Submit(
      [](WriteTxn& txn) -> Status {
        LIMEN_RETURN_IF_ERROR(txn.AppendEvent({"t", "x.orphan", "{}"}).status());
        return txn.Execute("INSERT INTO child VALUES (42)").status();
      },
      [&](Status s) { results[1].set_value(s); });
  store_->Submit(append, [&](Status s) { results[2].set_value(s); });
  gate.Release();
  EXPECT_TRUE(results[0].get_future().get().ok());
  EXPECT_EQ(results[1].get_future().get().reason(), "STORE_CONSTRAINT");
  EXPECT_TRUE(results[2].get_future().get().ok());
  std::vector<Event> events = store_->ListEvents("", 1, 10).value();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].type, "x.y");
  EXPECT_EQ(events[1].sequence, 2);
  EXPECT_TRUE(store_->VerifyEventLog()->ok);
}

TEST_F(StoreTest, ALostTransactionFailsTheWholeBatchAndKeepsTheChainWhole) {
  LIMEN_ASSERT_OK(store_->Write([](WriteTxn& txn) {
    return txn.AppendEvent({"t", "x.before", "{}"}).status();
  }));
  WriterGate gate(*store_);
  std::vector<std::promise<Status>> results(2);
  store_->Submit(
      [](WriteTxn& txn) {
        return txn.AppendEvent({"t", "x.lost", "{}"}).status();
      },
      [&](Status s) { results[0].set_value(s); });
  // A work item that ends the transaction behind the store's back.
  store_->Submit([](WriteTxn& txn) { return txn.Execute("ROLLBACK").status(); },
                 [&](Status s) { results[1].set_value(s); });
  gate.Release();
  Status first = results[0].get_future().get();
  Status second = results[1].get_future().get();
  EXPECT_FALSE(first.ok());
  EXPECT_FALSE(second.ok());
  EXPECT_GE(store_->Metrics().commit_failures, 1);
  // The in-memory chain head was restored: the next event follows "x.before".
  LIMEN_ASSERT_OK(store_->Write([](WriteTxn& txn) {
    return txn.AppendEvent({"t", "x.after", "{}"}).status();
  }));
  std::vector<Event> events = store_->ListEvents("", 1, 10).value();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].type, "x.after");
  EXPECT_EQ(events[1].sequence, 2);
  EXPECT_TRUE(store_->VerifyEventLog()->ok);
}

}  // namespace
}  // namespace limen::store

namespace limen::store {
namespace {

using testing::StoreTest;

TEST_F(StoreTest, ReadSeesOneSnapshotWhileTheWriterCommits) {
  LIMEN_ASSERT_OK(store_->Write([](WriteTxn& txn) {
    return txn.AppendEvent({"t", "x.first", "{}"}).status();
  }));
  int64_t before = -1;
  int64_t after = -1;
  LIMEN_ASSERT_OK(store_->Read([&](ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(before, txn.QueryInt("SELECT count(*) FROM events"));
    // Committed while this read is open (WAL lets the writer proceed beside readers).
    LIMEN_RETURN_IF_ERROR(store_->Write([](WriteTxn& write) {
      return write.AppendEvent({"t", "x.second", "{}"}).status();
    }));
    LIMEN_ASSIGN_OR_RETURN(after, txn.QueryInt("SELECT count(*) FROM events"));
    return Status::Ok();
  }));
  EXPECT_EQ(before, 1);
  EXPECT_EQ(after, 1);
  EXPECT_EQ(store_->EventLogLength().value(), 2);
}

}  // namespace
}  // namespace limen::store
