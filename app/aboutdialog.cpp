#include "app/aboutdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace longshot::app {

namespace {

QLabel *plainLabel(const QString &text, QWidget *parent) {
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

} // namespace

AboutDialog::AboutDialog(const AboutInfo &info, QWidget *parent)
    : QDialog(parent) {
    setWindowTitle(tr("About Longshot"));
    auto *icon = new QLabel(this);
    icon->setPixmap(QPixmap(u":/longshot/icons/longshot-256.png"_s)
                        .scaled(72, 72, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    auto *name = plainLabel(u"Longshot "_s + QString::fromLatin1(LONGSHOT_VERSION), this);
    QFont big = name->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    name->setFont(big);
    auto *tagline = plainLabel(tr("A desktop terminal for prediction-market traders: large trades on "
                                  "Polymarket and Kalshi as they happen, and the wallets behind them."),
                               this);

    auto *form = new QFormLayout;
    form->addRow(tr("Database:"), plainLabel(info.database, this));
    form->addRow(tr("Data folder:"), plainLabel(info.dataDirectory, this));
    form->addRow(tr("Settings:"), plainLabel(info.settingsFile, this));
    form->addRow(tr("Qt:"), plainLabel(QString::fromLatin1(qVersion()), this));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *heading = new QHBoxLayout;
    heading->addWidget(icon, 0, Qt::AlignTop);
    auto *headingText = new QVBoxLayout;
    headingText->addWidget(name);
    headingText->addWidget(tagline);
    heading->addLayout(headingText, 1);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(heading);
    layout->addSpacing(8);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

} // namespace longshot::app
