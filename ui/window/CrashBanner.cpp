#include "ui/window/CrashBanner.hpp"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace govox::ui {

CrashBanner::CrashBanner(QWidget* parent) : QFrame(parent) {
    setObjectName("crashBanner");
    setStyleSheet(
        "#crashBanner { background: #fde7e9; border: 1px solid #b00020; border-radius: 4px; }");
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    text_ = new QLabel(this);
    text_->setWordWrap(true);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    details_ = new QToolButton(this);
    details_->setText(tr("Details"));
    details_->setCheckable(true);
    auto* dismiss = new QToolButton(this);
    dismiss->setText(tr("Dismiss"));
    row->addWidget(text_, 1);
    row->addWidget(details_);
    row->addWidget(dismiss);
    stack_ = new QPlainTextEdit(this);
    stack_->setReadOnly(true);
    stack_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    stack_->setVisible(false);
    layout->addLayout(row);
    layout->addWidget(stack_);
    connect(details_, &QToolButton::toggled, stack_, &QWidget::setVisible);
    connect(dismiss, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void CrashBanner::show(const session::SessionEvent& e) {
    using K = session::SessionEventKind;
    switch (e.kind) {
    case K::Crashed:
    case K::GaveUp:
        text_->setText(QString::fromStdString(e.message));
        if (!e.stack.empty() || e.kind == K::Crashed)
            stack_->setPlainText(QString::fromStdString(e.stack));
        details_->setEnabled(!stack_->toPlainText().isEmpty());
        QFrame::show();
        break;
    case K::Reloaded:
    case K::Started: hide(); break;
    case K::Restarted:
    case K::Reverted: // still worth seeing why, but the sound is back
        text_->setText(text_->text() + "\n" + QString::fromStdString(e.message));
        break;
    default: break;
    }
}

QString CrashBanner::message() const {
    return text_->text();
}
QString CrashBanner::stack() const {
    return stack_->toPlainText();
}

} // namespace govox::ui
