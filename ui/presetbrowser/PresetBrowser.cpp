#include "ui/presetbrowser/PresetBrowser.hpp"

#include "ui/studio/Studio.hpp"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace govox::presetbrowser {
namespace {

using presets::Overwrite;
using presets::PresetOrigin;

constexpr int kOriginRole = Qt::UserRole + 1;

QString tooltipFor(const presets::PresetEntry& e) {
    QStringList lines{e.preset.name};
    if (!e.preset.comment.isEmpty()) lines << e.preset.comment;
    if (!e.preset.author.isEmpty()) lines << QObject::tr("By %1").arg(e.preset.author);
    lines << (e.origin == PresetOrigin::Factory
                  ? QObject::tr("Factory preset: read-only; Save As keeps a changed copy")
                  : QObject::tr("Your preset: %1").arg(e.path));
    return lines.join(u'\n');
}

} // namespace

PresetBrowser::PresetBrowser(ui::Studio& studio, params::ParamPanel& panel, const QString& userRoot,
                             QWidget* parent)
    : QWidget(parent), studio_(studio), store_(userRoot), actions_(studio, panel, store_) {
    setObjectName("presetBrowser");
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);

    search_ = new QLineEdit(this);
    search_->setPlaceholderText(tr("Search presets"));
    search_->setClearButtonEnabled(true);
    layout->addWidget(search_);

    list_ = new QTreeWidget(this);
    list_->setColumnCount(2);
    list_->setHeaderHidden(true);
    list_->setRootIsDecorated(false);
    list_->setUniformRowHeights(true);
    list_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    list_->setContextMenuPolicy(Qt::CustomContextMenu);
    list_->header()->setStretchLastSection(false);
    list_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    list_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    layout->addWidget(list_, 1);

    loaded_ = new QLabel(this);
    loaded_->setTextFormat(Qt::RichText);
    loaded_->setObjectName("presetLoaded");
    layout->addWidget(loaded_);

    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    load_ = new QPushButton(tr("Load"), this);
    save_ = new QPushButton(tr("Save"), this);
    saveAs_ = new QPushButton(tr("Save As…"), this);
    more_ = new QPushButton(tr("More"), this);
    more_->setToolTip(tr("Rename, delete, export and import presets"));
    load_->setToolTip(tr("Load the selected preset (double-click or Enter)"));
    save_->setToolTip(tr("Save the sound over the loaded preset"));
    saveAs_->setToolTip(tr("Save the sound as a new preset"));
    load_->setObjectName("presetLoad");
    save_->setObjectName("presetSave");
    saveAs_->setObjectName("presetSaveAs");
    more_->setObjectName("presetMore");
    for (QPushButton* b : {load_, save_, saveAs_}) buttons->addWidget(b);
    buttons->addStretch(1);
    buttons->addWidget(more_);
    layout->addLayout(buttons);

    message_ = new PresetMessage(this);
    layout->addWidget(message_);

    buildActions();
    connect(search_, &QLineEdit::textChanged, this, &PresetBrowser::refresh);
    connect(list_, &QTreeWidget::itemActivated, this, &PresetBrowser::loadSelected);
    connect(list_, &QTreeWidget::itemSelectionChanged, this, &PresetBrowser::updateButtons);
    connect(load_, &QPushButton::clicked, this, &PresetBrowser::loadSelected);
    connect(save_, &QPushButton::clicked, this, &PresetBrowser::saveCurrent);
    connect(saveAs_, &QPushButton::clicked, this, &PresetBrowser::saveAs);
    connect(&actions_, &PresetActions::libraryChanged, this, &PresetBrowser::refresh);
    connect(&actions_, &PresetActions::stateChanged, this, &PresetBrowser::showState);
    refresh();
}

void PresetBrowser::buildActions() {
    auto* menu = new QMenu(this);
    rename_ = menu->addAction(tr("Rename…"), this, &PresetBrowser::renameSelected);
    delete_ = menu->addAction(tr("Delete…"), this, &PresetBrowser::deleteSelected);
    menu->addSeparator();
    exportSelected_ = menu->addAction(tr("Export Selected…"), this, &PresetBrowser::exportSelected);
    exportLibrary_ = menu->addAction(tr("Export Library…"), this, &PresetBrowser::exportLibrary);
    exportBundle_ =
        menu->addAction(tr("Export Bundle with Source…"), this, &PresetBrowser::exportBundle);
    menu->addSeparator();
    import_ = menu->addAction(tr("Import Presets or Bundle…"), this, &PresetBrowser::importFiles);
    importFolder_ = menu->addAction(tr("Import Folder…"), this, &PresetBrowser::importFolder);
    exportBundle_->setToolTip(
        tr("The voice's Go source with all its presets, in one file to share"));
    more_->setMenu(menu);

    rename_->setShortcut(QKeySequence(Qt::Key_F2));
    rename_->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    delete_->setShortcut(QKeySequence::Delete);
    delete_->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(rename_);
    addAction(delete_);

    connect(list_, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        if (!list_->itemAt(at)) return;
        QMenu context(this);
        context.addAction(tr("Load"), this, &PresetBrowser::loadSelected);
        context.addSeparator();
        context.addAction(rename_);
        context.addAction(delete_);
        context.addAction(exportSelected_);
        context.exec(list_->viewport()->mapToGlobal(at));
    });
}

void PresetBrowser::refresh() {
    const QStringList selected = selectedNames();
    const presets::PresetList found = actions_.list(search_->text());
    list_->clear();
    for (const presets::PresetEntry& e : found.entries) {
        auto* item = new QTreeWidgetItem(list_);
        item->setText(0, e.preset.name);
        item->setData(0, kOriginRole, static_cast<int>(e.origin));
        item->setToolTip(0, tooltipFor(e));
        if (e.origin == PresetOrigin::Factory) {
            item->setText(1, tr("Factory"));
            item->setForeground(1, palette().color(QPalette::PlaceholderText));
            item->setToolTip(1, tooltipFor(e));
        }
    }
    if (selected.isEmpty()) {
        if (const presets::PresetEntry* l = actions_.loaded()) select({l->preset.name});
    } else {
        select(selected);
    }
    if (found.problems != lastProblems_ && !found.problems.isEmpty())
        message_->show(PresetMessage::Kind::Warning,
                       tr("Some preset files could not be read; they were left alone"),
                       found.problems);
    lastProblems_ = found.problems;
    showState();
}

void PresetBrowser::showState() {
    const presets::PresetEntry* l = actions_.loaded();
    if (actions_.voice().isEmpty()) {
        loaded_->setText(tr("<i>No voice is open</i>"));
    } else if (!l) {
        loaded_->setText(tr("<i>No preset loaded</i>"));
    } else {
        QString text = tr("Preset: <b>%1</b>").arg(l->preset.name.toHtmlEscaped());
        if (l->origin == PresetOrigin::Factory) text += tr(" (factory)");
        if (actions_.dirty()) text += tr(" — <i>modified</i>");
        loaded_->setText(text);
    }
    loaded_->setToolTip(actions_.dirty() ? tr("The sound differs from the loaded preset: Save or "
                                              "Save As to keep it")
                                         : QString{});
    updateButtons();
}

QString PresetBrowser::loadedText() const {
    return loaded_->text();
}

void PresetBrowser::updateButtons() {
    const bool voice = !actions_.voice().isEmpty();
    const QList<QTreeWidgetItem*> chosen = list_->selectedItems();
    const presets::PresetEntry* l = actions_.loaded();
    load_->setEnabled(chosen.size() == 1);
    save_->setEnabled(l && l->origin == PresetOrigin::User);
    saveAs_->setEnabled(voice);
    rename_->setEnabled(!selectedUserPreset().isEmpty());
    bool anyUser = false;
    for (const QTreeWidgetItem* item : chosen)
        anyUser = anyUser || item->data(0, kOriginRole).toInt() == int(PresetOrigin::User);
    delete_->setEnabled(anyUser);
    exportSelected_->setEnabled(!chosen.isEmpty());
    for (QAction* a : {exportLibrary_, exportBundle_, import_, importFolder_}) a->setEnabled(voice);
}

QStringList PresetBrowser::shownNames() const {
    QStringList names;
    for (int i = 0; i < list_->topLevelItemCount(); ++i) names << list_->topLevelItem(i)->text(0);
    return names;
}

QStringList PresetBrowser::selectedNames() const {
    QStringList names;
    for (const QTreeWidgetItem* item : list_->selectedItems()) names << item->text(0);
    return names;
}

void PresetBrowser::select(const QStringList& names) {
    list_->clearSelection();
    for (int i = 0; i < list_->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = list_->topLevelItem(i);
        if (!names.contains(item->text(0))) continue;
        item->setSelected(true);
        list_->scrollToItem(item);
    }
}

QString PresetBrowser::selectedUserPreset() const {
    const QList<QTreeWidgetItem*> chosen = list_->selectedItems();
    if (chosen.size() != 1 ||
        chosen.front()->data(0, kOriginRole).toInt() != int(PresetOrigin::User))
        return {};
    return chosen.front()->text(0);
}

void PresetBrowser::report(const ActionResult& r) {
    if (!r.ok())
        message_->show(PresetMessage::Kind::Error, r.error, r.notes);
    else if (!r.notes.isEmpty())
        message_->show(PresetMessage::Kind::Warning, r.summary, r.notes);
    else
        message_->show(PresetMessage::Kind::Info, r.summary);
}

void PresetBrowser::loadSelected() {
    const QStringList names = selectedNames();
    if (names.size() != 1) return;
    report(actions_.load(names.front()));
}

void PresetBrowser::saveCurrent() {
    const presets::PresetEntry* l = actions_.loaded();
    if (!l || l->origin != PresetOrigin::User) return saveAs();
    report(actions_.save());
}

void PresetBrowser::saveAs() {
    const presets::PresetEntry* l = actions_.loaded();
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("Save Preset As"), tr("Name of the new preset:"),
                              QLineEdit::Normal, l ? l->preset.name : tr("New preset"), &ok)
            .trimmed();
    if (!ok || name.isEmpty()) return;
    Overwrite overwrite = Overwrite::Refuse;
    const presets::PresetLoad existing = store_.load(actions_.voice(), name);
    if (existing.ok() && existing.entry.origin == PresetOrigin::User) {
        const auto answer = QMessageBox::question(
            this, tr("Replace Preset"), tr("A preset named '%1' exists. Replace it?").arg(name),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes) return;
        overwrite = Overwrite::Replace;
    }
    const ActionResult r = actions_.saveAs(name, overwrite);
    report(r);
    if (r.ok()) select({name});
}

void PresetBrowser::renameSelected() {
    const QString from = selectedUserPreset();
    if (from.isEmpty()) return;
    bool ok = false;
    const QString to = QInputDialog::getText(this, tr("Rename Preset"), tr("New name:"),
                                             QLineEdit::Normal, from, &ok)
                           .trimmed();
    if (!ok || to.isEmpty() || to == from) return;
    const ActionResult r = actions_.rename(from, to);
    report(r);
    if (r.ok()) select({to});
}

void PresetBrowser::deleteSelected() {
    QStringList names;
    for (const QTreeWidgetItem* item : list_->selectedItems())
        if (item->data(0, kOriginRole).toInt() == int(PresetOrigin::User)) names << item->text(0);
    if (names.isEmpty()) return;
    const QString question =
        names.size() == 1 ? tr("Delete the preset '%1'? This cannot be undone.").arg(names.front())
                          : tr("Delete %1 presets? This cannot be undone.").arg(names.size());
    if (QMessageBox::question(this, tr("Delete Presets"), question,
                              QMessageBox::Yes | QMessageBox::Cancel,
                              QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    ActionResult all =
        ActionResult::done(names.size() == 1 ? tr("Deleted '%1'").arg(names.front())
                                             : tr("Deleted %1 presets").arg(names.size()));
    for (const QString& name : names)
        if (const ActionResult r = actions_.remove(name); !r.ok()) all.notes << r.error;
    if (!all.notes.isEmpty()) all.error = tr("Some presets could not be deleted");
    report(all);
}

} // namespace govox::presetbrowser
