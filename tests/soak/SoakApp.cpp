#include "SoakApp.hpp"

#include "Waiting.hpp"
#include "ui/audio/AudioSettings.hpp"
#include "ui/health/StatusPanel.hpp"
#include "ui/keyboard/MidiPanel.hpp"

#include <QSettings>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

namespace govox::soak {
namespace {

namespace fs = std::filesystem;

// Note 1 never ends its first Render: the SDK notices after 300 ms and ends the host, and
// the session must report it and replace the host (see go-plugins/sdk/calls.go).
constexpr const char* kHookSource = R"(package main

// Added by the soak test (tests/soak): note 1 loops forever inside Render.
func soakHook(note int) {
	if note != 1 {
		return
	}
	for {
	}
}
)";

std::string readFile(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Replaces `from` (which must be there exactly once) by `to`; false if it is not.
bool replaceOnce(std::string& text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    if (at == std::string::npos || text.find(from, at + 1) != std::string::npos) return false;
    text.replace(at, from.size(), to);
    return true;
}

} // namespace

SoakApp::SoakApp(const fs::path& work) : work_(work), voiceDir_(work / "pad") {
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                       QString::fromStdString((work / "config").string()));
    QSettings settings;
    ui::AudioSettings audio; // JACK, 48 kHz, 128 frames, 1024-frame rings: the defaults
    audio.save(settings);
    settings.sync();
    studio_ = std::make_unique<ui::Studio>(
        ui::StudioPaths{GOVOX_VOICEHOST_PATH, GOVOX_SDK_DIR, (work / "builds").string()});
    window_ = std::make_unique<ui::MainWindow>(*studio_, GOVOX_SDK_DIR "/voices");
    QObject::connect(studio_.get(), &ui::Studio::sessionEvent, studio_.get(),
                     [this](const session::SessionEvent& e) { events_.push_back({now(), e}); });
    QObject::connect(studio_.get(), &ui::Studio::snapshotUpdated, studio_.get(),
                     [this](const ui::StudioSnapshot& s) { onSnapshot(s); });
    // A restart makes a new mixer whose counters start at zero: keep what the old one said.
    QObject::connect(studio_.get(), &ui::Studio::audioRestarted, studio_.get(), [this] {
        banked_.xruns += last_.xruns;
        banked_.underruns += last_.underruns;
        banked_.corruptions += last_.corruptions;
        last_ = {};
    });
}

SoakApp::~SoakApp() {
    window_->close();
    window_.reset();
    studio_.reset();
}

std::string SoakApp::begin() {
    padSource_ = readFile(GOVOX_SDK_DIR "/voices/pad/main.go");
    if (!replaceOnce(padSource_, "Polyphony: 16,", "Polyphony: 32,") ||
        !replaceOnce(padSource_, "func (p *pad) RenderStereo(left, right []float32) {\n",
                     "func (p *pad) RenderStereo(left, right []float32) {\n\tsoakHook(p.note)\n") ||
        sourceFor(0).empty())
        return "go-plugins/voices/pad/main.go changed: the soak's three edits no longer apply";
    fs::create_directories(voiceDir_);
    std::ofstream(voiceDir_ / "soak_hook.go") << kHookSource;
    if (std::string e = save(0); !e.empty()) return e;
    window_->show();
    // Without an ALSA sequencer the panel picks JACK by itself; with one it would pick
    // ALSA, so say JACK, all inputs, following new ports, as a JACK user sets it.
    window_->midiPanel()->setApi(midi::MidiApi::Jack);
    window_->midiPanel()->setSource(ui::MidiPanel::Source::AllInputs);
    window_->midiPanel()->setFollowNewPorts(true);
    window_->begin(QString::fromStdString(voiceDir_.string()));
    // The voice plays once the Studio has announced it (its poll takes the session's
    // Started event up to a tick after the session exists): waiting for that, not for the
    // session alone, keeps the announcement out of the phase that follows.
    if (!waitEvent(0, {session::SessionEventKind::Started}, 120))
        return "the voice did not open within 120 s: " +
               window_->statusPanel()->noticeText().toStdString();
    if (studio_->audioStatus().stream.backend != "jack")
        return "Govox is not playing through JACK: " +
               window_->statusPanel()->noticeText().toStdString();
    return {};
}

ui::AudioSettings SoakApp::audioSettings() const {
    QSettings settings;
    ui::AudioSettings audio;
    audio.load(settings);
    return audio;
}

std::string SoakApp::sourceFor(int generation) const {
    std::string text = padSource_;
    const std::regex detune(R"(\{Name: "Detune", Min: 0, Max: [0-9]+,)");
    const std::string max =
        "{Name: \"Detune\", Min: 0, Max: " + std::to_string(100 + generation) + ",";
    if (!std::regex_search(text, detune)) return {};
    return std::regex_replace(text, detune, max, std::regex_constants::format_first_only);
}

std::string SoakApp::save(int generation) {
    const fs::path file = voiceDir_ / "main.go", temp = voiceDir_ / ".main.go.swp";
    {
        std::ofstream out(temp);
        out << sourceFor(generation);
        if (!out) return "cannot write " + temp.string();
    }
    std::error_code ec;
    fs::rename(temp, file, ec);
    return ec ? "cannot rename over " + file.string() + ": " + ec.message() : std::string{};
}

float SoakApp::detuneMax() const {
    for (const host::ParamInfo& p : studio_->params())
        if (p.name == "Detune") return p.max;
    return 0;
}

std::optional<SeenEvent> SoakApp::waitEvent(std::size_t from,
                                            std::initializer_list<session::SessionEventKind> kinds,
                                            double seconds) {
    std::optional<SeenEvent> found;
    waitUntil(
        [&] {
            for (std::size_t i = from; i < events_.size() && !found; ++i)
                for (session::SessionEventKind k : kinds)
                    if (events_[i].event.kind == k) found = events_[i];
            return found.has_value();
        },
        seconds);
    return found;
}

pid_t SoakApp::hostPid() {
    return studio_->voiceHostPid();
}

void SoakApp::onSnapshot(const ui::StudioSnapshot& s) {
    if (!s.running) ++stoppedSnapshots_;
    p99Max_ = std::max(p99Max_, s.callbackLoadP99);
    last_.xruns = s.xruns;
    last_.underruns = s.underruns;
    last_.corruptions = s.corruptions;
    callbackMax_ = std::max(callbackMax_, s.callbackLoadMax);
}

EngineTotals SoakApp::totals() const {
    return {banked_.xruns + last_.xruns, banked_.underruns + last_.underruns,
            banked_.corruptions + last_.corruptions};
}

} // namespace govox::soak
