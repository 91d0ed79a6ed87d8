#include "WindowRig.hpp"

#include "tests/support/qt/QtTestApp.hpp"
#include "ui/keyboard/KeyboardWidget.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace govox::app::test {

WindowRig::WindowRig(const QString& voice) {
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, temp_.path() + "/config");
    QSettings settings;
    settings.setValue("audio/backend", "null");
    settings.setValue("audio/ringFrames", 1024);
    settings.sync();
    voiceDir_ = temp_.path() + "/" + QFileInfo(voice).fileName();
    QDir().mkpath(voiceDir_);
    QFile::copy(QString(GOVOX_SDK_DIR "/") + voice + "/main.go", voiceDir_ + "/main.go");
    QFile(voiceDir_ + "/main.go").setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    studio_ = std::make_unique<ui::Studio>(ui::StudioPaths{
        GOVOX_VOICEHOST_PATH, GOVOX_SDK_DIR, (temp_.path() + "/builds").toStdString()});
    window_ = std::make_unique<ui::MainWindow>(*studio_, GOVOX_SDK_DIR "/voices");
    window_->resize(1400, 860);
    window_->show();
    window_->begin(voiceDir_);
}

WindowRig::~WindowRig() {
    window_->close();
    window_.reset();
    studio_.reset();
}

bool WindowRig::waitForVoice() {
    return ui::test::waitUntil(
        [&] { return studio_->hasVoice() && !studio_->snapshot().voiceSlots.empty(); }, 60000);
}

void WindowRig::screenshot(const QString& name) {
    window_->grab().save(QString(GOVOX_SCREENSHOT_DIR) + "/" + name);
}

std::string WindowRig::source() const {
    std::ifstream in(voiceDir_.toStdString() + "/main.go");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void WindowRig::save(const std::string& text) {
    const std::string path = voiceDir_.toStdString() + "/main.go";
    {
        std::ofstream(path + ".tmp") << text;
    }
    std::filesystem::rename(path + ".tmp", path);
}

void WindowRig::clickKey(int note, bool press) {
    ui::KeyboardWidget* k = window_->keyboard();
    const QRectF r = k->keyRect(note);
    const QPoint at(int(r.center().x()), int(r.bottom() - 6));
    if (press)
        QTest::mousePress(k, Qt::LeftButton, {}, at);
    else
        QTest::mouseRelease(k, Qt::LeftButton, {}, at);
}

} // namespace govox::app::test
