#include "app/application.h"
#include "app/commandline.h"
#include "app/logging.h"
#include "app/paths.h"
#include "app/subcommands.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstdio>

using namespace longshot::app;
using namespace Qt::StringLiterals;

namespace {

QStringList argumentsOf(int argc, char *argv[]) {
    QStringList arguments;
    arguments.reserve(argc);
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    return arguments;
}

void print(FILE *stream, const QString &text) {
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stream);
}

} // namespace

int main(int argc, char *argv[]) {
    // qt_add_resources() output lives in a static library; nothing else references it.
    Q_INIT_RESOURCE(resources);
    setApplicationIdentity();
    installMessagePattern();

    // Parsed before any QApplication exists: help, version, errors and the headless commands
    // must work without a display. Qt's own GUI options (-platform ...) are not accepted here;
    // use the environment (QT_QPA_PLATFORM=offscreen) instead.
    const ParseResult parsed = parseCommandLine(argumentsOf(argc, argv));
    if (parsed.status != ParseStatus::Run || parsed.options.subcommand != Subcommand::Gui) {
        QCoreApplication core(argc, argv);
        switch (parsed.status) {
        case ParseStatus::ShowHelp:
            print(stdout, helpText(parsed.helpTopic));
            return 0;
        case ParseStatus::ShowVersion:
            print(stdout, versionText());
            return 0;
        case ParseStatus::Error:
            print(stderr, u"longshot: "_s + parsed.error + u'\n');
            return 2;
        case ParseStatus::Run:
            break;
        }
        switch (parsed.options.subcommand) {
        case Subcommand::Collect:
            return runCollect(parsed.options);
        case Subcommand::Export:
            return runExport(parsed.options);
        case Subcommand::Sync:
            return runSync(parsed.options);
        case Subcommand::Gui:
            break;
        }
        return 2;
    }

    QApplication app(argc, argv);
    Application application(parsed.options);
    return application.exec();
}
