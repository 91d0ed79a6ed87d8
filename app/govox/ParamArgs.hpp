// ParamArgs.hpp - `--set NAME=VALUE` on the command line (govox play, govox render): a
// parameter's value before the first note.
//
// Threads: any; pure.
#pragma once

#include <QStringList>

#include <string>
#include <utility>
#include <vector>

namespace govox::app {

using ParamAssignments = std::vector<std::pair<std::string, float>>;

// Parses each NAME=VALUE; on a malformed one, returns false with `error` naming it.
bool parseParamAssignments(const QStringList& args, ParamAssignments& out, std::string& error);

} // namespace govox::app
