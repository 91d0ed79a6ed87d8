#include "ui/window/BuildConsole.hpp"

#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace govox::ui {
namespace {

enum Column { File, Line, Message };
constexpr int kFileRole = Qt::UserRole;
constexpr int kLineRole = Qt::UserRole + 1;
constexpr int kColumnRole = Qt::UserRole + 2;

} // namespace

BuildConsole::BuildConsole(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    summary_ = new QLabel(tr("No build yet."), this);
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    errors_ = new QTreeWidget(this);
    errors_->setObjectName("buildErrors");
    errors_->setHeaderLabels({tr("File"), tr("Line"), tr("Message")});
    errors_->setRootIsDecorated(false);
    errors_->header()->setSectionResizeMode(Message, QHeaderView::Stretch);
    errors_->setToolTip(
        tr("Double-click an error to open the file at that line in $VISUAL/$EDITOR"));
    layout->addWidget(summary_);
    layout->addWidget(errors_);
    connect(errors_, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* item) { activate(item); });
}

void BuildConsole::show(const session::SessionEvent& e) {
    using K = session::SessionEventKind;
    if (e.kind == K::Fault || e.kind == K::Notice || e.kind == K::Quality)
        return; // not about the build
    summary_->setText(QString::fromStdString(e.message));
    if (e.kind == K::ReloadFailed || e.kind == K::Reloaded || e.kind == K::Started)
        errors_->clear();
    for (const build::CompileError& c : e.errors) {
        auto* item = new QTreeWidgetItem(errors_);
        item->setText(File, QFileInfo(QString::fromStdString(c.file)).fileName());
        item->setText(Line, QString::number(c.line));
        item->setText(Message, QString::fromStdString(c.message));
        item->setData(File, kFileRole, QString::fromStdString(c.file));
        item->setData(File, kLineRole, c.line);
        item->setData(File, kColumnRole, c.column);
        item->setToolTip(Message, QString::fromStdString(c.file) + ":" + QString::number(c.line));
    }
    summary_->setStyleSheet(e.kind == K::ReloadFailed ? "color: #b00020;" : "");
}

void BuildConsole::clear() {
    errors_->clear();
    summary_->setText(tr("No build yet."));
}

int BuildConsole::errorCount() const {
    return errors_->topLevelItemCount();
}

QString BuildConsole::fileAt(int row) const {
    const QTreeWidgetItem* item = errors_->topLevelItem(row);
    return item ? item->data(File, kFileRole).toString() : QString{};
}

int BuildConsole::lineAt(int row) const {
    const QTreeWidgetItem* item = errors_->topLevelItem(row);
    return item ? item->data(File, kLineRole).toInt() : 0;
}

void BuildConsole::activate(QTreeWidgetItem* item) {
    emit openRequested(item->data(File, kFileRole).toString(), item->data(File, kLineRole).toInt(),
                       item->data(File, kColumnRole).toInt());
}

} // namespace govox::ui
