#include "runtime/runtime.h"

#include <algorithm>

#include "resolver/module_resolver.h"
#include "resolver/package_locator.h"
#include "runtime/builtins.h"
#include "runtime/code_cache.h"
#include "runtime/errors.h"
#include "runtime/esm_loader.h"
#include "runtime/native/bindings.h"
#include "runtime/v8_helpers.h"

namespace lode::runtime {

namespace {

std::vector<std::string> strings_of(int32_t count, const char* const* values) {
  std::vector<std::string> out;
  for (int32_t i = 0; values && i < count; ++i) out.emplace_back(values[i] ? values[i] : "");
  return out;
}

void on_promise_reject(v8::PromiseRejectMessage message) {
  v8::Local<v8::Promise> promise = message.GetPromise();
  v8::Isolate* isolate = promise->GetIsolate();
  Runtime& runtime = Runtime::from(isolate);
  if (runtime.exiting()) return;
  v8::Local<v8::Function> handler = runtime.hook(Hook::kPromiseReject);
  if (handler.IsEmpty()) return;
  v8::Local<v8::Value> reason = message.GetValue();
  if (reason.IsEmpty()) reason = v8::Undefined(isolate);
  v8::Local<v8::Value> args[] = {v8::Integer::New(isolate, message.GetEvent()), promise, reason};
  v8::TryCatch try_catch(isolate);
  ignore_result(handler->Call(runtime.context(), v8::Undefined(isolate), 3, args));
}

void internal_binding(const v8::FunctionCallbackInfo<v8::Value>& args) {
  Runtime& runtime = Runtime::from(args);
  std::string name = string_arg(args, 0);
  v8::Local<v8::Object> binding;
  if (runtime.binding(name).ToLocal(&binding)) args.GetReturnValue().Set(binding);
}

}  // namespace

RuntimeOptions RuntimeOptions::from_request(const LodeRuntimeRequest& request) {
  RuntimeOptions options;
  options.mode = request.mode;
  options.source = request.source ? request.source : "";
  options.source_name = request.source_name ? request.source_name : "[eval]";
  options.script = request.script ? request.script : "";
  options.args = strings_of(request.argc, request.argv);
  options.exec_path = request.exec_path ? request.exec_path : "";
  options.argv0 = request.argv0 ? request.argv0 : options.exec_path;
  options.exec_argv = strings_of(request.exec_argc, request.exec_argv);
  options.env = strings_of(request.envc, request.envp);
  options.cwd = request.cwd ? fs::path(request.cwd) : fs::path("/");
  options.cache_dir = request.cache_dir ? fs::path(request.cache_dir) : fs::path();
  options.as_node = (request.flags & kLodeRuntimeAsNode) != 0;
  return options;
}

std::optional<std::string> RuntimeOptions::getenv(std::string_view name) const {
  for (const std::string& entry : env) {
    if (entry.size() > name.size() && entry.compare(0, name.size(), name) == 0 && entry[name.size()] == '=') {
      return entry.substr(name.size() + 1);
    }
  }
  return std::nullopt;
}

Runtime::Runtime(v8::Isolate* isolate, RuntimeOptions options) : isolate_(isolate), options_(std::move(options)) {
  isolate_->SetData(0, this);
  for (const std::string& entry : options_.env) {
    size_t equals = entry.find('=');
    if (equals != std::string::npos && equals > 0) env_.emplace(entry.substr(0, equals), entry.substr(equals + 1));
  }
  isolate_->SetMicrotasksPolicy(v8::MicrotasksPolicy::kExplicit);
  isolate_->SetPromiseRejectCallback(on_promise_reject);
  v8::HandleScope scope(isolate_);
  v8::Local<v8::Context> context = v8::Context::New(isolate_);
  context_.Reset(isolate_, context);
  loop_ = std::make_unique<EventLoop>(*this);
  tick_info_ = v8::ArrayBuffer::NewBackingStore(isolate_, 2);
  tick_info()[0] = tick_info()[1] = 0;

  locator_ = resolver::make_package_locator(options_.cwd);
  resolver::ResolverOptions resolver_options;
  std::optional<std::string> node_path = options_.getenv("NODE_PATH");
  std::optional<std::string> home = options_.getenv("HOME");
  resolver_options.global_folders = resolver::global_folders(
      node_path ? std::optional<std::string_view>(*node_path) : std::nullopt,
      home ? std::optional<std::string_view>(*home) : std::nullopt, options_.exec_path, options_.cwd);
  resolver_options.is_builtin = [this](std::string_view name, bool with_scheme) {
    return is_builtin_module_name(*builtins_, name, with_scheme);
  };
  resolver_options.preserve_symlinks = options_.getenv("NODE_PRESERVE_SYMLINKS").value_or("") == "1";
  resolver_ = std::make_unique<resolver::ModuleResolver>(*locator_, std::move(resolver_options));
  bool cache_off = options_.getenv("LODE_CODE_CACHE").value_or("") == "0";
  code_cache_ = std::make_unique<CodeCache>(cache_off ? fs::path() : options_.cache_dir);
  builtins_ = std::make_unique<BuiltinLoader>(*this);
  esm_ = std::make_unique<EsmLoader>(*this);
}

Runtime::~Runtime() {
  exiting_ = true;  // callbacks still queued on the loop must not call into JavaScript
  for (auto it = cleanups_.rbegin(); it != cleanups_.rend(); ++it) (*it)();
  cleanups_.clear();
  esm_.reset();
  for (auto& hook : hooks_) hook.Reset();
  bindings_.clear();
  loop_.reset();
  context_.Reset();
  isolate_->SetData(0, nullptr);
}

void Runtime::set_hook(Hook hook, v8::Local<v8::Function> function) {
  hooks_[static_cast<size_t>(hook)].Reset(isolate_, function);
}

v8::Local<v8::Function> Runtime::hook(Hook hook) const {
  return hooks_[static_cast<size_t>(hook)].Get(isolate_);
}

v8::Local<v8::Uint8Array> Runtime::tick_info_array() {
  return v8::Uint8Array::New(v8::ArrayBuffer::New(isolate_, tick_info_), 0, 2);
}

void Runtime::add_cleanup(std::function<void()> cleanup) { cleanups_.push_back(std::move(cleanup)); }

v8::MaybeLocal<v8::Object> Runtime::binding(std::string_view name) {
  v8::EscapableHandleScope scope(isolate_);
  if (auto it = bindings_.find(name); it != bindings_.end()) return scope.Escape(it->second.Get(isolate_));
  const BindingEntry* entry = find_binding(name);
  if (!entry) {
    throw_error(isolate_, ErrorType::kError, "ERR_INVALID_MODULE", "No such binding: " + std::string(name));
    return {};
  }
  v8::Local<v8::Context> context = this->context();
  v8::Local<v8::Object> target = v8::Object::New(isolate_);
  entry->init(*this, context, target);
  bindings_.emplace(std::string(name), v8::Global<v8::Object>(isolate_, target));
  return scope.Escape(target);
}

v8::MaybeLocal<v8::Value> Runtime::call_from_loop(v8::Local<v8::Function> function, v8::Local<v8::Value> receiver,
                                                  std::span<v8::Local<v8::Value>> args) {
  if (exiting_ || function.IsEmpty()) return {};
  v8::EscapableHandleScope scope(isolate_);
  v8::MaybeLocal<v8::Value> result;
  {
    v8::TryCatch try_catch(isolate_);
    result = function->Call(context(), receiver, static_cast<int>(args.size()), args.data());
    if (result.IsEmpty()) {
      if (exiting_ || !try_catch.CanContinue()) return {};
      handle_uncaught(try_catch.Exception(), try_catch.Message(), false);
    }
  }
  drain_ticks();
  v8::Local<v8::Value> value;
  if (!result.ToLocal(&value)) return {};
  return scope.Escape(value);
}

void Runtime::drain_ticks() {
  if (exiting_) return;
  v8::HandleScope scope(isolate_);
  uint8_t* info = tick_info();
  if (info[0] == 0 && info[1] == 0) {
    isolate_->PerformMicrotaskCheckpoint();
    if (exiting_) return;
  }
  v8::Local<v8::Function> process_ticks = hook(Hook::kProcessTicks);
  while (!exiting_ && (info[0] != 0 || info[1] != 0) && !process_ticks.IsEmpty()) {
    v8::TryCatch try_catch(isolate_);
    v8::Local<v8::Value> ignored;
    if (process_ticks->Call(context(), v8::Undefined(isolate_), 0, nullptr).ToLocal(&ignored)) break;
    if (exiting_ || !try_catch.CanContinue()) return;
    handle_uncaught(try_catch.Exception(), try_catch.Message(), false);
  }
}

void Runtime::handle_uncaught(v8::Local<v8::Value> error, v8::Local<v8::Message> message, bool from_promise) {
  if (exiting_) return;
  v8::HandleScope scope(isolate_);
  v8::Local<v8::Context> context = this->context();
  if (message.IsEmpty()) message = v8::Exception::CreateMessage(isolate_, error);
  v8::Local<v8::Function> handler = hook(Hook::kFatalException);
  if (handler.IsEmpty() || handling_fatal_) {
    // Before the bootstrap finished, or an 'uncaughtException' listener threw.
    print_fatal_error(*this, error, message);
    exit(handling_fatal_ ? 7 : 1);
    return;
  }
  handling_fatal_ = true;
  v8::Local<v8::Value> args[] = {error, v8::Boolean::New(isolate_, from_promise)};
  v8::Local<v8::Value> outcome;
  bool returned;
  {
    v8::TryCatch try_catch(isolate_);
    returned = handler->Call(context, v8::Undefined(isolate_), 2, args).ToLocal(&outcome);
    if (!returned && !exiting_ && try_catch.CanContinue()) {
      handling_fatal_ = false;
      print_fatal_error(*this, try_catch.Exception(), try_catch.Message());
      exit(7);
      return;
    }
  }
  handling_fatal_ = false;
  if (exiting_ || !returned) return;
  if (outcome->IsTrue()) return;  // a listener took it
  print_fatal_error(*this, error, message);
  int code = outcome->IsNumber() ? static_cast<int>(outcome.As<v8::Number>()->Value()) : 1;
  exit(code == 0 ? 1 : code);
}

void Runtime::exit(int code) {
  if (exiting_) return;
  exiting_ = true;
  exit_code_ = code;
  isolate_->TerminateExecution();
  loop_->stop();
}

void Runtime::bootstrap() {
  v8::HandleScope scope(isolate_);
  v8::Local<v8::Context> context = this->context();
  v8::Local<v8::FunctionTemplate> process_template = v8::FunctionTemplate::New(isolate_);
  process_template->SetClassName(to_v8(isolate_, "process", true));
  v8::Local<v8::Object> process =
      process_template->GetFunction(context).ToLocalChecked()->NewInstance(context).ToLocalChecked();
  v8::Local<v8::Function> binding_function =
      v8::Function::New(context, internal_binding, {}, 1, v8::ConstructorBehavior::kThrow).ToLocalChecked();
  constexpr std::string_view kParameters[] = {"process", "internalBinding"};
  v8::TryCatch try_catch(isolate_);
  v8::Local<v8::Function> bootstrap;
  v8::Local<v8::Value> args[] = {process, binding_function};
  v8::Local<v8::Value> ignored;
  if (!builtins_->compile("internal/bootstrap", kParameters).ToLocal(&bootstrap) ||
      !bootstrap->Call(context, v8::Undefined(isolate_), 2, args).ToLocal(&ignored)) {
    if (!exiting_) {
      print_fatal_error(*this, try_catch.Exception(), try_catch.Message());
      exit(1);
    }
  }
}

int Runtime::run() {
  v8::HandleScope scope(isolate_);
  v8::Context::Scope context_scope(context());
  bootstrap();
  if (!exiting_) call_from_loop(hook(Hook::kRunMain), v8::Undefined(isolate_), {});
  if (!exiting_) loop_->spin();
  return finish();
}

int Runtime::finish() {
  int code = exit_code_;
  if (!exiting_) {
    v8::TryCatch try_catch(isolate_);
    v8::Local<v8::Function> emit_exit = hook(Hook::kEmitExit);
    v8::Local<v8::Value> result;
    if (!emit_exit.IsEmpty() && emit_exit->Call(context(), v8::Undefined(isolate_), 0, nullptr).ToLocal(&result)) {
      code = result->IsNumber() ? static_cast<int>(result.As<v8::Number>()->Value()) : 0;
    } else if (!exiting_ && try_catch.HasCaught() && try_catch.CanContinue()) {
      handle_uncaught(try_catch.Exception(), try_catch.Message(), false);
      code = exit_code_;
    }
  }
  if (exiting_) code = exit_code_;
  isolate_->CancelTerminateExecution();
  code_cache_->save_pending(isolate_);
  return code;
}

}  // namespace lode::runtime
