// internalBinding('os'): what the `os` module reports: host name, kernel, CPUs, memory,
// load, uptime, network interfaces and the current user.
#include <sys/utsname.h>
#include <unistd.h>
#include <uv.h>

#include "runtime/errors.h"
#include "runtime/native/bindings.h"
#include "runtime/runtime.h"
#include "runtime/v8_helpers.h"

namespace lode::runtime {

namespace {

void hostname(const v8::FunctionCallbackInfo<v8::Value>& args) {
  char buffer[UV_MAXHOSTNAMESIZE];
  size_t size = sizeof buffer;
  int err = uv_os_gethostname(buffer, &size);
  if (err != 0) return throw_uv_error(args.GetIsolate(), err, "uv_os_gethostname");
  args.GetReturnValue().Set(to_v8(args.GetIsolate(), std::string_view(buffer, size)));
}

// [sysname, release, version, machine]
void uname(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  struct utsname info {};
  if (::uname(&info) != 0) return throw_uv_error(isolate, -errno, "uname");
  v8::Local<v8::Value> values[] = {to_v8(isolate, info.sysname), to_v8(isolate, info.release),
                                   to_v8(isolate, info.version), to_v8(isolate, info.machine)};
  args.GetReturnValue().Set(v8::Array::New(isolate, values, 4));
}

// [model, speed, user, nice, sys, idle, irq, model, ...] flattened per CPU.
void cpus(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  uv_cpu_info_t* infos = nullptr;
  int count = 0;
  if (uv_cpu_info(&infos, &count) != 0) {
    args.GetReturnValue().Set(v8::Array::New(isolate));
    return;
  }
  std::vector<v8::Local<v8::Value>> values;
  for (int i = 0; i < count; ++i) {
    const uv_cpu_info_t& cpu = infos[i];
    values.push_back(to_v8(isolate, cpu.model ? cpu.model : ""));
    values.push_back(v8::Number::New(isolate, cpu.speed));
    for (uint64_t t : {cpu.cpu_times.user, cpu.cpu_times.nice, cpu.cpu_times.sys, cpu.cpu_times.idle, cpu.cpu_times.irq}) {
      values.push_back(v8::Number::New(isolate, static_cast<double>(t)));
    }
  }
  uv_free_cpu_info(infos, count);
  args.GetReturnValue().Set(v8::Array::New(isolate, values.data(), values.size()));
}

void total_memory(const v8::FunctionCallbackInfo<v8::Value>& args) {
  args.GetReturnValue().Set(static_cast<double>(uv_get_total_memory()));
}

void free_memory(const v8::FunctionCallbackInfo<v8::Value>& args) {
  args.GetReturnValue().Set(static_cast<double>(uv_get_free_memory()));
}

void load_average(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  double load[3];
  uv_loadavg(load);
  v8::Local<v8::Value> values[] = {v8::Number::New(isolate, load[0]), v8::Number::New(isolate, load[1]),
                                   v8::Number::New(isolate, load[2])};
  args.GetReturnValue().Set(v8::Array::New(isolate, values, 3));
}

void uptime(const v8::FunctionCallbackInfo<v8::Value>& args) {
  double seconds = 0;
  uv_uptime(&seconds);
  args.GetReturnValue().Set(seconds);
}

void available_parallelism(const v8::FunctionCallbackInfo<v8::Value>& args) {
  args.GetReturnValue().Set(static_cast<uint32_t>(uv_available_parallelism()));
}

// [name, address, netmask, family, mac, internal, scopeid, ...] flattened per address.
void interface_addresses(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  uv_interface_address_t* addresses = nullptr;
  int count = 0;
  std::vector<v8::Local<v8::Value>> values;
  if (uv_interface_addresses(&addresses, &count) == 0) {
    for (int i = 0; i < count; ++i) {
      const uv_interface_address_t& a = addresses[i];
      char ip[INET6_ADDRSTRLEN] = "";
      char mask[INET6_ADDRSTRLEN] = "";
      bool v6 = a.address.address4.sin_family == AF_INET6;
      if (v6) {
        uv_ip6_name(&a.address.address6, ip, sizeof ip);
        uv_ip6_name(&a.netmask.netmask6, mask, sizeof mask);
      } else {
        uv_ip4_name(&a.address.address4, ip, sizeof ip);
        uv_ip4_name(&a.netmask.netmask4, mask, sizeof mask);
      }
      char mac[18];
      std::snprintf(mac, sizeof mac, "%02x:%02x:%02x:%02x:%02x:%02x", static_cast<unsigned char>(a.phys_addr[0]),
                    static_cast<unsigned char>(a.phys_addr[1]), static_cast<unsigned char>(a.phys_addr[2]),
                    static_cast<unsigned char>(a.phys_addr[3]), static_cast<unsigned char>(a.phys_addr[4]),
                    static_cast<unsigned char>(a.phys_addr[5]));
      values.push_back(to_v8(isolate, a.name));
      values.push_back(to_v8(isolate, ip));
      values.push_back(to_v8(isolate, mask));
      values.push_back(to_v8(isolate, v6 ? "IPv6" : "IPv4"));
      values.push_back(to_v8(isolate, mac));
      values.push_back(v8::Boolean::New(isolate, a.is_internal != 0));
      values.push_back(v8::Integer::New(isolate, v6 ? static_cast<int>(a.address.address6.sin6_scope_id) : -1));
    }
    uv_free_interface_addresses(addresses, count);
  }
  args.GetReturnValue().Set(v8::Array::New(isolate, values.data(), values.size()));
}

// [uid, gid, username, homedir, shell]
void user_info(const v8::FunctionCallbackInfo<v8::Value>& args) {
  v8::Isolate* isolate = args.GetIsolate();
  uv_passwd_t pwd{};
  int err = uv_os_get_passwd(&pwd);
  if (err != 0) return throw_uv_error(isolate, err, "uv_os_get_passwd");
  v8::Local<v8::Value> values[] = {
      v8::Integer::New(isolate, static_cast<int>(pwd.uid)), v8::Integer::New(isolate, static_cast<int>(pwd.gid)),
      to_v8(isolate, pwd.username ? pwd.username : ""), to_v8(isolate, pwd.homedir ? pwd.homedir : ""),
      pwd.shell ? to_v8(isolate, pwd.shell).As<v8::Value>() : v8::Null(isolate).As<v8::Value>()};
  uv_os_free_passwd(&pwd);
  args.GetReturnValue().Set(v8::Array::New(isolate, values, 5));
}

}  // namespace

void init_os_binding(Runtime&, v8::Local<v8::Context> context, v8::Local<v8::Object> target) {
  set_method(context, target, "hostname", hostname);
  set_method(context, target, "uname", uname);
  set_method(context, target, "cpus", cpus);
  set_method(context, target, "totalMemory", total_memory);
  set_method(context, target, "freeMemory", free_memory);
  set_method(context, target, "loadAverage", load_average);
  set_method(context, target, "uptime", uptime);
  set_method(context, target, "availableParallelism", available_parallelism);
  set_method(context, target, "interfaceAddresses", interface_addresses);
  set_method(context, target, "userInfo", user_info);
}

}  // namespace lode::runtime
