#include "base/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <pthread.h>

#include "base/strings.h"

extern char** environ;

namespace lode {

namespace {

// Both ends of a pipe, closed on scope exit unless taken.
struct Pipe {
  int read_end = -1;
  int write_end = -1;
  Pipe() = default;
  Pipe(const Pipe&) = delete;
  Pipe& operator=(const Pipe&) = delete;
  ~Pipe() {
    close_read();
    close_write();
  }
  bool open() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return false;
    read_end = fds[0];
    write_end = fds[1];
    return true;
  }
  void close_read() {
    if (read_end >= 0) ::close(read_end);
    read_end = -1;
  }
  void close_write() {
    if (write_end >= 0) ::close(write_end);
    write_end = -1;
  }
  int take_read() {
    int fd = read_end;
    read_end = -1;
    return fd;
  }
  int take_write() {
    int fd = write_end;
    write_end = -1;
    return fd;
  }
};

// posix_spawn_file_actions_t with RAII.
struct FileActions {
  posix_spawn_file_actions_t actions;
  FileActions() { posix_spawn_file_actions_init(&actions); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  ~FileActions() { posix_spawn_file_actions_destroy(&actions); }
};

bool is_executable_file(const fs::path& path) {
  struct stat info;
  return ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
         ::access(path.c_str(), X_OK) == 0;
}

int64_t remaining_ms(std::chrono::steady_clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  return std::max<int64_t>(0, left.count());
}

struct StdioPipes {
  Pipe in, out, err;
};

enum class Launch {
  kChild,     // in our session, inheriting our descriptors that are not close-on-exec
  kDetached,  // in a session of its own, with no descriptor of ours but stdio
};

// Starts the child with the requested redirections. Leaves in `pipes` only our ends:
// in.write_end, out.read_end, err.read_end (for the streams set to kCapture).
Result<pid_t> start(const ProcessSpec& spec, StdioPipes& pipes, Launch launch = Launch::kChild) {
  if (spec.argv.empty()) return fail(ErrorCode::kInternal, "run_process: empty argv");

  std::string path_variable;
  if (spec.env) {
    path_variable = std::string(spec.env->get("PATH").value_or("/usr/bin:/bin"));
  } else if (const char* path = ::getenv("PATH")) {
    path_variable = path;
  }
  fs::path program = spec.argv[0];
  if (spec.argv[0].find('/') == std::string::npos) {
    auto found = find_in_path(spec.argv[0], path_variable);
    if (!found) {
      return fail(ErrorCode::kNotFound, "command not found: " + spec.argv[0], "PATH=" + path_variable);
    }
    program = *found;
  }

  FileActions files;
  auto redirect = [&](Stdio mode, Pipe& pipe, int target, bool child_reads) -> bool {
    switch (mode) {
      case Stdio::kInherit: return true;
      case Stdio::kNull:
        return posix_spawn_file_actions_addopen(&files.actions, target, "/dev/null",
                                                child_reads ? O_RDONLY : O_WRONLY, 0) == 0;
      case Stdio::kCapture:
        if (!pipe.open()) return false;
        return posix_spawn_file_actions_adddup2(&files.actions,
                                                child_reads ? pipe.read_end : pipe.write_end,
                                                target) == 0;
    }
    return false;
  };
  if (!redirect(spec.stdin_mode, pipes.in, STDIN_FILENO, true) ||
      !redirect(spec.stdout_mode, pipes.out, STDOUT_FILENO, false) ||
      !redirect(spec.stderr_mode, pipes.err, STDERR_FILENO, false)) {
    return std::unexpected(system_error(ErrorCode::kProcess, "cannot set up child process pipes",
                                        spec.argv[0], errno));
  }
  if (!spec.cwd.empty() &&
      posix_spawn_file_actions_addchdir_np(&files.actions, spec.cwd.c_str()) != 0) {
    return std::unexpected(system_error(ErrorCode::kProcess, "cannot set working directory",
                                        spec.cwd.string(), errno));
  }
  // Another thread may open a descriptor without close-on-exec while we spawn: a detached
  // process holding a pipe of ours could keep someone waiting for its end of file.
  if (launch == Launch::kDetached && posix_spawn_file_actions_addclosefrom_np(&files.actions, STDERR_FILENO + 1) != 0) {
    return std::unexpected(system_error(ErrorCode::kProcess, "cannot set up child process", spec.argv[0], errno));
  }

  std::vector<std::string> env_entries;
  std::vector<char*> envp;
  char** child_env = environ;
  if (spec.env) {
    env_entries = spec.env->to_entries();
    for (std::string& entry : env_entries) envp.push_back(entry.data());
    envp.push_back(nullptr);
    child_env = envp.data();
  }
  std::vector<char*> argv;
  for (const std::string& arg : spec.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);

  // lode ignores SIGPIPE; a child must start with the default (or `yes | head` hangs).
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  short flags = POSIX_SPAWN_SETSIGDEF;
  if (launch == Launch::kDetached) flags |= POSIX_SPAWN_SETSID;
  posix_spawnattr_setflags(&attributes, flags);
  // Buffered output written before the child starts must appear before the child's.
  std::fflush(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, program.c_str(), &files.actions, &attributes, argv.data(), child_env);
  posix_spawnattr_destroy(&attributes);
  if (rc != 0) {
    return std::unexpected(system_error(rc == ENOENT ? ErrorCode::kNotFound : ErrorCode::kProcess,
                                        "cannot start " + spec.argv[0], program.string(), rc));
  }
  // The child has its copies; ours must close so we see end-of-file.
  pipes.in.close_read();
  pipes.out.close_write();
  pipes.err.close_write();
  return pid;
}

// Reaps `pid`, killing it when `deadline` passes (if one is given).
Result<int> reap(pid_t pid, std::optional<std::chrono::steady_clock::time_point> deadline,
                 bool& timed_out, const std::string& name) {
  int status = 0;
  int flags = deadline ? WNOHANG : 0;
  while (true) {
    pid_t waited = ::waitpid(pid, &status, flags);
    if (waited == pid) return status;
    if (waited < 0 && errno != EINTR) {
      return std::unexpected(system_error(ErrorCode::kProcess, "cannot wait for child process", name, errno));
    }
    if (waited == 0) {
      if (remaining_ms(*deadline) == 0) {
        timed_out = true;
        ::kill(pid, SIGKILL);
        flags = 0;
      } else {
        ::poll(nullptr, 0, static_cast<int>(std::min<int64_t>(remaining_ms(*deadline), 10)));
      }
    }
  }
}

void fill_status(ProcessResult& result, int status) {
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
}

}  // namespace

namespace {

constexpr int kForwardedSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

// argv[0] looked up in the PATH the child will have.
Result<fs::path> program_path(const ProcessSpec& spec) {
  if (spec.argv.empty()) return fail(ErrorCode::kInternal, "empty argv");
  if (spec.argv[0].find('/') != std::string::npos) return fs::path(spec.argv[0]);
  std::string path_variable =
      spec.env ? std::string(spec.env->get("PATH").value_or("/usr/bin:/bin")) : std::string(::getenv("PATH") ? ::getenv("PATH") : "");
  auto found = find_in_path(spec.argv[0], path_variable);
  if (!found) return fail(ErrorCode::kNotFound, "command not found: " + spec.argv[0], "PATH=" + path_variable);
  return *found;
}

}  // namespace

Result<int> run_foreground(const ProcessSpec& spec) {
  Result<fs::path> program = program_path(spec);
  if (!program) return std::unexpected(program.error());
  // Block the signals we forward (and SIGCHLD) and take them with sigwaitinfo: no handler
  // and no global state; the child starts with everything unblocked and at defaults.
  sigset_t waited;
  sigemptyset(&waited);
  for (int signal : kForwardedSignals) sigaddset(&waited, signal);
  sigaddset(&waited, SIGCHLD);
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &waited, &previous);

  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none;
  sigemptyset(&none);
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int signal : kForwardedSignals) sigaddset(&defaults, signal);
  sigaddset(&defaults, SIGPIPE);  // lode ignores SIGPIPE; its children must not inherit that
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  if (!spec.cwd.empty()) posix_spawn_file_actions_addchdir_np(&files, spec.cwd.c_str());
  std::vector<std::string> env_entries;
  std::vector<char*> envp;
  char** child_env = environ;
  if (spec.env) {
    env_entries = spec.env->to_entries();
    for (std::string& entry : env_entries) envp.push_back(entry.data());
    envp.push_back(nullptr);
    child_env = envp.data();
  }
  std::vector<char*> argv;
  for (const std::string& arg : spec.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  std::fflush(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, program->c_str(), &files, &attributes, argv.data(), child_env);
  posix_spawn_file_actions_destroy(&files);
  posix_spawnattr_destroy(&attributes);
  if (rc != 0) {
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return std::unexpected(system_error(ErrorCode::kProcess, "cannot start " + spec.argv[0], program->string(), rc));
  }
  int status = 0;
  while (true) {
    siginfo_t info{};
    int signal = sigwaitinfo(&waited, &info);
    if (signal < 0) continue;  // EINTR
    if (signal == SIGCHLD) {
      pid_t done = ::waitpid(pid, &status, WNOHANG);
      if (done == pid) break;
      continue;
    }
    // Signals from the terminal (the kernel) reached the child's process group already.
    if (info.si_code == SI_USER || info.si_code == SI_QUEUE) ::kill(pid, signal);
  }
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}

void exit_like(int shell_status) {
  std::fflush(nullptr);
  if (shell_status > 128 && shell_status < 128 + 65) {
    int signal = shell_status - 128;
    ::signal(signal, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, signal);
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    ::raise(signal);
  }
  std::_Exit(shell_status);
}

Error exec_process(const ProcessSpec& spec) {
  Result<fs::path> program = program_path(spec);
  if (!program) return program.error();
  if (!spec.cwd.empty() && ::chdir(spec.cwd.c_str()) != 0) {
    return system_error(ErrorCode::kProcess, "cannot enter", spec.cwd.string(), errno);
  }
  std::vector<std::string> env_entries = spec.env ? spec.env->to_entries() : Environment::from_process().to_entries();
  std::vector<char*> envp;
  for (std::string& entry : env_entries) envp.push_back(entry.data());
  envp.push_back(nullptr);
  std::vector<char*> argv;
  for (const std::string& arg : spec.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  std::fflush(nullptr);
  // lode ignores SIGPIPE for itself; the program it becomes gets the default back.
  ::signal(SIGPIPE, SIG_DFL);
  ::execve(program->c_str(), argv.data(), envp.data());
  int errnum = errno;
  ::signal(SIGPIPE, SIG_IGN);
  return system_error(ErrorCode::kProcess, "cannot start " + spec.argv[0], program->string(), errnum);
}

std::optional<fs::path> find_in_path(std::string_view program, std::string_view path_variable) {
  for (std::string_view dir : split(path_variable, ':')) {
    // An empty PATH entry means the working directory, as in the shell.
    fs::path candidate = (dir.empty() ? fs::path(".") : fs::path(dir)) / program;
    if (is_executable_file(candidate)) return candidate;
  }
  return std::nullopt;
}

Result<ProcessResult> run_process(const ProcessSpec& spec) {
  StdioPipes pipes;
  Result<pid_t> pid = start(spec, pipes);
  if (!pid) return std::unexpected(pid.error());
  Pipe& in = pipes.in;
  Pipe& out = pipes.out;
  Pipe& err = pipes.err;

  ProcessResult result;
  size_t stdin_written = 0;
  if (spec.stdin_mode == Stdio::kCapture && spec.stdin_data.empty()) in.close_write();
  if (in.write_end >= 0) ::fcntl(in.write_end, F_SETFL, O_NONBLOCK);
  std::optional<std::chrono::steady_clock::time_point> deadline;
  if (spec.timeout) deadline = std::chrono::steady_clock::now() + *spec.timeout;

  while (!result.timed_out && (in.write_end >= 0 || out.read_end >= 0 || err.read_end >= 0)) {
    std::array<pollfd, 3> fds{};
    nfds_t count = 0;
    if (in.write_end >= 0) fds[count++] = {in.write_end, POLLOUT, 0};
    if (out.read_end >= 0) fds[count++] = {out.read_end, POLLIN, 0};
    if (err.read_end >= 0) fds[count++] = {err.read_end, POLLIN, 0};
    int wait_ms = deadline ? static_cast<int>(std::min<int64_t>(remaining_ms(*deadline), 1 << 30)) : -1;
    int ready = ::poll(fds.data(), count, wait_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) {
      result.timed_out = true;
      ::kill(*pid, SIGKILL);
      break;
    }
    for (nfds_t i = 0; i < count; ++i) {
      if (!fds[i].revents) continue;
      if (fds[i].fd == in.write_end) {
        ssize_t n = ::write(in.write_end, spec.stdin_data.data() + stdin_written,
                            spec.stdin_data.size() - stdin_written);
        if (n > 0) stdin_written += static_cast<size_t>(n);
        if ((n < 0 && errno != EAGAIN && errno != EINTR) || stdin_written == spec.stdin_data.size()) {
          in.close_write();
        }
        continue;
      }
      bool is_out = fds[i].fd == out.read_end;
      char buffer[65536];
      ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        (is_out ? result.stdout_text : result.stderr_text).append(buffer, static_cast<size_t>(n));
      } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
        (is_out ? out : err).close_read();
      }
    }
  }

  Result<int> status = reap(*pid, deadline, result.timed_out, spec.argv[0]);
  if (!status) return std::unexpected(status.error());
  fill_status(result, *status);
  return result;
}

Result<ChildProcess> ChildProcess::spawn(const ProcessSpec& spec) {
  StdioPipes pipes;
  Result<pid_t> pid = start(spec, pipes);
  if (!pid) return std::unexpected(pid.error());
  return ChildProcess(*pid, pipes.out.take_read());
}

Result<DetachedProcess> spawn_detached(const ProcessSpec& spec) {
  if (spec.stdout_mode == Stdio::kCapture || spec.stderr_mode == Stdio::kCapture) {
    return fail(ErrorCode::kInternal, "spawn_detached: output cannot be captured", spec.argv.empty() ? "" : spec.argv[0]);
  }
  ProcessSpec detached = spec;
  detached.stdin_mode = Stdio::kCapture;
  StdioPipes pipes;
  Result<pid_t> pid = start(detached, pipes, Launch::kDetached);
  if (!pid) return std::unexpected(pid.error());
  return DetachedProcess(pipes.in.take_write());
}

DetachedProcess& DetachedProcess::operator=(DetachedProcess&& other) noexcept {
  if (this != &other) {
    if (stdin_writer_ >= 0) ::close(stdin_writer_);
    stdin_writer_ = other.stdin_writer_;
    other.stdin_writer_ = -1;
  }
  return *this;
}

DetachedProcess::~DetachedProcess() {
  if (stdin_writer_ >= 0) ::close(stdin_writer_);
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(other.pid_), stdout_fd_(other.stdout_fd_), buffered_(std::move(other.buffered_)) {
  other.pid_ = -1;
  other.stdout_fd_ = -1;
}

ChildProcess::~ChildProcess() {
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

std::optional<std::string> ChildProcess::read_stdout_line(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    size_t newline = buffered_.find('\n');
    if (newline != std::string::npos) {
      std::string line = buffered_.substr(0, newline);
      buffered_.erase(0, newline + 1);
      return line;
    }
    if (stdout_fd_ < 0) return std::nullopt;
    pollfd fd{stdout_fd_, POLLIN, 0};
    int ready = ::poll(&fd, 1, static_cast<int>(remaining_ms(deadline)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return std::nullopt;
    char buffer[4096];
    ssize_t n = ::read(stdout_fd_, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(stdout_fd_);
      stdout_fd_ = -1;
      continue;
    }
    buffered_.append(buffer, static_cast<size_t>(n));
  }
}

void ChildProcess::kill(int signal) {
  if (pid_ > 0) ::kill(pid_, signal);
}

Result<ProcessResult> ChildProcess::wait() {
  if (pid_ <= 0) return fail(ErrorCode::kInternal, "wait() on a child that was already reaped");
  bool timed_out = false;
  Result<int> status = reap(pid_, std::nullopt, timed_out, "child " + std::to_string(pid_));
  if (!status) return std::unexpected(status.error());
  pid_ = -1;
  ProcessResult result;
  fill_status(result, *status);
  return result;
}

}  // namespace lode
