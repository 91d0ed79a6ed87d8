#include "ui/studio/Studio.hpp"

#include <QMetaObject>

#include <algorithm>
#include <filesystem>

namespace govox::ui {
namespace {

SlotState slotState(rt::VoiceDisplayState s, bool crashed) {
    if (crashed && s != rt::VoiceDisplayState::Free) return SlotState::Crashed;
    switch (s) {
    case rt::VoiceDisplayState::Free: return SlotState::Free;
    case rt::VoiceDisplayState::Active: return SlotState::Active;
    case rt::VoiceDisplayState::Releasing: return SlotState::Releasing;
    case rt::VoiceDisplayState::Underrun: return SlotState::Underrun;
    case rt::VoiceDisplayState::Stopped: return SlotState::Stopped;
    }
    return SlotState::Free;
}

} // namespace

// MIDI arrives on RtMidi's thread while the UI may replace the voice: this sink holds the
// Studio's lock for each message.
class StudioMidiSink final : public midi::MidiSink {
public:
    explicit StudioMidiSink(Studio& s) : studio_(s) {}
    void noteOn(std::uint8_t ch, std::uint8_t n, std::uint8_t v) override { studio_.noteOn(n, v, ch); }
    void noteOff(std::uint8_t ch, std::uint8_t n) override { studio_.noteOff(n, ch); }
    void controlChange(std::uint8_t ch, std::uint8_t c, std::uint8_t v) override { studio_.controlChange(c, v, ch); }
    void pitchBend(std::uint8_t ch, std::int32_t b) override { studio_.pitchBend(b, ch); }
    void allNotesOff() override { studio_.panic(); }

private:
    Studio& studio_;
};

Studio::Studio(StudioPaths paths, QObject* parent)
    : QObject(parent), paths_(std::move(paths)), started_(std::chrono::steady_clock::now()) {
    qRegisterMetaType<govox::ui::StudioSnapshot>("govox::ui::StudioSnapshot");
    qRegisterMetaType<govox::session::SessionEvent>("govox::session::SessionEvent");
    connect(&timer_, &QTimer::timeout, this, &Studio::tick);
    timer_.start(33);
}

Studio::~Studio() {
    timer_.stop();
    if (opener_.joinable()) opener_.join();
    midi_.close();
    recorder_.stop();
    {
        std::lock_guard lock(sessionMutex_);
        session_.reset();
    }
    engine_.stop();
}

QString Studio::startAudio(const audio::EngineConfig& config, std::uint32_t ringTargetFrames) {
    recorder_.stop();
    // [params] the voice is reopened on the new stream with the values it had.
    if (session_) {
        carriedDir_ = voiceDir_;
        carriedValues_ = currentValues();
    }
    {
        std::lock_guard lock(sessionMutex_);
        session_.reset(); // its hosts were made for the old stream's rate and block size
    }
    refreshParams(); // [params] no voice until it is reopened
    ringTargetFrames_ = ringTargetFrames;
    const std::string error = engine_.start(config);
    baseRegion_ = 0;
    emit audioRestarted();
    if (!error.empty()) return QString::fromStdString(error);
    if (!voiceDir_.isEmpty()) openVoice(voiceDir_);
    return {};
}

session::VoiceSessionConfig Studio::sessionConfig(const QString& dir) const {
    session::VoiceSessionConfig c;
    c.voiceDir = std::filesystem::absolute(dir.toStdString()).lexically_normal().string();
    c.sdkDir = paths_.sdkDir;
    c.hostBinary = paths_.hostBinary;
    c.buildDir = paths_.buildDir;
    c.ringTargetFrames = ringTargetFrames_;
    return c;
}

void Studio::openVoice(const QString& dir) {
    if (opening_) return;
    if (!engine_.mixer()) {
        emit voiceFailed(dir, tr("the audio engine is not running"));
        return;
    }
    if (opener_.joinable()) opener_.join();
    opening_ = true;
    const session::VoiceSessionConfig config = sessionConfig(dir);
    opener_ = std::thread([this, config, dir] {
        auto s = std::make_unique<session::VoiceSession>(engine_, config);
        const std::string error = s->start();
        if (!error.empty()) s.reset();
        QMetaObject::invokeMethod(this, [this, dir, error, raw = s.release()] {
            adoptSession(std::unique_ptr<session::VoiceSession>(raw), dir, QString::fromStdString(error));
        }, Qt::QueuedConnection);
    });
}

void Studio::adoptSession(std::unique_ptr<session::VoiceSession> s, const QString& dir, const QString& error) {
    opening_ = false;
    if (!s) {
        emit voiceFailed(dir, error);
        return;
    }
    // [params] the same voice opened again keeps its values (by name).
    std::map<std::string, float> carried;
    if (dir == voiceDir_ && session_) carried = currentValues();
    else if (dir == carriedDir_) carried = carriedValues_;
    carriedDir_.clear();
    carriedValues_.clear();
    for (const auto& [name, value] : carried) s->setParam(name, value);
    std::unique_ptr<session::VoiceSession> old;
    {
        std::lock_guard lock(sessionMutex_);
        old = std::move(session_);
        session_ = std::move(s);
    }
    if (old) {
        if (const std::uint32_t id = old->regionId()) engine_.detach(id, 480); // a 10 ms fade
        old.reset();
    }
    voiceDir_ = dir;
    voiceCrashed_ = false;
    refreshParams(); // [params]
    emit voiceOpened(QString::fromStdString(session_->name()));
}

void Studio::markHeld(int note, bool down) {
    if (note < 0 || note > 127) return;
    const std::uint64_t bit = std::uint64_t{1} << (note % 64);
    if (down) held_[note / 64].fetch_or(bit);
    else held_[note / 64].fetch_and(~bit);
}

void Studio::noteOn(int note, int velocity, int channel) {
    markHeld(note, velocity > 0);
    std::lock_guard lock(sessionMutex_);
    if (session_)
        session_->noteOn(static_cast<std::uint8_t>(channel), static_cast<std::uint8_t>(note),
                         static_cast<std::uint8_t>(std::clamp(velocity, 1, 127)));
}

void Studio::noteOff(int note, int channel) {
    markHeld(note, false);
    std::lock_guard lock(sessionMutex_);
    if (session_) session_->noteOff(static_cast<std::uint8_t>(channel), static_cast<std::uint8_t>(note));
}

void Studio::controlChange(int controller, int value, int channel) {
    // [params] a controller mapped by MIDI learn moves its parameter instead of reaching
    // the voice (and the one being learnt is consumed).
    const ui::MidiLearn::Route route = midiLearn_.route(channel, controller, value);
    std::lock_guard lock(sessionMutex_);
    if (!session_) return;
    if (route.consumed) {
        if (!route.param.empty()) session_->setParam(route.param, static_cast<float>(route.value));
        return;
    }
    session_->controlChange(static_cast<std::uint8_t>(channel), static_cast<std::uint8_t>(controller),
                            static_cast<std::uint8_t>(value));
}

void Studio::pitchBend(int bend, int channel) {
    std::lock_guard lock(sessionMutex_);
    if (session_) session_->pitchBend(static_cast<std::uint8_t>(channel), bend);
}

void Studio::panic() {
    held_[0] = 0;
    held_[1] = 0;
    std::lock_guard lock(sessionMutex_);
    if (!session_) return;
    session_->allNotesOff();
    for (std::uint8_t ch = 0; ch < 16; ++ch) {
        session_->controlChange(ch, 64, 0);
        session_->pitchBend(ch, 0);
    }
}

QString Studio::openMidi(const midi::MidiInputConfig& config) {
    if (!midiSink_) midiSink_ = std::make_unique<StudioMidiSink>(*this);
    const QString error = QString::fromStdString(midi_.open(config, *midiSink_));
    if (error.isEmpty() || config.api != midi::MidiApi::Jack) midiServerStopped_ = false;
    return error;
}

QString Studio::startRecording(const QString& path) {
    return QString::fromStdString(recorder_.start(path.toStdString()));
}

QString Studio::stopRecording() { return QString::fromStdString(recorder_.stop()); }

void Studio::resetUnderruns() {
    underrunBase_ += snapshot_.underruns;
    for (std::size_t i = 0; i < snapshot_.voiceSlots.size() && i < slotUnderrunBase_.size(); ++i)
        slotUnderrunBase_[i] += snapshot_.voiceSlots[i].underruns;
}

// --- parameters [params] ------------------------------------------------------------

namespace {

bool sameParams(const std::vector<host::ParamInfo>& a, const std::vector<host::ParamInfo>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const host::ParamInfo& x, const host::ParamInfo& y) {
        return x.index == y.index && x.name == y.name && x.unit == y.unit && x.min == y.min && x.max == y.max &&
               x.defaultValue == y.defaultValue && x.curve == y.curve;
    });
}

} // namespace

void Studio::refreshParams() {
    std::vector<host::ParamInfo> now = session_ ? session_->params() : std::vector<host::ParamInfo>{};
    if (sameParams(now, params_)) return;
    params_ = std::move(now);
    midiLearn_.setParams(params_);
    emit paramsChanged();
}

std::map<std::string, float> Studio::currentValues() {
    std::map<std::string, float> values;
    if (session_)
        for (const host::ParamInfo& p : session_->params()) values[p.name] = session_->paramValue(p.name);
    return values;
}

double Studio::paramValue(const QString& name) {
    const std::string n = name.toStdString();
    for (const host::ParamInfo& p : params_)
        if (QString::fromStdString(p.name).compare(name, Qt::CaseInsensitive) == 0)
            return session_ ? session_->paramValue(n) : p.defaultValue;
    return 0.0;
}

bool Studio::setParam(const QString& name, double value) {
    std::lock_guard lock(sessionMutex_);
    return session_ && session_->setParam(name.toStdString(), static_cast<float>(value));
}

void Studio::tick() {
    // JACK MIDI's server died: drop the input now, before the MIDI panel's poll opens one
    // on a restarted server, and release the notes held on it. (The dead server's client
    // itself is left unclosed: closing it crashed libjack, see JackMidiClient.)
    if (midi_.serverGone()) {
        midi_.close();
        midiServerStopped_ = true;
        emit midiServerLost();
    }
    if (session_) {
        for (const session::SessionEvent& e : session_->poll()) {
            if (e.kind == session::SessionEventKind::Crashed || e.kind == session::SessionEventKind::GaveUp)
                voiceCrashed_ = true;
            if (e.kind == session::SessionEventKind::Restarted || e.kind == session::SessionEventKind::Reverted ||
                e.kind == session::SessionEventKind::Reloaded)
                voiceCrashed_ = false;
            emit sessionEvent(e);
            if (e.kind == session::SessionEventKind::Reloaded || e.kind == session::SessionEventKind::Reverted ||
                e.kind == session::SessionEventKind::Restarted)
                refreshParams(); // [params] a new build may declare other parameters
        }
    } else {
        engine_.collect();
    }
    fillSnapshot();
    emit snapshotUpdated(snapshot_);
    // 30 snapshots a second while anything sounds, 10 while all is quiet: an idle window
    // should cost next to nothing.
    const bool sounding = snapshot_.peakLeft > 0 || snapshot_.peakRight > 0 || snapshot_.heldNotes.any() ||
                          std::any_of(snapshot_.voiceSlots.begin(), snapshot_.voiceSlots.end(),
                                      [](const SlotView& v) { return v.state != SlotState::Free; });
    const int interval = sounding ? 33 : 100;
    if (timer_.interval() != interval) timer_.setInterval(interval);
}

void Studio::fillSnapshot() {
    StudioSnapshot& s = snapshot_;
    s.time = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    const audio::EngineStatus& st = engine_.status();
    s.running = engine_.running();
    s.backend = st.stream.backend;
    s.device = st.stream.device;
    s.sampleRate = st.stream.sampleRate;
    s.bufferFrames = st.stream.bufferFrames;
    s.ringTargetFrames = ringTargetFrames_;
    s.latencyMs = engine_.latencyMs(ringTargetFrames_);
    s.midiMessages = midi_.received();
    for (int n = 0; n < 128; ++n) s.heldNotes.set(n, (held_[n / 64].load() >> (n % 64)) & 1);
    if (const rt::Mixer* m = engine_.mixer()) {
        const rt::MixerStats& ms = m->stats();
        const double period = std::max(1u, ms.periodNs.load());
        s.callbacks = ms.callbacks.load();
        s.xruns = ms.xruns.load();
        s.underruns = ms.underruns.load() - std::min<std::uint64_t>(underrunBase_, ms.underruns.load());
        s.callbackLoadLast = ms.load.lastNs.load() / period;
        s.callbackLoadP99 = ms.load.windowP99Ns.load() / period;
        s.peakLeft = ms.peakLeft.load();
        s.peakRight = ms.peakRight.load();
    }
    s.voiceName = session_ ? session_->name() : std::string{};
    s.voiceCrashed = voiceCrashed_;
    const std::uint32_t region = session_ ? session_->regionId() : 0;
    if (region != baseRegion_) { // a new build: its counters start at zero
        baseRegion_ = region;
        slotUnderrunBase_.clear();
    }
    const rt::RegionMixer* rm = engine_.regionMixer(region);
    const session::HostFigures host =
        session_ ? session_->hostFigures() : session::HostFigures{};
    s.voiceSlots.resize(rm ? rm->voiceCount() : 0);
    slotUnderrunBase_.resize(s.voiceSlots.size(), 0);
    for (std::uint32_t v = 0; rm && v < rm->voiceCount(); ++v) {
        const rt::VoiceMeter& meter = rm->voiceMeter(v);
        SlotView& slot = s.voiceSlots[v];
        slot.fillFrames = meter.fillFrames.load(std::memory_order_relaxed);
        slot.targetFrames = host.ringTargetFrames;
        slot.capacityFrames = host.ringCapacityFrames;
        slot.state = slotState(static_cast<rt::VoiceDisplayState>(meter.state.load()), voiceCrashed_);
        slot.underruns = meter.underruns.load() - std::min(slotUnderrunBase_[v], meter.underruns.load());
    }
    s.hostAlive = host.alive && !voiceCrashed_;
    s.gcPauseP99Ms = double(host.gcPauseP99Ns) / 1e6;
    s.gcPauseMaxMs = double(host.gcPauseMaxNs) / 1e6;
    s.gcCycles = host.gcCycles;
    s.heapBytes = host.heapBytes;
    s.goroutines = host.goroutines;
    s.activeVoices = host.activeVoices;
}

} // namespace govox::ui
