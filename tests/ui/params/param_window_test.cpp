// The parameters in the window: a dock beside the graphs, undo and redo in the Edit menu,
// and the screenshot for the README (docs/screenshots/params.png).
#include "tests/support/qt/QtTestApp.hpp"

#include "ui/params/ParamControl.hpp"
#include "ui/params/ParamPanel.hpp"
#include "ui/studio/Studio.hpp"
#include "ui/window/MainWindow.hpp"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QMouseEvent>
#include <QSettings>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace govox::params {
namespace {

using ui::test::waitUntil;

QAction* actionWithShortcut(QWidget& window, const QKeySequence& keys) {
    for (QAction* a : window.findChildren<QAction*>())
        if (a->shortcuts().contains(keys)) return a;
    return nullptr;
}

TEST(ParamWindow, ShowsTheParametersInADockAndUndoesFromTheEditMenu) {
    QTemporaryDir temp;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, temp.path() + "/config");
    {
        QSettings settings;
        settings.setValue("audio/backend", "null");
        settings.setValue("audio/ringFrames", 1024);
    }
    const QString padDir = temp.path() + "/pad";
    QDir().mkpath(padDir);
    QFile::copy(GOVOX_SDK_DIR "/voices/pad/main.go", padDir + "/main.go");
    QFile(padDir + "/main.go").setPermissions(QFile::ReadOwner | QFile::WriteOwner);

    ui::Studio studio(
        {GOVOX_VOICEHOST_PATH, GOVOX_SDK_DIR, (temp.path() + "/builds").toStdString()});
    ui::MainWindow window(studio, GOVOX_SDK_DIR "/voices");
    window.resize(1280, 820);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    window.begin(padDir);
    ParamPanel* panel = window.paramPanel();
    ASSERT_NE(panel, nullptr);
    ASSERT_TRUE(waitUntil([&] { return panel->controls().size() == 6; }, 60000));
    auto* dock = window.findChild<QDockWidget*>("paramsDock");
    ASSERT_NE(dock, nullptr);
    EXPECT_TRUE(dock->isVisible());
    EXPECT_EQ(dock->windowTitle(), "Parameters");
    EXPECT_GE(panel->columns(), 2) << "the dock is wide enough for two columns of knobs";

    // A drag on Cutoff, then Edit > Undo (Ctrl+Z) and Redo (Ctrl+Shift+Z).
    ParamControl* cutoff = panel->control("Cutoff");
    const QPoint from = cutoff->knobRect().center();
    QTest::mousePress(cutoff, Qt::LeftButton, {}, from);
    for (int dy = 10; dy <= 40; dy += 10) {
        QMouseEvent move(QEvent::MouseMove, from - QPoint(0, dy),
                         cutoff->mapToGlobal(from - QPoint(0, dy)), Qt::NoButton, Qt::LeftButton,
                         Qt::NoModifier);
        QApplication::sendEvent(cutoff, &move);
    }
    QTest::mouseRelease(cutoff, Qt::LeftButton, {}, from - QPoint(0, 40));
    const double dragged = cutoff->value();
    EXPECT_GT(dragged, 1800);
    QAction* undo = actionWithShortcut(window, QKeySequence(Qt::CTRL | Qt::Key_Z));
    QAction* redo = actionWithShortcut(window, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    ASSERT_NE(undo, nullptr);
    ASSERT_NE(redo, nullptr);
    EXPECT_TRUE(undo->isEnabled());
    EXPECT_EQ(undo->text(), "&Undo Set Cutoff");
    undo->trigger();
    EXPECT_NEAR(cutoff->value(), 1800, 1e-3);
    EXPECT_NEAR(studio.paramValue("Cutoff"), 1800, 1e-3);
    redo->trigger();
    EXPECT_NEAR(studio.paramValue("Cutoff"), dragged, 1e-2);

    // A sound being played with its controllers mapped, for the screenshot.
    panel->applyValues("Screenshot",
                       {{"Cutoff", 2400}, {"Resonance", 0.55}, {"Detune", 14}, {"Volume", -9}});
    studio.midiLearn().setMappings({{-1, 74, "Cutoff"}, {-1, 71, "Resonance"}, {0, 7, "Volume"}});
    cutoff->clearFocus(); // no focus frame on the readout in the picture
    for (int note : {57, 60, 64, 67}) studio.noteOn(note, 96);
    QTest::qWait(1500); // the graphs draw some history
    const QString shot = GOVOX_SCREENSHOT_DIR "/params.png";
    EXPECT_TRUE(window.grab().save(shot)) << shot.toStdString();
    studio.panic();
    window.close();
}

} // namespace
} // namespace govox::params
