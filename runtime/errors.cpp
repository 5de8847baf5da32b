#include "runtime/errors.h"

#include <unistd.h>
#include <uv.h>

#include "runtime/runtime.h"
#include "runtime/v8_helpers.h"

namespace lode::runtime {

v8::Local<v8::Value> make_error(v8::Isolate* isolate, ErrorType type, std::string_view code,
                                std::string_view message) {
  v8::Local<v8::String> text = to_v8(isolate, message);
  v8::Local<v8::Value> error;
  switch (type) {
    case ErrorType::kError: error = v8::Exception::Error(text); break;
    case ErrorType::kTypeError: error = v8::Exception::TypeError(text); break;
    case ErrorType::kRangeError: error = v8::Exception::RangeError(text); break;
    case ErrorType::kSyntaxError: error = v8::Exception::SyntaxError(text); break;
  }
  if (!code.empty() && error->IsObject()) {
    v8::Local<v8::Context> context = isolate->GetCurrentContext();
    v8::Local<v8::Object> object = error.As<v8::Object>();
    if (code.starts_with("ERR_")) {
      // The stack text is made on first access, from the name at that moment.
      v8::Local<v8::String> name_key = to_v8(isolate, "name", true);
      v8::Local<v8::Value> name;
      if (object->Get(context, name_key).ToLocal(&name)) {
        set_value(context, object, "name", to_v8(isolate, to_utf8(isolate, name) + " [" + std::string(code) + "]"));
        ignore_result(object->Get(context, to_v8(isolate, "stack", true)));
        ignore_result(object->Delete(context, name_key));
      }
    }
    set_value(context, object, "code", to_v8(isolate, code));
  }
  return error;
}

namespace {

v8::Local<v8::Private> arrow_key(v8::Isolate* isolate) {
  return v8::Private::ForApi(isolate, to_v8(isolate, "lode:errorArrow", true));
}

}  // namespace

void remember_error_arrow(v8::Isolate* isolate, v8::Local<v8::Context> context, v8::Local<v8::Value> exception,
                          v8::Local<v8::Message> message) {
  if (exception.IsEmpty() || !exception->IsObject() || message.IsEmpty()) return;
  v8::Local<v8::Object> object = exception.As<v8::Object>();
  if (object->HasPrivate(context, arrow_key(isolate)).FromMaybe(true)) return;
  std::string arrow = error_arrow(isolate, context, message);
  if (!arrow.empty()) ignore_result(object->SetPrivate(context, arrow_key(isolate), to_v8(isolate, arrow)));
}

void throw_error(v8::Isolate* isolate, ErrorType type, std::string_view code, std::string_view message) {
  isolate->ThrowException(make_error(isolate, type, code, message));
}

v8::Local<v8::Value> make_uv_error(v8::Isolate* isolate, int err, std::string_view syscall, std::string_view path,
                                   std::string_view dest) {
  std::string code = err < 0 ? uv_err_name(err) : "UNKNOWN";
  std::string message = code + ": " + (err < 0 ? uv_strerror(err) : "unknown error") + ", " + std::string(syscall);
  if (!path.empty()) message += " '" + std::string(path) + "'";
  if (!dest.empty()) message += " -> '" + std::string(dest) + "'";
  v8::Local<v8::Value> error = v8::Exception::Error(to_v8(isolate, message));
  v8::Local<v8::Context> context = isolate->GetCurrentContext();
  v8::Local<v8::Object> object = error.As<v8::Object>();
  set_value(context, object, "errno", v8::Integer::New(isolate, err));
  set_value(context, object, "code", to_v8(isolate, code));
  set_value(context, object, "syscall", to_v8(isolate, syscall));
  if (!path.empty()) set_value(context, object, "path", to_v8(isolate, path));
  if (!dest.empty()) set_value(context, object, "dest", to_v8(isolate, dest));
  return error;
}

void throw_uv_error(v8::Isolate* isolate, int err, std::string_view syscall, std::string_view path,
                    std::string_view dest) {
  isolate->ThrowException(make_uv_error(isolate, err, syscall, path, dest));
}

std::string error_arrow(v8::Isolate* isolate, v8::Local<v8::Context> context, v8::Local<v8::Message> message) {
  if (message.IsEmpty()) return {};
  v8::Local<v8::String> source_line;
  if (!message->GetSourceLine(context).ToLocal(&source_line)) return {};
  std::string line = to_utf8(isolate, source_line);
  std::string resource = to_utf8(isolate, message->GetScriptResourceName());
  int line_number = message->GetLineNumber(context).FromMaybe(0);
  int start = message->GetStartColumn(context).FromMaybe(0);
  int end = message->GetEndColumn(context).FromMaybe(start + 1);
  std::string arrow = resource + ":" + std::to_string(line_number) + "\n" + line + "\n";
  // Columns count UTF-16 units; for the ASCII indentation in front of code that is bytes.
  for (int i = 0; i < start && static_cast<size_t>(i) < line.size(); ++i) arrow += line[static_cast<size_t>(i)] == '\t' ? '\t' : ' ';
  for (int i = start; i < std::max(end, start + 1); ++i) arrow += '^';
  return arrow + "\n";
}

namespace {

void write_stderr(std::string_view text) {
  while (!text.empty()) {
    ssize_t written = ::write(STDERR_FILENO, text.data(), text.size());
    if (written < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return;
    }
    text.remove_prefix(static_cast<size_t>(written));
  }
}

}  // namespace

void print_fatal_error(Runtime& runtime, v8::Local<v8::Value> error, v8::Local<v8::Message> message) {
  v8::Isolate* isolate = runtime.isolate();
  v8::HandleScope scope(isolate);
  v8::Local<v8::Context> context = runtime.context();
  if (message.IsEmpty() && !error.IsEmpty()) message = v8::Exception::CreateMessage(isolate, error);
  std::string text;
  v8::Local<v8::Function> formatter = runtime.hook(Hook::kFormatFatal);
  bool formatted = false;
  if (!formatter.IsEmpty() && !runtime.exiting()) {
    v8::TryCatch try_catch(isolate);
    v8::Local<v8::Value> result;
    v8::Local<v8::Value> arg = error;
    if (formatter->Call(context, v8::Undefined(isolate), 1, &arg).ToLocal(&result) && result->IsString()) {
      text = to_utf8(isolate, result);
      formatted = true;
    }
  }
  if (!formatted) {
    v8::Local<v8::Value> stack;
    if (error->IsObject() && error.As<v8::Object>()->Get(context, to_v8(isolate, "stack")).ToLocal(&stack) &&
        stack->IsString()) {
      text = to_utf8(isolate, stack);
    } else {
      text = to_utf8(isolate, error);
    }
  }
  std::string report;
  v8::Local<v8::Value> remembered;
  if (error->IsObject() && error.As<v8::Object>()->GetPrivate(context, arrow_key(isolate)).ToLocal(&remembered) &&
      remembered->IsString()) {
    report = to_utf8(isolate, remembered);
  } else {
    report = error_arrow(isolate, context, message);
  }
  // An error's stack follows a blank line; other thrown values follow the caret.
  bool has_stack = false;
  if (error->IsObject() && !report.empty()) {
    v8::Local<v8::Value> stack;
    has_stack = error.As<v8::Object>()->Get(context, to_v8(isolate, "stack", true)).ToLocal(&stack) && stack->IsString();
  }
  if (has_stack) report += "\n";
  report += text + "\n";
  write_stderr(report);
}

}  // namespace lode::runtime
