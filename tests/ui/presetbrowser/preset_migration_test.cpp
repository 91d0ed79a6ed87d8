// Presets across a hot reload that renames and removes parameters: values move by name,
// the names the new build lacks are reported when the preset is loaded and kept in its file
// on every save, whether saved straight after the reload or after loading it again.
#include "PresetTestFiles.hpp"
#include "tests/support/qt/QtTestApp.hpp"
#include "tests/support/studio/StudioRig.hpp"

#include "ui/params/ParamControl.hpp"
#include "ui/params/ParamPanel.hpp"
#include "ui/presetbrowser/PresetActions.hpp"

#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace govox::presetbrowser {
namespace {

using presets::Overwrite;
using ui::test::waitUntil;

TEST(PresetMigration, AReloadThatRenamesAndRemovesParametersKeepsTheirValuesInThePreset) {
    QTemporaryDir userRoot;
    test::StudioRig rig;
    const QString dir = rig.writeVoice("morph", R"({Name: "Level", Min: 0, Max: 1, Default: 0.25},
		{Name: "Drive", Min: 0, Max: 1, Default: 0.1},
		{Name: "Tone", Min: 0, Max: 1, Default: 0.5})");
    ASSERT_TRUE(rig.open(dir));
    params::ParamPanel panel(rig.studio());
    presets::PresetStore store(userRoot.path());
    PresetActions actions(rig.studio(), panel, store);
    ASSERT_EQ(actions.voice(), "morph");
    panel.applyValues("Design", {{"Level", 0.4}, {"Drive", 0.6}, {"Tone", 0.75}});
    ASSERT_TRUE(actions.saveAs("Growl", Overwrite::Refuse).ok());
    const QString file = userRoot.filePath("morph/Growl.govoxpreset");

    // Tone becomes Brightness, Drive is removed.
    rig.writeVoice("morph", R"({Name: "Level", Min: 0, Max: 1, Default: 0.25},
		{Name: "Brightness", Min: 0, Max: 1, Default: 0.2})");
    ASSERT_TRUE(waitUntil([&] { return panel.control("Brightness") != nullptr; }, 90000))
        << "no reload";
    EXPECT_EQ(panel.control("Drive"), nullptr);
    EXPECT_NEAR(rig.studio().paramValue("Level"), 0.4, 1e-6) << "moved by name";
    EXPECT_NEAR(rig.studio().paramValue("Brightness"), 0.2, 1e-6)
        << "a new name starts at its default";

    // Saved straight after the reload: the names the build lost keep the preset's values.
    panel.applyValues("Turn", {{"Brightness", 0.9}});
    ActionResult r = actions.save();
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_EQ(r.notes.size(), 2) << r.notes.join(" | ").toStdString();
    presets::Preset p = test::readBack(file);
    EXPECT_EQ(p.params, (QMap<QString, double>{
                            {"Level", 0.4}, {"Brightness", 0.9}, {"Drive", 0.6}, {"Tone", 0.75}}));

    // Loaded into the new build: Level and Brightness apply, Drive and Tone are reported;
    // saved again, nothing is dropped.
    panel.applyValues("Turn", {{"Level", 0.1}, {"Brightness", 0.3}});
    r = actions.load("Growl");
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    ASSERT_EQ(r.notes.size(), 2) << r.notes.join(" | ").toStdString();
    EXPECT_TRUE(r.notes[0].startsWith("\"Drive\": this voice has no such parameter"))
        << r.notes[0].toStdString();
    EXPECT_TRUE(r.notes[1].startsWith("\"Tone\": this voice has no such parameter"))
        << r.notes[1].toStdString();
    EXPECT_NEAR(rig.studio().paramValue("Level"), 0.4, 1e-6);
    EXPECT_NEAR(rig.studio().paramValue("Brightness"), 0.9, 1e-6)
        << "the preset's own value for it";
    ASSERT_TRUE(actions.save().ok());
    EXPECT_EQ(test::readBack(file).params, p.params);
}

} // namespace
} // namespace govox::presetbrowser
