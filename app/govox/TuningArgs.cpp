#include "app/govox/TuningArgs.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace govox::app {

QList<QCommandLineOption> tuningOptions() {
    return {
        {"a4", "Reference pitch: A4 in Hz (equal temperament; default 440).", "hz"},
        {"scale",
         "A Scala scale (.scl) the voices play in; middle C keeps its pitch unless "
         "--keyboard-map says otherwise.",
         "file.scl"},
        {"keyboard-map", "A Scala keyboard mapping (.kbm): which key plays which degree.",
         "file.kbm"},
    };
}

namespace {

// The file's absolute path if it can be read, else an error.
bool readablePath(const QString& option, const QString& value, std::string& path,
                  std::string& error) {
    std::error_code ec;
    const std::filesystem::path p = std::filesystem::absolute(value.toStdString(), ec);
    if (ec || !std::ifstream(p).good()) {
        error = "--" + option.toStdString() + " " + value.toStdString() + ": cannot read the file";
        return false;
    }
    path = p.string();
    return true;
}

} // namespace

bool applyTuningOptions(const QCommandLineParser& parser, std::string& error) {
    if (parser.isSet("a4")) {
        bool number = false;
        const double hz = parser.value("a4").toDouble(&number);
        if (!number || !(hz >= 100 && hz <= 1000)) {
            error = "--a4 must be a frequency between 100 and 1000 Hz, not '" +
                    parser.value("a4").toStdString() + "'";
            return false;
        }
        ::setenv("GOVOX_A4", parser.value("a4").toStdString().c_str(), 1);
    }
    for (const char* option : {"scale", "keyboard-map"}) {
        if (!parser.isSet(option)) continue;
        std::string path;
        if (!readablePath(option, parser.value(option), path, error)) return false;
        ::setenv(std::string(option) == "scale" ? "GOVOX_SCALE" : "GOVOX_KEYBOARD_MAP",
                 path.c_str(), 1);
    }
    return true;
}

} // namespace govox::app
