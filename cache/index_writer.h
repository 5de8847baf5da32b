// Writes to the cache index on a thread of its own. A cold install stores hundreds of
// package documents and file lists; copying them into SQLite's log took ~90 ms of the
// main thread in the api app's clean install, while that thread is what turns answers into
// the next requests. The writer has its own connection (WAL lets the main thread's
// connection read meanwhile) and commits what is queued together as one transaction, each
// write a savepoint of it, so a failing write rolls back alone.
//
// A batch gathers for up to kGatherTime after its first write (or until someone flushes):
// each commit writes every page it touched to the log again, and committing whatever was
// queued at each wake-up made ~300 commits of api's lockfile-only install, 5,200 pwrite
// calls to the log and ~2,000 fcntl locks for ~100 pages of data.
//
// Other connections see a write once its batch is committed: whoever must read what it
// wrote calls flush() first (Store does, for the packages it recorded).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "base/error.h"
#include "cache/index.h"

namespace lode {

class IndexWriter {
 public:
  using Write = std::function<Result<void>(CacheIndex&)>;
  using Open = std::function<Result<CacheIndex>()>;

  static constexpr std::chrono::milliseconds kGatherTime{100};
  // A batch is committed at this many writes even before kGatherTime: what it holds
  // (documents' bodies) waits in memory until then.
  static constexpr size_t kMaxBatch = 512;

  // `open` makes the writer's connection, on its thread, when the first write comes; the
  // thread starts then too.
  explicit IndexWriter(Open open);
  // Finishes the writes queued, then stops the thread.
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Queues `write`. Never fails here: failures are told by flush().
  void post(Write write);

  // Waits until every write posted so far is committed. Fails with the first failure
  // since the last flush (the connection that could not open, a write, or a batch's
  // commit), saying how many writes it lost.
  Result<void> flush();

  // How many batches were committed (each one transaction): for tests.
  size_t commits() const;

 private:
  void work();
  void note_failure(const Error& error, size_t writes);
  // Commits `batch` as one transaction, each write a savepoint.
  void write_batch(std::vector<Write>& batch);

  Open open_;
  std::optional<CacheIndex> index_;  // the writer thread's only
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<Write> queue_;
  size_t flushes_waiting_ = 0;  // callers of flush(): the batch is committed at once
  bool writing_ = false;
  bool stopping_ = false;
  size_t commits_ = 0;
  std::optional<Error> failure_;
  size_t writes_failed_ = 0;
  std::thread thread_;
};

}  // namespace lode
