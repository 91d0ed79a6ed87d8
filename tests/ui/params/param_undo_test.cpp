// Undo for parameter values: a gesture is one step, a gesture back to where it began is
// none, a set of values is one step, and undo and redo apply by name.
#include "ui/params/ParamUndo.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace govox::params {
namespace {

class ParamUndoTest : public ::testing::Test {
protected:
    std::map<QString, double> applied; // what undo and redo set, by name
    int applications = 0;
    ParamUndo undo{[this](const QString& name, double value) {
        applied[name] = value;
        ++applications;
    }};
};

TEST_F(ParamUndoTest, ADragIsOneStep) {
    undo.beginGesture();
    undo.pushChange("Cutoff", 1800, 1900);
    undo.pushChange("Cutoff", 1900, 2500);
    undo.pushChange("Cutoff", 2500, 3000);
    undo.endGesture();
    EXPECT_EQ(applications, 0) << "pushing does not apply again what the control applied";
    ASSERT_EQ(undo.stack()->count(), 1);
    EXPECT_EQ(undo.stack()->undoText(), "Set Cutoff");
    undo.stack()->undo();
    EXPECT_EQ(applied["Cutoff"], 1800);
    EXPECT_FALSE(undo.stack()->canUndo());
    undo.stack()->redo();
    EXPECT_EQ(applied["Cutoff"], 3000);
}

TEST_F(ParamUndoTest, TwoGesturesAreTwoSteps) {
    for (double to : {0.5, 0.7}) {
        undo.beginGesture();
        undo.pushChange("Level", to - 0.2, to);
        undo.endGesture();
    }
    EXPECT_EQ(undo.stack()->count(), 2);
    // Changes outside any gesture (a typed value) are a step each too.
    undo.pushChange("Level", 0.7, 0.8);
    undo.pushChange("Level", 0.8, 0.9);
    EXPECT_EQ(undo.stack()->count(), 4);
}

TEST_F(ParamUndoTest, AGestureOnAnotherParameterIsItsOwnStep) {
    undo.beginGesture();
    undo.pushChange("Level", 0.25, 0.5);
    undo.pushChange("Tone", 1, 2); // cannot happen from one knob, but must not merge
    undo.endGesture();
    EXPECT_EQ(undo.stack()->count(), 2);
}

TEST_F(ParamUndoTest, AGestureBackToWhereItBeganLeavesNoStep) {
    undo.beginGesture();
    undo.pushChange("Level", 0.25, 0.4);
    undo.pushChange("Level", 0.4, 0.25);
    undo.endGesture();
    EXPECT_EQ(undo.stack()->count(), 0);
    undo.pushChange("Level", 0.25, 0.25);
    EXPECT_EQ(undo.stack()->count(), 0) << "no change, no step";
}

TEST_F(ParamUndoTest, ASetOfValuesIsOneStep) {
    undo.pushValues("Load preset Warm", {{"Cutoff", 1800}, {"Volume", -12}},
                    {{"Cutoff", 900}, {"Volume", -6}});
    ASSERT_EQ(undo.stack()->count(), 1);
    EXPECT_EQ(undo.stack()->undoText(), "Load preset Warm");
    EXPECT_EQ(applications, 0);
    undo.stack()->undo();
    EXPECT_EQ(applied["Cutoff"], 1800);
    EXPECT_EQ(applied["Volume"], -12);
    undo.stack()->redo();
    EXPECT_EQ(applied["Cutoff"], 900);
    EXPECT_EQ(applied["Volume"], -6);
}

TEST_F(ParamUndoTest, AChangeAfterAnUndoDropsTheRedo) {
    undo.pushChange("Level", 0.25, 0.5);
    undo.stack()->undo();
    EXPECT_TRUE(undo.stack()->canRedo());
    undo.pushChange("Level", 0.25, 0.1);
    EXPECT_FALSE(undo.stack()->canRedo());
    undo.clear();
    EXPECT_EQ(undo.stack()->count(), 0);
}

} // namespace
} // namespace govox::params
