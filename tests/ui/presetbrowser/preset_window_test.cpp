// The Presets dock in the window: below the parameters, the pad's presets listed, a preset
// loaded by double-click and by the Load button, undone from the Edit menu, the
// changed-sound marker; and the screenshot for the README (docs/screenshots/presets.png).
#include "PresetTestFiles.hpp"
#include "tests/support/qt/QtTestApp.hpp"

#include "ui/params/ParamControl.hpp"
#include "ui/params/ParamPanel.hpp"
#include "ui/presetbrowser/PresetBrowser.hpp"
#include "ui/studio/Studio.hpp"
#include "ui/window/MainWindow.hpp"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTreeWidget>

#include <gtest/gtest.h>

namespace govox::presetbrowser {
namespace {

using presets::Overwrite;
using ui::test::waitUntil;

QAction* actionWithShortcut(QWidget& window, const QKeySequence& keys) {
    for (QAction* a : window.findChildren<QAction*>())
        if (a->shortcuts().contains(keys)) return a;
    return nullptr;
}

void doubleClick(PresetBrowser& browser, const QString& name) {
    QTreeWidget* list = browser.list();
    const QList<QTreeWidgetItem*> found = list->findItems(name, Qt::MatchExactly, 0);
    ASSERT_EQ(found.size(), 1) << name.toStdString();
    const QPoint at = list->visualItemRect(found.front()).center();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, at);
}

TEST(PresetWindow, ThePresetsDockLoadsUndoesAndMarksAChangedSound) {
    QTemporaryDir temp;
    test::Profile profile(temp.filePath("data")); // the user's presets: none yet
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
    window.resize(1360, 840);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    PresetBrowser* browser = window.presetBrowser();
    ASSERT_NE(browser, nullptr);
    EXPECT_TRUE(browser->loadedText().contains("No voice is open"))
        << browser->loadedText().toStdString();
    window.begin(padDir);
    params::ParamPanel* panel = window.paramPanel();
    ASSERT_TRUE(waitUntil([&] { return browser->shownNames().size() == 4; }, 60000));
    auto* dock = window.findChild<QDockWidget*>("presetsDock");
    ASSERT_NE(dock, nullptr);
    EXPECT_TRUE(dock->isVisible());
    EXPECT_EQ(dock->windowTitle(), "Presets");
    auto* paramsDock = window.findChild<QDockWidget*>("paramsDock");
    EXPECT_GT(dock->y(), paramsDock->y()) << "below the parameters";
    EXPECT_EQ(window.paramPanel()->columns(), 3)
        << "the pad's six knobs in two rows above the presets";
    EXPECT_GE(browser->list()->height(), 5 * browser->list()->sizeHintForRow(0))
        << "room for a list";

    // Double-click loads.
    doubleClick(*browser, "Slow Choir");
    EXPECT_NEAR(panel->control("Attack")->value(), 2.5, 1e-4);
    EXPECT_NEAR(studio.paramValue("Attack"), 2.5, 1e-4);
    EXPECT_TRUE(browser->loadedText().contains("Slow Choir"))
        << browser->loadedText().toStdString();
    EXPECT_EQ(browser->message()->text(), "Loaded 'Slow Choir'");

    // The Load button, then Edit > Undo takes the whole preset back.
    browser->select({"Bright Stab"});
    auto* load = browser->findChild<QPushButton*>("presetLoad");
    ASSERT_NE(load, nullptr);
    ASSERT_TRUE(load->isEnabled());
    QTest::mouseClick(load, Qt::LeftButton);
    EXPECT_NEAR(studio.paramValue("Cutoff"), 7000, 1e-2);
    QAction* undo = actionWithShortcut(window, QKeySequence(Qt::CTRL | Qt::Key_Z));
    ASSERT_NE(undo, nullptr);
    EXPECT_EQ(undo->text(), "&Undo Load preset 'Bright Stab'");
    undo->trigger();
    EXPECT_NEAR(studio.paramValue("Attack"), 2.5, 1e-4) << "the Slow Choir's values again";
    EXPECT_NEAR(panel->control("Attack")->value(), 2.5, 1e-4);
    EXPECT_TRUE(browser->loadedText().contains("modified")) << browser->loadedText().toStdString();

    // A small library for the screenshot: two presets of the user's own beside the factory
    // ones, one loaded and then turned.
    PresetActions& actions = browser->actions();
    panel->applyValues("Design", {{"Cutoff", 950}, {"Resonance", 0.7}, {"Detune", 21}});
    ASSERT_TRUE(actions.saveAs("Night Drive", Overwrite::Refuse).ok());
    panel->applyValues("Design", {{"Cutoff", 5200}, {"Attack", 0.9}, {"Volume", -10}});
    ASSERT_TRUE(actions.saveAs("Glass Pad", Overwrite::Refuse).ok());
    EXPECT_EQ(browser->shownNames().size(), 6);
    browser->select({"Warm Strings"});
    QTest::mouseClick(load, Qt::LeftButton);
    panel->applyValues("Turn", {{"Cutoff", 1500}, {"Resonance", 0.45}});
    EXPECT_TRUE(browser->loadedText().contains("modified"));
    studio.midiLearn().setMappings({{-1, 74, "Cutoff"}, {-1, 71, "Resonance"}});
    for (int note : {57, 60, 64, 67}) studio.noteOn(note, 96);
    QTest::qWait(1500); // the graphs draw some history
    const QString shot = GOVOX_SCREENSHOT_DIR "/presets.png";
    EXPECT_TRUE(window.grab().save(shot)) << shot.toStdString();
    studio.panic();
    window.close();
}

} // namespace
} // namespace govox::presetbrowser
