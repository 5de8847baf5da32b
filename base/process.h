// Child processes: start a program with an explicit argv, environment and working
// directory, feed its stdin, capture or pass through its output, and report how it ended.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "base/environment.h"
#include "base/error.h"
#include "base/fs.h"

namespace lode {

enum class Stdio {
  kInherit,  // the child writes to (or reads from) our own stream
  kCapture,  // collected into ProcessResult (stdin: fed from ProcessSpec::stdin_data)
  kNull,     // /dev/null
};

struct ProcessSpec {
  // argv[0] without a '/' is looked up in the PATH of `env` (or of this process).
  std::vector<std::string> argv;
  std::optional<Environment> env;  // nullopt: the child inherits this process's environment
  fs::path cwd;                    // empty: this process's working directory
  Stdio stdin_mode = Stdio::kInherit;
  Stdio stdout_mode = Stdio::kInherit;
  Stdio stderr_mode = Stdio::kInherit;
  std::string stdin_data;  // written to the child when stdin_mode is kCapture
  // The child is killed (SIGKILL) when it runs longer than this.
  std::optional<std::chrono::milliseconds> timeout;
};

struct ProcessResult {
  int exit_code = 0;      // valid when signal == 0
  int signal = 0;         // the signal that ended the child, or 0
  bool timed_out = false;
  std::string stdout_text;
  std::string stderr_text;

  bool succeeded() const { return signal == 0 && exit_code == 0; }
  // The shell's view: the exit code, or 128 + the signal number.
  int shell_status() const { return signal ? 128 + signal : exit_code; }
};

// A started child process that the caller waits for (or kills) later: a server a test
// talks to, or a script whose signals lode forwards.
class ChildProcess {
 public:
  // Starts the process. Only Stdio::kCapture of stdout is supported for reading (see
  // read_stdout_line); captured stdin/stderr are not available here.
  static Result<ChildProcess> spawn(const ProcessSpec& spec);
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&& other) = delete;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  // Kills (SIGKILL) and reaps the child if it is still running.
  ~ChildProcess();

  int pid() const { return pid_; }
  // One line of the child's captured stdout, without the newline; nullopt on end of file
  // or when `timeout` passes first.
  std::optional<std::string> read_stdout_line(std::chrono::milliseconds timeout);
  // Sends `signal` (no effect after the child was reaped).
  void kill(int signal);
  // Waits for the child to end; the result's output fields are empty.
  Result<ProcessResult> wait();

 private:
  ChildProcess(int pid, int stdout_fd) : pid_(pid), stdout_fd_(stdout_fd) {}
  int pid_ = -1;
  int stdout_fd_ = -1;
  std::string buffered_;
};

// A process started to outlive this one (spawn_detached). Destroying this object closes
// the only writer of the process's stdin, which then reads end of file; it neither waits
// for nor kills the process.
class DetachedProcess {
 public:
  DetachedProcess(DetachedProcess&& other) noexcept : stdin_writer_(other.stdin_writer_) { other.stdin_writer_ = -1; }
  DetachedProcess& operator=(DetachedProcess&& other) noexcept;
  DetachedProcess(const DetachedProcess&) = delete;
  DetachedProcess& operator=(const DetachedProcess&) = delete;
  ~DetachedProcess();

 private:
  friend Result<DetachedProcess> spawn_detached(const ProcessSpec& spec);
  explicit DetachedProcess(int stdin_writer) : stdin_writer_(stdin_writer) {}
  int stdin_writer_ = -1;
};

// Starts `spec` in a session of its own (a terminal's Ctrl-C and hangup do not reach it),
// with no descriptor of ours but its stdin: a pipe whose write end only the returned
// object holds (not inherited by later children), so the process can wait for this one to
// be done by reading to end of file, which comes when the object is destroyed or this
// process ends. stdin_mode is ignored; stdout/stderr as the spec says (kCapture is not
// supported: use kNull). It stays this process's child: one that ends first waits unreaped
// until this process ends, so start it from processes that end soon. Fails (kNotFound /
// kProcess) when it cannot be started.
Result<DetachedProcess> spawn_detached(const ProcessSpec& spec);

// Runs the process to completion. Fails (kNotFound / kProcess) only when it cannot be
// started; a non-zero exit is a normal result. The caller must ignore SIGPIPE (lode's main
// does), or a child that exits before reading all of stdin_data kills this process.
Result<ProcessResult> run_process(const ProcessSpec& spec);

// Runs the process in the foreground with lode's own stdio, the way a shell runs a
// command: SIGINT, SIGTERM, SIGHUP and SIGQUIT that other processes send lode go on to
// the child (a terminal's Ctrl-C already reaches the whole process group, so it is not
// sent twice), and lode waits. Returns the child's shell status (128 + signal when a
// signal ended it). Only `argv`, `env` and `cwd` of the spec are used.
Result<int> run_foreground(const ProcessSpec& spec);

// Ends this process the way a child that returned `shell_status` ended: by the same
// signal (re-raised with its default action), or with the same exit code. Never returns.
[[noreturn]] void exit_like(int shell_status);

// Replaces this process with `spec` (execve), after flushing stdio. Returns only on
// failure, with the reason.
Error exec_process(const ProcessSpec& spec);

// The absolute path of `program` found in `path_variable` (a colon-separated PATH), or
// nullopt when no executable of that name is there.
std::optional<fs::path> find_in_path(std::string_view program, std::string_view path_variable);

}  // namespace lode
