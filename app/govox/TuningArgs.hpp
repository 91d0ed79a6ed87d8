// TuningArgs.hpp - the tuning the voices play in, on the command line (govox play, govox
// render): --a4 HZ for equal temperament at another reference pitch, --scale FILE.scl and
// --keyboard-map FILE.kbm for a Scala tuning. They reach the voice host through its
// environment (GOVOX_A4, GOVOX_SCALE, GOVOX_KEYBOARD_MAP), where the Go SDK reads them
// (sdk.LoadTuningFromEnv): a malformed file stops the host with the file's name and line,
// reported like any voice that fails to start.
//
// Threads: the main thread, before any voice host starts (it sets the process's
// environment).
#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <QList>
#include <string>

namespace govox::app {

QList<QCommandLineOption> tuningOptions();

// Checks the options (A4 in range, files readable) and hands them to the voice hosts this
// process starts; false with `error` naming the option and the problem.
bool applyTuningOptions(const QCommandLineParser& parser, std::string& error);

} // namespace govox::app
