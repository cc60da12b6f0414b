// Residency Atlas: the GUI without arguments (or with files), a headless command otherwise.
#include "catalogimporter.h"
#include "commands.h"
#include "importmapping.h"
#include "mainwindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMessageBox>
#include <QStandardPaths>

#include <cstdio>
#include <exception>

namespace {

// Headless commands: Qt's platform chatter is not the user's business on stderr (CI logs read
// it), but every other message still goes through.
void headlessMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg && message.startsWith(u"QStandardPaths: XDG_RUNTIME_DIR"))
        return;
    const QByteArray text = qFormatLogMessage(type, context, message).toLocal8Bit();
    std::fprintf(stderr, "%s\n", text.constData());
}

int runGui(int argc, char **argv, const QStringList &files)
{
    QApplication app(argc, argv);
    atlas::ImportMapping::preloadDefaults(); // on another core while the catalog loads
    const auto catalog = atlas::embeddedCatalog();
    if (!catalog) {
        QString text;
        for (const atlas::Diagnostic &d : catalog.error())
            text += d.toString() + u'\n';
        QMessageBox::critical(nullptr, QObject::tr("Residency Atlas"),
                              QObject::tr("The embedded catalog does not load:\n") + text);
        return atlas::ExitInternal;
    }
    atlas::MainWindow window(**catalog);
    window.show();
    // The installed copy of the sample (a file the user can open beside the findings that cite
    // it) where there is one; else the one compiled in, named "bundled sample" in messages.
    QString sample = QStandardPaths::locate(QStandardPaths::GenericDataLocation,
                                            QStringLiteral("residency-atlas/samples/northwind-ai.yaml"));
    if (sample.isEmpty())
        sample = QStringLiteral(":/samples/northwind-ai.yaml");
    window.openFiles(files.isEmpty() ? QStringList{sample} : files);
    return app.exec();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication::setOrganizationName(QStringLiteral("ResidencyAtlas"));
    QCoreApplication::setApplicationName(QStringLiteral("residency-atlas"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ATLAS_VERSION));
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    try {
        const QString first = args.value(0);
        if (first == u"--help" || first == u"-h") {
            std::fputs(atlas::generalHelp().toUtf8().constData(), stdout);
            return atlas::ExitClean;
        }
        if (first == u"--version") {
            std::printf("residency-atlas %s\n", ATLAS_VERSION);
            return atlas::ExitClean;
        }
        // A word that is neither a command nor a file ("chekc") is a mistyped command, not a
        // file to open in the GUI.
        const bool looksLikeFile = QFileInfo::exists(first) || first.contains(u'.') || first.contains(u'/');
        if (atlas::isCommand(first) || (first.startsWith(u'-') && first.size() > 1)
            || (!first.isEmpty() && !looksLikeFile)) {
            qInstallMessageHandler(headlessMessages);
            if (first == u"graph" || first == u"report") {
                // Painting needs fonts, not a display: always the offscreen platform.
                qputenv("QT_QPA_PLATFORM", "offscreen");
                QGuiApplication app(argc, argv);
                return atlas::runCommand(args);
            }
            QCoreApplication app(argc, argv);
            return atlas::runCommand(args);
        }
        return runGui(argc, argv, args);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "residency-atlas: internal error: %s\n", e.what());
        return atlas::ExitInternal;
    } catch (...) {
        std::fprintf(stderr, "residency-atlas: internal error\n");
        return atlas::ExitInternal;
    }
}
