#include "tests/support/studio/StudioRig.hpp"

#include "tests/support/qt/QtTestApp.hpp"

#include <QDir>
#include <QFile>
#include <QSignalSpy>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>

namespace govox::test {
namespace {

// A sine voice like go-plugins/internal/testvoices/sine, with its parameters and gain
// filled in by the test.
constexpr const char* kVoiceTemplate = R"(// Written by the parameter panel tests.
package main

import (
	"govox.dev/govox/dsp"
	"govox.dev/govox/sdk"
)

func init() {
	sdk.Register(sdk.Instrument{
		Name:      "$NAME",
		Params:    []sdk.Param{$PARAMS},
		Polyphony: 8,
		Priority:  sdk.PriorityHigh,
		New: func(ctx *sdk.Context) sdk.Voice {
			return &voice{ctx: ctx, level: ctx.Param("Level")}
		},
	})
}

type voice struct {
	ctx   *sdk.Context
	osc   dsp.Sine
	env   dsp.Ramp
	level *sdk.ParamValue
	note  int
	held  bool
}

func (s *voice) NoteOn(note int, velocity float32) {
	s.note, s.held = note, true
	s.osc.SetPhase(0)
	s.env.Snap(0)
	s.env.SetTarget(1, int(0.005*s.ctx.SampleRate))
}

func (s *voice) NoteOff() {
	s.held = false
	s.env.SetTarget(0, int(0.02*s.ctx.SampleRate))
}

func (s *voice) Done() bool { return !s.held && s.env.Settled() && s.env.Value() == 0 }

func (s *voice) Render(out []float32) {
	s.osc.SetFrequency(s.ctx.NoteHz(s.note), s.ctx.SampleRate)
	for i := range out {
		out[i] = s.osc.Next() * s.env.Next() * s.level.Next()$GAIN
	}
}

func main() {}
)";

void replaceAll(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

} // namespace

StudioRig::StudioRig() {
    studio_ = std::make_unique<ui::Studio>(ui::StudioPaths{
        GOVOX_VOICEHOST_PATH, GOVOX_SDK_DIR, (temp_.path() + "/builds").toStdString()});
    audio::EngineConfig config;
    config.backend = backend::BackendKind::Null;
    config.fallback = false;
    config.stream.sampleRate = kRate;
    studio_->startAudio(config, 1024);
    tap_ = studio_->startOutputTap(1 << 16);
    drainer_ = std::thread([this] { drain(); });
}

StudioRig::~StudioRig() {
    draining_ = false;
    if (drainer_.joinable()) drainer_.join();
    studio_->stopOutputTap();
    studio_.reset();
}

void StudioRig::drain() {
    std::vector<float> buf(2 * 4096);
    while (draining_) {
        const std::uint32_t n = tap_ ? tap_->read(buf.data(), 4096) : 0;
        if (n == 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
            continue;
        }
        std::lock_guard lock(captureMutex_);
        for (std::uint32_t i = 0; i < n; ++i) left_.push_back(buf[2 * i]);
    }
}

QString StudioRig::copyVoice(const QString& fromSdk) {
    const QString dir = temp_.path() + "/" + QDir(fromSdk).dirName();
    QDir().mkpath(dir);
    QFile::copy(QString(GOVOX_SDK_DIR) + "/" + fromSdk + "/main.go", dir + "/main.go");
    QFile(dir + "/main.go").setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return dir;
}

QString StudioRig::writeVoice(const QString& name, const std::string& params,
                              bool followsModWheel) {
    const QString dir = temp_.path() + "/" + name;
    QDir().mkpath(dir);
    std::string text = kVoiceTemplate;
    replaceAll(text, "$NAME", name.toStdString());
    replaceAll(text, "$PARAMS", params);
    replaceAll(text, "$GAIN", followsModWheel ? " * s.ctx.ModWheel()" : "");
    const std::string path = (dir + "/main.go").toStdString();
    {
        std::ofstream(path + ".tmp") << text;
    }
    std::filesystem::rename(path + ".tmp", path); // as an editor saves: the watcher sees one change
    return dir;
}

bool StudioRig::open(const QString& dir) {
    QSignalSpy opened(studio_.get(), &ui::Studio::voiceOpened);
    QSignalSpy failed(studio_.get(), &ui::Studio::voiceFailed);
    studio_->openVoice(dir);
    return ui::test::waitUntil([&] { return opened.count() > 0 || failed.count() > 0; }, 60000) &&
           opened.count() > 0;
}

std::vector<float> StudioRig::captured() const {
    std::lock_guard lock(captureMutex_);
    return left_;
}

std::size_t StudioRig::capturedFrames() const {
    std::lock_guard lock(captureMutex_);
    return left_.size();
}

bool StudioRig::waitForFrames(std::size_t frames) {
    const std::size_t until = capturedFrames() + frames;
    return ui::test::waitUntil([&] { return capturedFrames() >= until; }, 10000);
}

float peak(const std::vector<float>& x, std::size_t from, std::size_t to) {
    float p = 0;
    for (std::size_t i = from; i < std::min(to, x.size()); ++i) p = std::max(p, std::fabs(x[i]));
    return p;
}

float largestStep(const std::vector<float>& x, std::size_t from, std::size_t to) {
    float s = 0;
    for (std::size_t i = std::max<std::size_t>(from, 1); i < std::min(to, x.size()); ++i)
        s = std::max(s, std::fabs(x[i] - x[i - 1]));
    return s;
}

} // namespace govox::test
