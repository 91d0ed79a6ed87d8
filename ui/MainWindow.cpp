#include "ui/MainWindow.hpp"

#include "ui/TonePanel.hpp"

#include <QLabel>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

namespace govox::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle("Govox");
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    streamLabel_ = new QLabel(central);
    noticeLabel_ = new QLabel(central);
    noticeLabel_->setWordWrap(true);
    noticeLabel_->setStyleSheet("color: #b35c00;");
    layout->addWidget(streamLabel_);
    layout->addWidget(noticeLabel_);
    startEngine();
    tonePanel_ = new TonePanel(engine_, central);
    layout->addWidget(tonePanel_);
    layout->addStretch();
    setCentralWidget(central);
    resize(560, 300);
    auto* timer = new QTimer(this);
    connect(timer, &QTimer::timeout, this, &MainWindow::refresh);
    timer->start(33);
}

MainWindow::~MainWindow() = default;

void MainWindow::startEngine() {
    session::EngineConfig config; // JACK first, then PulseAudio, ALSA and null
    const std::string error = engine_.start(config);
    if (!error.empty()) {
        streamLabel_->setText(tr("No audio output"));
        noticeLabel_->setText(QString::fromStdString(error));
        return;
    }
    const auto& s = engine_.status().stream;
    streamLabel_->setText(tr("%1 · %2 · %3 Hz · %4-frame buffer")
                              .arg(QString::fromStdString(s.backend),
                                   QString::fromStdString(s.device))
                              .arg(s.sampleRate)
                              .arg(s.bufferFrames));
    noticeLabel_->setText(QString::fromStdString(engine_.status().notice));
    noticeLabel_->setVisible(!engine_.status().notice.empty());
}

void MainWindow::refresh() {
    const rt::Mixer* mixer = engine_.mixer();
    if (!mixer) return;
    const rt::MixerStats& s = mixer->stats();
    const double period = s.periodNs.load();
    statusBar()->showMessage(
        tr("xruns %1 · underruns %2 · callback p99 %3 µs (%4% of period)")
            .arg(s.xruns.load())
            .arg(s.underruns.load())
            .arg(s.load.windowP99Ns.load() / 1000.0, 0, 'f', 0)
            .arg(period > 0 ? 100.0 * s.load.windowP99Ns.load() / period : 0.0, 0, 'f', 1));
    tonePanel_->refresh();
    engine_.collect();
}

} // namespace govox::ui
