#include "cache/index_writer.h"

#include <string>
#include <utility>
#include <vector>

#include "base/strings.h"

namespace lode {

IndexWriter::IndexWriter(Open open) : open_(std::move(open)) {}

IndexWriter::~IndexWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void IndexWriter::post(Write write) {
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(write));
    if (!thread_.joinable()) thread_ = std::thread([this] { work(); });
    // The writer waits for a first write, or gathers until a full batch: other posts
    // would only wake it to wait again.
    wake = queue_.size() == 1 || queue_.size() == kMaxBatch;
  }
  if (wake) wake_.notify_one();
}

Result<void> IndexWriter::flush() {
  std::unique_lock lock(mutex_);
  ++flushes_waiting_;
  wake_.notify_one();
  idle_.wait(lock, [this] { return queue_.empty() && !writing_; });
  --flushes_waiting_;
  if (!failure_) return {};
  Error error = std::move(*failure_);
  size_t lost = writes_failed_;
  failure_.reset();
  writes_failed_ = 0;
  error.message = "cannot record " + plural(lost, "entry", "entries") + " in the cache index: " + error.message;
  return std::unexpected(std::move(error));
}

void IndexWriter::note_failure(const Error& error, size_t writes) {
  std::lock_guard lock(mutex_);
  if (!failure_) failure_ = error;
  writes_failed_ += writes;
}

size_t IndexWriter::commits() const {
  std::lock_guard lock(mutex_);
  return commits_;
}

void IndexWriter::work() {
  while (true) {
    std::vector<Write> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything is written
      wake_.wait_for(lock, kGatherTime,
                     [this] { return stopping_ || flushes_waiting_ > 0 || queue_.size() >= kMaxBatch; });
      batch.reserve(queue_.size());
      for (Write& write : queue_) batch.push_back(std::move(write));
      queue_.clear();
      writing_ = true;
    }
    write_batch(batch);
    batch.clear();  // what the writes held (documents) goes before the waiters wake
    {
      std::lock_guard lock(mutex_);
      writing_ = false;
      if (queue_.empty()) idle_.notify_all();
    }
  }
}

void IndexWriter::write_batch(std::vector<Write>& batch) {
  if (!index_) {
    Result<CacheIndex> opened = open_();
    if (!opened) return note_failure(opened.error(), batch.size());
    index_.emplace(std::move(*opened));
  }
  Result<Transaction> transaction = Transaction::begin(index_->database());
  if (!transaction) return note_failure(transaction.error(), batch.size());
  size_t failed = 0;
  for (Write& write : batch) {
    // Each write is a savepoint of the batch: a failing one leaves nothing behind.
    Result<Transaction> each = Transaction::begin(index_->database());
    Result<void> written = each ? write(*index_) : Result<void>(std::unexpected(each.error()));
    if (written) written = each->commit();
    if (!written) {
      note_failure(written.error(), 1);
      ++failed;
    }
  }
  if (Result<void> committed = transaction->commit(); !committed) {
    note_failure(committed.error(), batch.size() - failed);
  }
  std::lock_guard lock(mutex_);
  ++commits_;
}

}  // namespace lode
