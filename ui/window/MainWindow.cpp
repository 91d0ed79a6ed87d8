#include "ui/window/MainWindow.hpp"

#include "ui/audio/AudioSettingsDialog.hpp"
#include "ui/audio/AudioStart.hpp"
#include "ui/health/HealthPlot.hpp"
#include "ui/health/StatusPanel.hpp"
#include "ui/health/VoiceMeters.hpp"
#include "ui/keyboard/ComputerKeyboard.hpp"
#include "ui/keyboard/KeyboardWidget.hpp"
#include "ui/keyboard/MidiPanel.hpp"
#include "ui/params/ParamPanel.hpp"
#include "ui/presetbrowser/PresetBrowser.hpp"
#include "ui/window/BuildConsole.hpp"
#include "ui/window/CrashBanner.hpp"
#include "ui/window/EditorLauncher.hpp"
#include "ui/window/Resources.hpp"
#include "ui/window/VoicePicker.hpp"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QGuiApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

namespace govox::ui {

MainWindow::MainWindow(Studio& studio, QString examplesDir, QWidget* parent)
    : QMainWindow(parent), studio_(studio), examplesDir_(std::move(examplesDir)) {
    initResources();
    setWindowTitle("Govox");
    setWindowIcon(QIcon(":/govox/icons/govox.svg"));
    buildLayout();
    buildActions();
    connectStudio();
    QSettings settings;
    restoreGeometry(settings.value("window/geometry").toByteArray());
    restoreState(settings.value("window/state").toByteArray());
    audio_.load(settings);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildLayout() {
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    banner_ = new CrashBanner(central);
    status_ = new StatusPanel(central);
    meters_ = new VoiceMeters(central);
    plot_ = new HealthPlot(central);
    auto* split = new QSplitter(Qt::Horizontal, central);
    split->setObjectName("metersAndPlot");
    split->addWidget(meters_);
    split->addWidget(plot_);
    split->setStretchFactor(1, 3);
    split->setMinimumHeight(320);
    keyboard_ = new KeyboardWidget(central);
    layout->addWidget(banner_);
    layout->addWidget(status_);
    layout->addWidget(split, 1);
    layout->addWidget(keyboard_);
    setCentralWidget(central);

    console_ = new BuildConsole(this);
    auto* dock = new QDockWidget(tr("Build"), this);
    dock->setObjectName("buildDock");
    dock->setWidget(console_);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    buildDock_ = dock;

    // The voice's parameters, beside the graphs: knobs read best in a column of their own.
    params_ = new params::ParamPanel(studio_, this);
    auto* paramsDock = new QDockWidget(tr("Parameters"), this);
    paramsDock->setObjectName("paramsDock");
    paramsDock->setWidget(params_);
    addDockWidget(Qt::RightDockWidgetArea, paramsDock);

    // The voice's presets, below its knobs: what is loaded and what the knobs show are
    // read together.
    presets_ = new presetbrowser::PresetBrowser(studio_, *params_);
    auto* presetsDock = new QDockWidget(tr("Presets"), this);
    presetsDock->setObjectName("presetsDock");
    presetsDock->setWidget(presets_);
    splitDockWidget(paramsDock, presetsDock, Qt::Vertical);

    figures_ = new QLabel(this);
    statusBar()->addPermanentWidget(figures_);
    computerKeys_ = new ComputerKeyboard(this, this);
    // Room for the meters, the graphs and the right-hand docks side by side, within the
    // screen (restoreGeometry replaces this once the window has been closed once).
    QSize size(1400, 880);
    if (const QScreen* screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size() * 0.92);
    resize(size);
}

void MainWindow::buildActions() {
    auto* bar = addToolBar(tr("Voice"));
    bar->setObjectName("mainToolbar");
    picker_ = new VoicePicker(examplesDir_, bar);
    bar->addWidget(picker_);
    connect(picker_, &VoicePicker::voiceChosen, this, &MainWindow::openVoice);

    auto* reload = bar->addAction(tr("Reload"), this, &MainWindow::reloadNow);
    reload->setShortcut(QKeySequence(Qt::Key_F5));
    reload->setToolTip(tr("Rebuild the voice now (saving a .go file does this by itself) (F5)"));
    auto* panic = bar->addAction(tr("Panic"), this, &MainWindow::panic);
    panic->setShortcut(QKeySequence(Qt::Key_Escape));
    panic->setToolTip(tr("All notes off, sustain up, pitch bend centred (Esc)"));
    recordAction_ = bar->addAction(tr("Record"), this, &MainWindow::toggleRecording);
    recordAction_->setCheckable(true);
    recordAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    recordAction_->setToolTip(tr("Record what Govox plays to a WAV file (Ctrl+R)"));
    auto* settings = bar->addAction(tr("Audio…"), this, &MainWindow::showAudioSettings);
    settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    auto* midiBar = addToolBar(tr("MIDI"));
    midiBar->setObjectName("midiToolbar");
    midi_ = new MidiPanel(studio_, midiBar);
    midiBar->addWidget(midi_);
    connect(midi_, &MidiPanel::panicRequested, this, &MainWindow::panic);
    midi_->setPanicButtonVisible(false); // the main toolbar's Panic does the same
    auto* keysLabel = new QLabel(this);
    statusBar()->addWidget(keysLabel);
    auto showKeys = [this, keysLabel] {
        const int base = computerKeys_->baseNote();
        keyboard_->setMarkedRange(base, base + 17);
        keysLabel->setText(
            tr("Computer keys: %1–%2, velocity %3 (Z/X octave, C/V velocity)")
                .arg(KeyboardWidget::noteName(base), KeyboardWidget::noteName(base + 17))
                .arg(computerKeys_->velocity()));
    };
    connect(computerKeys_, &ComputerKeyboard::octaveChanged, this, showKeys);
    connect(computerKeys_, &ComputerKeyboard::velocityChanged, this, showKeys);
    showKeys();

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Record…"), this, &MainWindow::toggleRecording);
    file->addSeparator();
    auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    // Undo and redo of parameter changes (a drag is one step) and of preset loads.
    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = params_->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = params_->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcuts(
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(undo);
    edit->addAction(redo);
    QMenu* audio = menuBar()->addMenu(tr("&Audio"));
    audio->addAction(settings);
    audio->addAction(panic);
    QMenu* voice = menuBar()->addMenu(tr("&Voice"));
    voice->addAction(reload);
    if (auto* paramsDock = findChild<QDockWidget*>("paramsDock")) { // reopens the dock once closed
        voice->addSeparator();
        voice->addAction(paramsDock->toggleViewAction());
    }
    if (auto* presetsDock = findChild<QDockWidget*>("presetsDock"))
        voice->addAction(presetsDock->toggleViewAction());
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Govox"), this, &MainWindow::showAbout);
}

void MainWindow::connectStudio() {
    outputReturn_ = new OutputReturnWatch(this);
    connect(outputReturn_, &OutputReturnWatch::chosenOutputBack, this,
            &MainWindow::returnToChosenOutput);
    connect(&studio_, &Studio::snapshotUpdated, this, &MainWindow::showSnapshot);
    connect(&studio_, &Studio::sessionEvent, this, &MainWindow::showSessionEvent);
    connect(&studio_, &Studio::voiceOpened, this, [this](const QString& name) {
        setWindowTitle(tr("Govox — %1").arg(name));
        picker_->addRecent(studio_.voiceDir());
    });
    connect(
        &studio_, &Studio::voiceFailed, this, [this](const QString& dir, const QString& message) {
            status_->setNotice(tr("Could not open %1: %2").arg(dir, message));
            const session::SessionEvent e = session::SessionEvent::notOpened(message.toStdString());
            console_->show(e);
            status_->show(e); // replaces "Building…" with why it failed
        });
    connect(presets_, &presetbrowser::PresetBrowser::openVoiceRequested, this,
            &MainWindow::openVoice);
    connect(meters_, &VoiceMeters::resetRequested, &studio_, &Studio::resetUnderruns);
    connect(console_, &BuildConsole::openRequested, this,
            [this](const QString& file, int line, int column) {
                if (const QString error = openInEditor(file, line, column); !error.isEmpty())
                    statusBar()->showMessage(error, 8000);
            });
    connect(keyboard_, &KeyboardWidget::noteOn, this, &MainWindow::deliverNoteOn);
    connect(keyboard_, &KeyboardWidget::noteOff, this, &MainWindow::deliverNoteOff);
    connect(computerKeys_, &ComputerKeyboard::noteOn, this, &MainWindow::deliverNoteOn);
    connect(computerKeys_, &ComputerKeyboard::noteOff, this, &MainWindow::deliverNoteOff);
}

void MainWindow::deliverNoteOn(int note, int velocity) {
    studio_.noteOn(note, velocity);
    keyboard_->setNoteHeld(note, true); // at once; the next snapshot agrees
}

void MainWindow::deliverNoteOff(int note) {
    studio_.noteOff(note);
    keyboard_->setNoteHeld(note, false);
}

void MainWindow::panic() {
    computerKeys_->releaseAll();
    keyboard_->clearHeld();
    studio_.panic();
}

void MainWindow::begin(const QString& voiceDir) {
    if (QSettings().value("window/state").isNull()) { // first run: the graphs get the room
        resizeDocks({buildDock_}, {140}, Qt::Vertical);
        // Room for three columns of knobs (the pad's six in two rows) above the presets.
        auto* paramsDock = findChild<QDockWidget*>("paramsDock");
        auto* presetsDock = findChild<QDockWidget*>("presetsDock");
        resizeDocks({paramsDock}, {340}, Qt::Horizontal);
        resizeDocks({paramsDock, presetsDock}, {280, 320}, Qt::Vertical);
    }
    applyAudio(audio_);
    QString dir = voiceDir;
    if (dir.isEmpty()) dir = QSettings().value("voices/last").toString();
    if (dir.isEmpty() || !QFileInfo::exists(dir + "/main.go")) dir = examplesDir_ + "/pad";
    openVoice(dir);
}

StartResult MainWindow::startAudio(const AudioSettings& settings) {
    audio_ = settings;
    const StartResult r = startWithFallback(studio_, settings);
    outputReturn_->started(settings, r);
    status_->setNotice(r.playing ? r.notice : tr("No audio output: %1").arg(r.error));
    QSettings s;
    audio_.save(s);
    return r;
}

void MainWindow::applyAudio(const AudioSettings& settings) {
    startAudio(settings);
}

// The output the user chose is listed again (the JACK server is back, the interface was
// plugged in again): go back to it from the fallback.
void MainWindow::returnToChosenOutput() {
    const StartResult r = startAudio(audio_);
    if (OutputReturnWatch::playsChosen(audio_, r))
        statusBar()->showMessage(
            tr("%1 is back: playing through it again").arg(backendLabel(audio_.backend)), 10000);
}

void MainWindow::openVoice(const QString& dir) {
    status_->setBuilding(QDir(dir).dirName());
    QSettings().setValue("voices/last", dir);
    studio_.openVoice(dir);
}

void MainWindow::reloadNow() {
    studio_.reloadVoice();
}

void MainWindow::showSessionEvent(const session::SessionEvent& e) {
    status_->show(e);
    console_->show(e);
    banner_->show(e);
    if (e.kind == session::SessionEventKind::Fault || e.kind == session::SessionEventKind::Notice)
        statusBar()->showMessage(QString::fromStdString(e.message), 10000);
}

void MainWindow::showSnapshot(const StudioSnapshot& s) {
    watchStream(s);
    status_->update(s);
    meters_->setSnapshot(s);
    plot_->addSnapshot(s);
    midi_->setMessageCount(s.midiMessages);
    for (int n = 0; n < 128; ++n) // MIDI lights the keys too
        if (keyboard_->mouseNote() != n) keyboard_->setNoteHeld(n, s.heldNotes.test(n));
    QString text = tr("xruns %1 · underruns %2 · callback %3% (p99) · GC pause %4 ms (p99)")
                       .arg(s.xruns)
                       .arg(s.underruns)
                       .arg(100.0 * s.callbackLoadP99, 0, 'f', 1)
                       .arg(s.gcPauseP99Ms, 0, 'f', 2);
    if (studio_.recording())
        text += tr(" · recording %1 s").arg(studio_.recordedSeconds(), 0, 'f', 1);
    figures_->setText(text);
}

// A stream that dies while playing (the JACK server stopped, a USB device unplugged) is
// reopened, falling back as at start-up, at most once every two seconds.
void MainWindow::watchStream(const StudioSnapshot& s) {
    if (s.running) {
        wasRunning_ = true;
        return;
    }
    if (!wasRunning_ || s.time - lastRestart_ < 2.0) return;
    lastRestart_ = s.time;
    wasRunning_ = false;
    const QString why = studio_.streamError();
    applyAudio(audio_);
    status_->setNotice(tr("The audio output stopped%1; reopened it. %2")
                           .arg(why.isEmpty() ? QString{} : ": " + why, status_->noticeText()));
}

void MainWindow::toggleRecording() {
    if (studio_.recording()) {
        const QString error = studio_.stopRecording();
        recordAction_->setChecked(false);
        statusBar()->showMessage(error.isEmpty() ? tr("Recording saved") : error, 8000);
        return;
    }
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::MusicLocation);
    const QString suggested =
        folder + "/govox-" + QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss") + ".wav";
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Record to"), suggested, tr("WAV files (*.wav)"));
    if (path.isEmpty()) {
        recordAction_->setChecked(false);
        return;
    }
    const QString error = studio_.startRecording(path);
    recordAction_->setChecked(error.isEmpty());
    if (!error.isEmpty()) QMessageBox::warning(this, tr("Record"), error);
}

void MainWindow::showAudioSettings() {
    AudioSettingsDialog dialog(audio_, this);
    connect(&dialog, &AudioSettingsDialog::applied, this,
            [this, &dialog](const AudioSettings& s) { dialog.showStartResult(startAudio(s)); });
    dialog.exec();
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About Govox"),
        tr("<h3>Govox %1</h3><p>Write synthesizer voices in Go and play them live.</p>"
           "<p>Voices are rebuilt and swapped in without a dropout when you save their "
           "source; each runs in a process of its own.</p>"
           "<p>Qt %2 · RtAudio · RtMidi · QCustomPlot · libsndfile</p>")
            .arg(QApplication::applicationVersion(), qVersion()));
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (studio_.recording()) studio_.stopRecording();
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    computerKeys_->releaseAll();
    event->accept();
}

} // namespace govox::ui
