// SPDX-License-Identifier: MIT (app/voicehost/LICENSE): it loads voices of any licence.
// govox-voicehost - runs one Go voice library for the engine, in a process of its own.
//
// Aims
// - The Go runtime cannot be unloaded and two in one process crash (docs/architecture.md), so each
//   build of a voice gets a process. A panic, a hang or a leak here cannot reach the app.
// - Needs nothing but the ABI header: it maps the region it inherited, loads the library,
//   checks the ABI version the library was built for, and hands the region to the SDK's
//   entry point, which runs until the engine asks it to stop.
// - Every failure before the SDK runs is written into the region's message (and to
//   stderr) with host_state FAILED, so the engine can show the user exactly what went
//   wrong. Failures after that are the SDK's to report; a crash is seen by the engine.
//
// Usage: govox-voicehost --fd N --library PATH [--address-space-mb MB] [--go-memory-mb MB]
#include "engine/abi/govox_abi.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <string>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace {

using AbiVersionFn = std::uint32_t (*)();
using RunFn = int (*)(void* base, std::uint64_t size);

struct Options {
    int fd = -1;
    std::string library;
    std::uint64_t addressSpaceMb = 8192; // bounds a runaway allocation (a 10 GB make)
    std::uint64_t goMemoryMb = 1024;     // GOMEMLIMIT: the GC works harder before that
};

govox_header* header = nullptr;

template <class T>
void storeRelease(T& field, T value) {
    std::atomic_ref<T>(field).store(value, std::memory_order_release);
}

[[noreturn]] void fail(const std::string& message) {
    std::fprintf(stderr, "govox-voicehost: %s\n", message.c_str());
    if (header) {
        const std::size_t n = std::min<std::size_t>(message.size(), GOVOX_MESSAGE_LEN - 1);
        std::memcpy(header->message, message.data(), n);
        header->message[n] = '\0';
        storeRelease(header->host_state, std::uint32_t{GOVOX_HOST_FAILED});
    }
    std::_Exit(1);
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        const char* value = argv[i + 1];
        if (key == "--fd")
            o.fd = std::atoi(value);
        else if (key == "--library")
            o.library = value;
        else if (key == "--address-space-mb")
            o.addressSpaceMb = std::strtoull(value, nullptr, 10);
        else if (key == "--go-memory-mb")
            o.goMemoryMb = std::strtoull(value, nullptr, 10);
        else
            fail("unknown option " + key);
    }
    if (o.fd < 0 || o.library.empty())
        fail("usage: govox-voicehost --fd N --library PATH [--address-space-mb MB] "
             "[--go-memory-mb MB]");
    return o;
}

void mapRegion(int fd) {
    struct stat st{};
    if (fstat(fd, &st) != 0)
        fail("cannot use the region descriptor: " + std::string(std::strerror(errno)));
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (size < sizeof(govox_header)) fail("the region is smaller than a Govox header");
    void* base = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (base == MAP_FAILED) fail("cannot map the region: " + std::string(std::strerror(errno)));
    const govox_layout_error e = govox_layout_validate(static_cast<govox_header*>(base), size);
    if (e != GOVOX_LAYOUT_OK) fail(std::string("cannot attach: ") + govox_layout_error_text(e));
    header = static_cast<govox_header*>(base);
    storeRelease(header->host_pid, static_cast<std::uint32_t>(getpid()));
    storeRelease(header->host_state, std::uint32_t{GOVOX_HOST_STARTING});
}

// AddressSanitizer and ThreadSanitizer reserve terabytes of shadow address space, so an
// address-space limit makes their own allocator fail ("Failed to mmap"). Sanitizer builds
// are test builds; they keep only the Go heap limit.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kAddressLimitPossible = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr bool kAddressLimitPossible = false;
#else
constexpr bool kAddressLimitPossible = true;
#endif
#else
constexpr bool kAddressLimitPossible = true;
#endif

// Limits are set before the Go runtime starts, which happens inside dlopen.
void limitMemory(const Options& o) {
    const rlim_t bytes = static_cast<rlim_t>(o.addressSpaceMb) << 20;
    const rlimit limit{bytes, bytes};
    if (kAddressLimitPossible && o.addressSpaceMb > 0 && setrlimit(RLIMIT_AS, &limit) != 0)
        fail("cannot limit the address space: " + std::string(std::strerror(errno)));
    const std::string goLimit = std::to_string(o.goMemoryMb) + "MiB";
    setenv("GOMEMLIMIT", goLimit.c_str(), 1);
}

} // namespace

// A host must never outlive the engine that reads its rings. PR_SET_PDEATHSIG would fire
// when the engine *thread* that spawned the host ends, which may be long before the
// engine does, so a small thread watches for this process being orphaned instead.
void exitWithParent(pid_t parent) {
    std::thread([parent] {
        while (getppid() == parent) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        std::_Exit(0);
    }).detach();
}

int main(int argc, char** argv) {
    const pid_t parent = getppid();
    exitWithParent(parent);
    const Options o = parse(argc, argv);
    mapRegion(o.fd);
    if (std::atomic_ref<std::uint32_t>(header->engine_pid).load() != std::uint32_t(parent))
        fail("the engine that started this host is gone");
    limitMemory(o);

    void* lib = dlopen(o.library.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!lib) fail("cannot load the voice library: " + std::string(dlerror()));
    auto version = reinterpret_cast<AbiVersionFn>(dlsym(lib, "govox_abi_version"));
    auto run = reinterpret_cast<RunFn>(dlsym(lib, "govox_run"));
    if (!version || !run)
        fail(o.library + " is not a Govox voice (it has no govox_abi_version/govox_run entry "
                         "points): build it from a Go package that imports the Govox SDK");
    const std::uint32_t built = version();
    storeRelease(header->library_abi_version, built);
    if (built != GOVOX_ABI_VERSION)
        fail("the voice library was built for ABI version " + std::to_string(built) +
             ", this Govox speaks version " + std::to_string(GOVOX_ABI_VERSION) +
             ": rebuild the voice with this Govox's SDK");

    const int status = run(header, header->region_size); // returns once shutdown is asked
    storeRelease(header->host_state,
                 std::uint32_t{status == 0 ? GOVOX_HOST_EXITED : GOVOX_HOST_FAILED});
    // The Go runtime cannot be shut down cleanly from C; leave without running
    // destructors or atexit handlers that would race its threads.
    std::_Exit(status);
}
