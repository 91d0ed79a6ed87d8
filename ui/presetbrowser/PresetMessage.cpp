#include "ui/presetbrowser/PresetMessage.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace govox::presetbrowser {
namespace {

// Soft backgrounds with a darker edge, readable on light and dark palettes alike since the
// text colour is set with them.
QString styleFor(PresetMessage::Kind kind) {
    switch (kind) {
    case PresetMessage::Kind::Error:
        return "QFrame#presetMessage{background:#fdecea;border:1px solid #e0a09a;border-radius:4px}"
               "QLabel{color:#611a15}";
    case PresetMessage::Kind::Warning:
        return "QFrame#presetMessage{background:#fff4e0;border:1px solid #e3c38a;border-radius:4px}"
               "QLabel{color:#5c3c00}";
    case PresetMessage::Kind::Info: break;
    }
    return "QFrame#presetMessage{background:#e8f1fb;border:1px solid #a9c7e8;border-radius:4px}"
           "QLabel{color:#0d3c61}";
}

} // namespace

PresetMessage::PresetMessage(QWidget* parent) : QFrame(parent) {
    setObjectName("presetMessage");
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 4, 6);
    layout->setSpacing(6);
    label_ = new QLabel(this);
    label_->setWordWrap(true);
    label_->setTextFormat(Qt::PlainText);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse); // paths can be copied
    close_ = new QToolButton(this);
    close_->setText(QStringLiteral("✕"));
    close_->setAutoRaise(true);
    close_->setToolTip(tr("Dismiss"));
    layout->addWidget(label_, 1);
    layout->addWidget(close_, 0, Qt::AlignTop);
    connect(close_, &QToolButton::clicked, this, &PresetMessage::clear);
    setVisible(false);
}

void PresetMessage::show(Kind kind, const QString& text, const QStringList& details) {
    kind_ = kind;
    text_ = text;
    details_ = details;
    QStringList lines{text};
    for (int i = 0; i < details.size() && i < kShownLines; ++i)
        lines << QStringLiteral("• ") + details[i];
    if (details.size() > kShownLines)
        lines << tr("… and %1 more (hover to see all)").arg(details.size() - kShownLines);
    label_->setText(lines.join(u'\n'));
    setToolTip(details.size() > kShownLines ? details.join(u'\n') : QString{});
    setStyleSheet(styleFor(kind));
    setVisible(!text.isEmpty());
}

void PresetMessage::clear() {
    text_.clear();
    details_.clear();
    label_->clear();
    setVisible(false);
}

} // namespace govox::presetbrowser
