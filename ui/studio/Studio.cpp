#include "ui/studio/Studio.hpp"

#include <algorithm>
#include <filesystem>

namespace govox::ui {

// MIDI arrives on the MIDI dispatcher's thread while the UI may replace the voice: the
// Studio's note calls hold its lock for each message.
class StudioMidiSink final : public midi::MidiSink {
public:
    explicit StudioMidiSink(Studio& s) : studio_(s) {}
    void noteOn(const rt::EventTime& at, std::uint8_t ch, std::uint8_t n, std::uint8_t v) override {
        studio_.noteOn(n, v, ch, at);
    }
    void noteOff(const rt::EventTime& at, std::uint8_t ch, std::uint8_t n) override {
        studio_.noteOff(n, ch, at);
    }
    void controlChange(const rt::EventTime& at, std::uint8_t ch, std::uint8_t c,
                       std::uint8_t v) override {
        studio_.controlChange(c, v, ch, at);
    }
    void pitchBend(const rt::EventTime& at, std::uint8_t ch, std::int32_t b) override {
        studio_.pitchBend(b, ch, at);
    }
    void allNotesOff(const rt::EventTime&) override { studio_.panic(); }

private:
    Studio& studio_;
};

Studio::Studio(StudioPaths paths, QObject* parent)
    : QObject(parent), paths_(std::move(paths)),
      opener_(engine_, [this](auto s, const QString& dir, const QString& error) {
          adoptSession(std::move(s), dir, error);
      }) {
    qRegisterMetaType<govox::ui::StudioSnapshot>("govox::ui::StudioSnapshot");
    qRegisterMetaType<govox::session::SessionEvent>("govox::session::SessionEvent");
    connect(&timer_, &QTimer::timeout, this, &Studio::tick);
    timer_.start(33);
}

Studio::~Studio() {
    timer_.stop();
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
    // The voice is reopened on the new stream with the values it had.
    if (session_) carry_.keep(voiceDir_, *session_);
    {
        std::lock_guard lock(sessionMutex_);
        session_.reset(); // its hosts were made for the old stream's rate and block size
    }
    refreshParams(); // no voice until it is reopened
    ringTargetFrames_ = ringTargetFrames;
    const std::string error = engine_.start(config);
    snapshots_.streamRestarted();
    emit audioRestarted();
    if (!error.empty()) return QString::fromStdString(error);
    if (!voiceDir_.isEmpty()) openVoice(voiceDir_);
    return {};
}

std::shared_ptr<rt::OutputTap> Studio::startOutputTap(std::uint32_t capacityFrames) {
    return engine_.startTap(capacityFrames);
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
    if (opener_.opening()) return;
    if (!engine_.mixer()) {
        emit voiceFailed(dir, tr("the audio engine is not running"));
        return;
    }
    opener_.open(dir, sessionConfig(dir));
}

void Studio::adoptSession(std::unique_ptr<session::VoiceSession> s, const QString& dir,
                          const QString& error) {
    if (!s) {
        emit voiceFailed(dir, error);
        return;
    }
    // The same voice opened again keeps its values (by name).
    for (const auto& [name, value] : carry_.take(dir, voiceDir_, session_.get()))
        s->setParam(name, value);
    std::unique_ptr<session::VoiceSession> old;
    {
        std::lock_guard lock(sessionMutex_);
        old = std::move(session_);
        session_ = std::move(s);
    }
    if (old) old->stop(std::chrono::milliseconds(10)); // faded out, not cut
    voiceDir_ = dir;
    voiceCrashed_ = false;
    refreshParams();
    emit voiceOpened(voiceName());
}

QString Studio::voiceName() const {
    return session_ ? QString::fromStdString(session_->name()) : QString{};
}

void Studio::reloadVoice() {
    if (session_) session_->sourceChanged(std::chrono::steady_clock::now());
}

pid_t Studio::voiceHostPid() const {
    std::lock_guard lock(sessionMutex_);
    return session_ ? session_->hostPid() : -1;
}

void Studio::noteOn(int note, int velocity, int channel, rt::EventTime at) {
    held_.set(note, velocity > 0);
    std::lock_guard lock(sessionMutex_);
    if (session_)
        session_->noteOn(at, static_cast<std::uint8_t>(channel), static_cast<std::uint8_t>(note),
                         static_cast<std::uint8_t>(std::clamp(velocity, 1, 127)));
}

void Studio::noteOff(int note, int channel, rt::EventTime at) {
    held_.set(note, false);
    std::lock_guard lock(sessionMutex_);
    if (session_)
        session_->noteOff(at, static_cast<std::uint8_t>(channel), static_cast<std::uint8_t>(note));
}

void Studio::controlChange(int controller, int value, int channel, rt::EventTime at) {
    // A controller mapped by MIDI learn moves its parameter instead of reaching the voice
    // (and the one being learnt is consumed).
    const MidiLearn::Route route = midiLearn_.route(channel, controller, value);
    if (route.consumed) {
        {
            std::lock_guard lock(sessionMutex_);
            if (session_ && !route.param.empty())
                session_->setParam(route.param, static_cast<float>(route.value), at);
        }
        midiLearn_.announce(route);
        return;
    }
    std::lock_guard lock(sessionMutex_);
    if (!session_) return;
    session_->controlChange(at, static_cast<std::uint8_t>(channel),
                            static_cast<std::uint8_t>(controller),
                            static_cast<std::uint8_t>(value));
}

void Studio::pitchBend(int bend, int channel, rt::EventTime at) {
    std::lock_guard lock(sessionMutex_);
    if (session_) session_->pitchBend(at, static_cast<std::uint8_t>(channel), bend);
}

void Studio::panic() {
    held_.clear();
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

QString Studio::stopRecording() {
    return QString::fromStdString(recorder_.stop());
}

// --- parameters -----------------------------------------------------------------------

namespace {

bool sameParams(const std::vector<host::ParamInfo>& a, const std::vector<host::ParamInfo>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const host::ParamInfo& x, const host::ParamInfo& y) {
                          return x.index == y.index && x.name == y.name && x.unit == y.unit &&
                                 x.min == y.min && x.max == y.max &&
                                 x.defaultValue == y.defaultValue && x.curve == y.curve;
                      });
}

} // namespace

void Studio::refreshParams() {
    std::vector<host::ParamInfo> now =
        session_ ? session_->params() : std::vector<host::ParamInfo>{};
    if (sameParams(now, params_)) return;
    params_ = std::move(now);
    midiLearn_.setParams(params_);
    emit paramsChanged();
}

double Studio::paramValue(const QString& name) const {
    for (const host::ParamInfo& p : params_)
        if (QString::fromStdString(p.name).compare(name, Qt::CaseInsensitive) == 0)
            return session_ ? session_->paramValue(name.toStdString()) : p.defaultValue;
    return 0.0;
}

bool Studio::setParam(const QString& name, double value) {
    std::lock_guard lock(sessionMutex_);
    return session_ && session_->setParam(name.toStdString(), static_cast<float>(value));
}

// --- the model's tick -----------------------------------------------------------------

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
        using session::SessionEventKind;
        for (const session::SessionEvent& e : session_->poll()) {
            if (e.kind == SessionEventKind::Crashed || e.kind == SessionEventKind::GaveUp)
                voiceCrashed_ = true;
            const bool newHost = e.kind == SessionEventKind::Restarted ||
                                 e.kind == SessionEventKind::Reverted ||
                                 e.kind == SessionEventKind::Reloaded;
            if (newHost) voiceCrashed_ = false;
            emit sessionEvent(e);
            if (newHost) refreshParams(); // a new build may declare other parameters
        }
    } else {
        engine_.collect();
    }
    snapshots_.fill(snapshot_, engine_, session_.get(),
                    {.ringTargetFrames = ringTargetFrames_,
                     .midiMessages = midi_.received(),
                     .heldNotes = held_.now(),
                     .voiceCrashed = voiceCrashed_});
    emit snapshotUpdated(snapshot_);
    // 30 snapshots a second while anything sounds, 10 while all is quiet: an idle window
    // should cost next to nothing.
    const bool sounding = snapshot_.peakLeft > 0 || snapshot_.peakRight > 0 ||
                          snapshot_.heldNotes.any() ||
                          std::any_of(snapshot_.voiceSlots.begin(), snapshot_.voiceSlots.end(),
                                      [](const SlotView& v) { return v.state != SlotState::Free; });
    const int interval = sounding ? 33 : 100;
    if (timer_.interval() != interval) timer_.setInterval(interval);
}

} // namespace govox::ui
