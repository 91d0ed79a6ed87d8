#include "app/govox/ParamArgs.hpp"

namespace govox::app {

bool parseParamAssignments(const QStringList& args, ParamAssignments& out, std::string& error) {
    for (const QString& a : args) {
        const qsizetype eq = a.indexOf('=');
        bool number = false;
        const float value = eq > 0 ? a.mid(eq + 1).toFloat(&number) : 0.0f;
        if (!number) {
            error = "--set wants NAME=VALUE with a number, not '" + a.toStdString() + "'";
            return false;
        }
        out.emplace_back(a.left(eq).toStdString(), value);
    }
    return true;
}

} // namespace govox::app
