#include "tests/support/qt/QtTestApp.hpp"

#include <QApplication>

#include <gtest/gtest.h>

#include <memory>

namespace {

// A gtest environment, so that the QApplication exists for every test and is destroyed
// before static destruction (a QApplication outliving main() crashes on exit).
class QtApp final : public ::testing::Environment {
public:
    void SetUp() override {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
        app_ = std::make_unique<QApplication>(argc_, argv_);
    }
    void TearDown() override { app_.reset(); }

private:
    int argc_ = 1;
    char name_[16] = "govox-ui-test";
    char* argv_[2] = {name_, nullptr};
    std::unique_ptr<QApplication> app_;
};

[[maybe_unused]] ::testing::Environment* const kQtApp =
    ::testing::AddGlobalTestEnvironment(new QtApp);

} // namespace
