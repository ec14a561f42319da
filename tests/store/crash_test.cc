// Store-level crash test: a child process writes through the group-commit writer and reports
// each acknowledged write on a pipe; the parent kills it with SIGKILL at a random moment, reopens
// the database and checks that every acknowledged write is present and both chains verify.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <random>
#include <set>
#include <thread>

#include "test_store.h"

namespace limen::store {
namespace {

struct Ack {
  int64_t event_sequence;
  int64_t audit_sequence;
};

StoreOptions CrashOptions(const std::string& path) {
  StoreOptions options;
  options.path = path;
  options.node_id = "bcp-crash";
  return options;
}

// Runs in the child: writes forever from several threads until killed.
[[noreturn]] void WriteUntilKilled(const std::string& path, int pipe_fd) {
  Result<std::unique_ptr<Store>> opened = OpenStore(CrashOptions(path));
  if (!opened.ok()) _exit(2);
  Store& store = **opened;
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&store, pipe_fd, t] {
      for (int64_t i = 0;; ++i) {
        Ack ack{};
        Status status = store.Write([&](WriteTxn& txn) -> Status {
          std::string payload =
              "{\"thread\":" + std::to_string(t) + ",\"i\":" + std::to_string(i) + "}";
          LIMEN_ASSIGN_OR_RETURN(Event event, txn.AppendEvent({"crash", "crash.write", payload}));
          AuditDraft draft;
          draft.method = "POST";
          draft.route = "/crash";
          draft.record_id = std::to_string(event.sequence);
          LIMEN_ASSIGN_OR_RETURN(AuditRecord audit, txn.AppendAudit(draft));
          ack = Ack{event.sequence, audit.sequence};
          return Status::Ok();
        });
        if (!status.ok()) _exit(3);
        // 16 bytes < PIPE_BUF, so each write lands whole.
        if (write(pipe_fd, &ack, sizeof ack) != static_cast<ssize_t>(sizeof ack)) _exit(4);
      }
    });
  }
  for (std::thread& writer : writers) writer.join();
  _exit(0);
}

bool ReadAck(int fd, Ack& ack) {
  size_t got = 0;
  auto* bytes = reinterpret_cast<char*>(&ack);
  while (got < sizeof ack) {
    ssize_t n = read(fd, bytes + got, sizeof ack - got);
    if (n <= 0) return false;
    got += static_cast<size_t>(n);
  }
  return true;
}

// One round: start a writer child, kill it after a random delay, return what it acknowledged.
std::vector<Ack> RunAndKill(const std::string& path, std::mt19937& random) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  pid_t child = fork();
  if (child == 0) {
    close(fds[0]);
    WriteUntilKilled(path, fds[1]);
  }
  close(fds[1]);
  std::vector<Ack> acks;
  Ack ack{};
  EXPECT_TRUE(ReadAck(fds[0], ack)) << "the child acknowledged nothing";
  acks.push_back(ack);
  std::uniform_int_distribution<int> delay_ms(50, 400);
  std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
  kill(child, SIGKILL);
  int wait_status = 0;
  waitpid(child, &wait_status, 0);
  EXPECT_TRUE(WIFSIGNALED(wait_status) && WTERMSIG(wait_status) == SIGKILL)
      << "the child exited by itself with " << wait_status;
  while (ReadAck(fds[0], ack)) acks.push_back(ack);
  close(fds[0]);
  return acks;
}

void ExpectAllPresentAndChainsValid(const std::string& path, const std::vector<Ack>& acks) {
  Result<std::unique_ptr<Store>> reopened = OpenStore(CrashOptions(path));
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  Store& store = **reopened;
  std::set<int64_t> events;
  std::vector<Event> listed = store.ListEvents("", 1, 1'000'000).value();
  for (const Event& event : listed) events.insert(event.sequence);
  std::set<int64_t> audits;
  LIMEN_ASSERT_OK(store.Read([&](ReadTxn& txn) -> Status {
    LIMEN_ASSIGN_OR_RETURN(std::vector<Row> rows, txn.Query("SELECT sequence FROM audit_log"));
    for (const Row& row : rows) audits.insert(row[0].AsInt());
    return Status::Ok();
  }));
  for (const Ack& ack : acks) {
    ASSERT_TRUE(events.contains(ack.event_sequence)) << "lost event " << ack.event_sequence;
    ASSERT_TRUE(audits.contains(ack.audit_sequence)) << "lost audit " << ack.audit_sequence;
  }
  ChainReport event_report = store.VerifyEventLog().value();
  EXPECT_TRUE(event_report.ok) << event_report.reason;
  EXPECT_EQ(event_report.checked_count, static_cast<int64_t>(events.size()));
  ChainReport audit_report = store.VerifyAuditLog().value();
  EXPECT_TRUE(audit_report.ok) << audit_report.reason;
  // The writer continues the chain after recovery.
  LIMEN_ASSERT_OK(store.Write([](WriteTxn& txn) {
    return txn.AppendEvent({"crash", "crash.recovered", "{}"}).status();
  }));
  EXPECT_TRUE(store.VerifyEventLog()->ok);
}

TEST(CrashTest, AcknowledgedWritesSurviveSigkill) {
  testing::TempDir dir;
  std::string path = dir.File("crash.db");
  std::mt19937 random(std::random_device{}());
  size_t total_acks = 0;
  for (int round = 0; round < 3; ++round) {
    std::vector<Ack> acks = RunAndKill(path, random);
    total_acks += acks.size();
    ExpectAllPresentAndChainsValid(path, acks);
    if (HasFatalFailure()) return;
  }
  EXPECT_GT(total_acks, 3u);
  std::printf("crash test: %zu acknowledged writes checked over 3 kills\n", total_acks);
}

}  // namespace
}  // namespace limen::store
