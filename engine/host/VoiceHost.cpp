#include "engine/host/VoiceHost.hpp"

#include "engine/abi/SharedAtomic.hpp"

#include <csignal>
#include <thread>

namespace govox::host {
namespace {

std::string boundedString(const char* text, std::size_t max) {
    std::size_t n = 0;
    while (n < max && text[n] != '\0') ++n;
    return std::string(text, n);
}

} // namespace

std::unique_ptr<VoiceHost> VoiceHost::start(const VoiceHostConfig& config, HostProblem& failure) {
    failure = {};
    auto created = shm::Region::create(config.region);
    if (!created.region) {
        failure = {HostHealth::Crashed, "voice '" + config.name + "': " + created.error, {}};
        return nullptr;
    }
    std::shared_ptr<shm::Region> region(std::move(created.region));
    abi::storeRelease(region->header().lockstep,
                      std::uint32_t{config.clock == HostClock::Lockstep ? 1u : 0u});
    std::string error;
    auto process = HostProcess::spawn(
        {config.hostBinary, config.library, region->fd(), config.addressSpaceMb, config.goMemoryMb},
        error);
    if (!process) {
        failure = {HostHealth::Crashed, "voice '" + config.name + "': " + error, {}};
        return nullptr;
    }
    std::unique_ptr<VoiceHost> host(new VoiceHost(config, std::move(region), std::move(process)));
    failure = host->handshake();
    if (failure.health != HostHealth::Running) return nullptr; // the destructor reaps it
    return host;
}

VoiceHost::VoiceHost(const VoiceHostConfig& config, std::shared_ptr<shm::Region> region,
                     std::unique_ptr<HostProcess> process)
    : config_(config), region_(std::move(region)),
      events_(std::make_unique<events::EventSender>(*region_)), process_(std::move(process)),
      lastBeatSeen_(std::chrono::steady_clock::now()) {}

VoiceHost::~VoiceHost() {
    shutdown(std::chrono::milliseconds(500));
}

HostProblem VoiceHost::handshake() {
    const auto deadline = std::chrono::steady_clock::now() + config_.handshakeTimeout;
    for (;;) {
        const std::uint32_t state = abi::loadAcquire(region_->header().host_state);
        if (state == GOVOX_HOST_READY) {
            readParams();
            lastBeat_ = abi::loadAcquire(region_->hostStats().heartbeat);
            lastBeatSeen_ = std::chrono::steady_clock::now();
            return {};
        }
        if (state == GOVOX_HOST_FAILED) {
            process_->waitExit(std::chrono::milliseconds(1000));
            return crashProblem(HostHealth::Crashed, "failed to start");
        }
        if (process_->poll()) return crashProblem(HostHealth::Crashed, "exited while starting");
        if (std::chrono::steady_clock::now() > deadline) {
            process_->kill(SIGKILL);
            process_->waitExit(std::chrono::seconds(5));
            return {HostHealth::Hung,
                    "voice '" + config_.name + "': the voice host did not start within " +
                        std::to_string(config_.handshakeTimeout.count()) + " ms",
                    {}};
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

// The most specific reason there is: the host's message, else a Go crash in its output,
// else how the process ended.
HostProblem VoiceHost::crashProblem(HostHealth health, const std::string& fallback) {
    const std::string message = boundedString(region_->header().message, GOVOX_MESSAGE_LEN);
    const CrashReport crash = parseCrashOutput(process_->output());
    HostProblem p{health, "voice '" + config_.name + "': ", crash.stack};
    if (!message.empty())
        p.message += message;
    else if (!crash.summary.empty())
        p.message += crash.summary;
    else if (process_->exited() && process_->describeExit().rfind("exited with status", 0) == 0)
        p.message += "the voice ended its own process (os.Exit?)";
    else
        p.message += fallback;
    if (crash.summary.find("out of memory") != std::string::npos)
        p.message += "; a voice may use at most " + std::to_string(config_.addressSpaceMb) +
                     " MiB of address space";
    if (process_->exited()) p.message += " (host " + process_->describeExit() + ")";
    return p;
}

HostProblem VoiceHost::check() {
    if (reported_) return HostProblem::stopped();
    if (process_->poll()) {
        reported_ = true;
        if (abi::loadAcquire(region_->header().shutdown_requested)) return HostProblem::stopped();
        return crashProblem(HostHealth::Crashed, "the voice host ended unexpectedly");
    }
    const auto now = std::chrono::steady_clock::now();
    const std::uint64_t beat = abi::loadAcquire(region_->hostStats().heartbeat);
    if (beat != lastBeat_) {
        lastBeat_ = beat;
        lastBeatSeen_ = now;
        return {};
    }
    if (now - lastBeatSeen_ < config_.heartbeatTimeout) return {};
    process_->kill(SIGKILL);
    process_->waitExit(std::chrono::seconds(5));
    reported_ = true;
    return crashProblem(HostHealth::Hung, "the voice host stopped responding (no heartbeat for " +
                                              std::to_string(config_.heartbeatTimeout.count()) +
                                              " ms)");
}

void VoiceHost::shutdown(std::chrono::milliseconds grace) {
    if (process_->exited()) return;
    abi::storeRelease(region_->header().shutdown_requested, std::uint32_t{1});
    events_->wakeHost();
    if (!process_->waitExit(grace)) {
        process_->kill(SIGKILL);
        process_->waitExit(std::chrono::seconds(5));
    }
}

void VoiceHost::readParams() {
    const govox_param_block& pb = region_->params();
    const std::uint32_t count =
        std::min<std::uint32_t>(abi::loadAcquire(pb.count), GOVOX_MAX_PARAMS);
    params_.clear();
    for (std::uint32_t i = 0; i < count; ++i) {
        const govox_param_desc& d = pb.desc[i];
        ParamInfo p;
        p.index = i;
        p.name = boundedString(d.name, GOVOX_NAME_LEN);
        p.unit = boundedString(d.unit, GOVOX_UNIT_LEN);
        p.min = d.min_value;
        p.max = d.max_value;
        p.defaultValue = d.default_value;
        p.curve = d.curve;
        if (!(p.min < p.max)) p.max = p.min + 1; // untrusted: keep ranges usable
        params_.push_back(p);
    }
}

} // namespace govox::host
