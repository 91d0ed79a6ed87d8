#include "app/govox/ToneCommand.hpp"

#include "engine/audio/AudioEngine.hpp"
#include "engine/backend/OfflineBackend.hpp"
#include "engine/shm/Region.hpp"
#include "engine/standin/ToneVoiceHost.hpp"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <thread>

namespace govox::app {
namespace {

std::atomic<bool> interrupted{false};

struct ToneOptions {
    audio::EngineConfig engine;
    double frequency = 440.0;
    double seconds = 0.0; // 0: until Ctrl-C
    std::uint32_t ringFrames = 1024;
    QString out;
};

std::shared_ptr<shm::Region> makeRegion(const ToneOptions& o, std::string& error) {
    std::uint32_t capacity = 256;
    while (capacity < 2 * o.ringFrames) capacity *= 2;
    auto r =
        shm::Region::create({.voiceCount = 1,
                             .ringCapacityFrames = capacity,
                             .ringTargetFrames = o.ringFrames,
                             .sampleRate = o.engine.stream.sampleRate,
                             .maxBlockFrames = std::min(o.engine.stream.bufferFrames, capacity)});
    error = r.error;
    return std::move(r.region);
}

// Offline: the host fills the ring before every block, so the file is exact.
class FillBeforeEachBlock final : public backend::BlockGate {
public:
    explicit FillBeforeEachBlock(standin::ToneVoiceHost& host) : host_(host) {}
    bool beforeBlock(std::uint64_t) override {
        host_.fillOnce();
        return true;
    }

private:
    standin::ToneVoiceHost& host_;
};

int renderToFile(const ToneOptions& o) {
    std::string error;
    auto region = makeRegion(o, error);
    if (!region) return std::fprintf(stderr, "govox tone: %s\n", error.c_str()), 1;
    rt::Mixer mixer({.sampleRate = o.engine.stream.sampleRate,
                     .maxBlockFrames = std::max(o.engine.stream.bufferFrames, 256u)});
    auto regionMixer = mixer.makeRegionMixer(*region);
    mixer.add(regionMixer, 0);
    standin::ToneVoiceHost host(*region);
    host.noteOn(0, {.frequency = o.frequency});
    FillBeforeEachBlock gate(host);
    backend::StreamRequest request = o.engine.stream;
    request.outputPath = o.out.toStdString();
    request.offlineFrames =
        static_cast<std::uint64_t>(std::max(o.seconds, 1.0) * o.engine.stream.sampleRate);
    error = backend::renderOfflineToWav(request, mixer, &gate);
    if (!error.empty()) return std::fprintf(stderr, "govox tone: %s\n", error.c_str()), 1;
    std::printf("rendered %.1f s of %.1f Hz to %s\n",
                double(request.offlineFrames) / o.engine.stream.sampleRate, o.frequency,
                request.outputPath.c_str());
    return 0;
}

void printStatusLine(const rt::Mixer& mixer, double elapsed) {
    const rt::MixerStats& s = mixer.stats();
    const float peak = std::max(s.peakLeft.load(), s.peakRight.load());
    const double period = s.periodNs.load();
    const double p99 = s.load.windowP99Ns.load();
    std::printf("%6.1f s  peak %6.1f dBFS  xruns %llu  underruns %llu  callback p99 %.0f us "
                "(%.1f%% of period)\n",
                elapsed, peak > 0 ? 20.0 * std::log10(peak) : -120.0,
                static_cast<unsigned long long>(s.xruns.load()),
                static_cast<unsigned long long>(s.underruns.load()), p99 / 1000.0,
                period > 0 ? 100.0 * p99 / period : 0.0);
    std::fflush(stdout);
}

int playLive(const ToneOptions& o) {
    audio::AudioEngine engine;
    const std::string error = engine.start(o.engine);
    if (!error.empty()) return std::fprintf(stderr, "govox tone: %s\n", error.c_str()), 1;
    const auto& st = engine.status();
    if (!st.notice.empty()) std::fprintf(stderr, "govox tone: %s\n", st.notice.c_str());
    ToneOptions granted = o;
    granted.engine.stream.sampleRate = st.stream.sampleRate;
    std::string regionError;
    std::shared_ptr<shm::Region> region = makeRegion(granted, regionError);
    if (!region) return std::fprintf(stderr, "govox tone: %s\n", regionError.c_str()), 1;
    engine.attach(region, 0);
    standin::ToneVoiceHost host(*region);
    host.startThread();
    host.noteOn(0, {.frequency = o.frequency});
    std::printf("playing %.1f Hz through %s (device '%s', %u Hz, %u-frame buffer), "
                "latency %.1f ms; Ctrl-C stops\n",
                o.frequency, st.stream.backend.c_str(), st.stream.device.c_str(),
                st.stream.sampleRate, st.stream.bufferFrames, engine.latencyMs(o.ringFrames));
    const auto start = std::chrono::steady_clock::now();
    double elapsed = 0.0;
    while (!interrupted.load() && (o.seconds <= 0.0 || elapsed < o.seconds)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        const double now =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (std::floor(now) > std::floor(elapsed)) printStatusLine(*engine.mixer(), now);
        elapsed = now;
        if (!engine.running()) {
            std::fprintf(stderr, "govox tone: the audio stream stopped\n");
            return 1;
        }
    }
    host.noteOff(0);
    std::this_thread::sleep_for(std::chrono::milliseconds(100)); // let the release play
    host.stopThread();
    engine.stop();
    return 0;
}

} // namespace

int runToneCommand(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("govox tone");
    QCommandLineParser p;
    p.setApplicationDescription("Play a test tone through the Govox engine, without a window.");
    p.addHelpOption();
    p.addOptions({
        {"backend", "jack, alsa, pulse or null (default jack, falling back in that order).", "name",
         "jack"},
        {"device", "Output device name (default: the backend's default).", "name"},
        {"rate", "Sample rate in Hz.", "hz", "48000"},
        {"buffer", "Frames per audio callback.", "frames", "128"},
        {"ring", "Ring fill the voice host keeps, in frames.", "frames", "1024"},
        {"frequency", "Tone frequency in Hz.", "hz", "440"},
        {"seconds", "Play this long (default: until Ctrl-C).", "s", "0"},
        {"out", "Render offline into this WAV file instead of playing.", "file.wav"},
        {"no-fallback", "Fail instead of trying another backend."},
    });
    p.process(app);
    ToneOptions o;
    if (!backend::parseBackendKind(p.value("backend").toStdString(), o.engine.backend) ||
        o.engine.backend == backend::BackendKind::Offline) {
        std::fprintf(stderr, "govox tone: unknown backend '%s' (jack, alsa, pulse, null)\n",
                     qPrintable(p.value("backend")));
        return 2;
    }
    o.engine.fallback = !p.isSet("no-fallback");
    o.engine.stream.device = p.value("device").toStdString();
    o.engine.stream.sampleRate = p.value("rate").toUInt();
    o.engine.stream.bufferFrames = p.value("buffer").toUInt();
    o.ringFrames = p.value("ring").toUInt();
    o.frequency = p.value("frequency").toDouble();
    o.seconds = p.value("seconds").toDouble();
    o.out = p.value("out");
    if (o.engine.stream.sampleRate == 0 || o.engine.stream.bufferFrames == 0 || o.ringFrames == 0 ||
        !(o.frequency > 0.0)) {
        std::fprintf(stderr, "govox tone: --rate, --buffer, --ring and --frequency must be "
                             "positive numbers\n");
        return 2;
    }
    if (!o.out.isEmpty()) return renderToFile(o);
    std::signal(SIGINT, [](int) { interrupted.store(true); });
    std::signal(SIGTERM, [](int) { interrupted.store(true); });
    return playLive(o);
}

} // namespace govox::app
