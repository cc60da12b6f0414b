// Helpers of tst_editing: opening the sample in the real window, waiting for an edit's
// re-analysis, the inventory's state and findings to compare, answering a message box that
// exec() shows, where a workload is on the map, and the screenshots' composition.
#pragma once

#include "inventorywriter.h"
#include "mainwindow.h"
#include "mappanel.h"
#include "maptoolbar.h"
#include "mapview.h"

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QPainter>
#include <QSignalSpy>
#include <QTimer>
#include <QTreeView>
#include <memory>

namespace atlas::editing {

inline const QString sample =
    QStringLiteral(":/samples/northwind-ai.yaml"); // positions named as users see them

inline bool openAndWait(MainWindow &window)
{
    QSignalSpy spy(&window, &MainWindow::analysisFinished);
    QSignalSpy map(window.mapPanel(), &MapPanel::layoutFinished);
    window.openFiles({sample});
    if (!spy.wait(30000) || !spy.takeFirst().at(0).toBool()) return false;
    // The edits start on the region map (a document opens on the overview).
    window.mapPanel()->setMode(MapMode::Regions);
    return !map.isEmpty() || map.wait(60000);
}

// The edit's re-analysis has produced its snapshot and the panels show it.
inline void settle(MainWindow &window)
{
    window.document()->waitForAnalysis();
    QCoreApplication::processEvents();
}

// The inventory as the format writes it, with every flow's position and the file table: equal
// bytes, the same state (as tst_document compares it).
inline QByteArray state(const Inventory &inventory)
{
    QByteArray out = inventoryToJson(inventory);
    for (const Flow &f : inventory.flows)
        out += f.id.toUtf8() + ':' + QByteArray::number(f.source.line) + ';';
    return out + inventory.files.join(u'|').toUtf8();
}

inline QStringList findingKeys(const MainWindow &window)
{
    QStringList keys;
    for (const Finding &f : window.document()->snapshot()->findings)
        keys << findingKey(f).toString() + u' ' + findingStatusName(f.status);
    keys.sort();
    return keys;
}

inline const Flow *flow(const Inventory &inventory, const QString &id)
{
    for (const Flow &f : inventory.flows)
        if (f.id == id) return &f;
    return nullptr;
}

// How many entries of the inventory tree are open (leaves may count as expanded in Qt's
// bookkeeping, but show nothing more).
inline int expandedCount(const QTreeView *view, const QModelIndex &parent = {})
{
    int count = 0;
    for (int row = 0; row < view->model()->rowCount(parent); ++row) {
        const QModelIndex index = view->model()->index(row, 0, parent);
        if (view->model()->hasChildren(index) && view->isExpanded(index))
            count += 1 + expandedCount(view, index);
    }
    return count;
}

// A dialog drawn over the window with its title, as the user sees it: the offscreen platform
// grabs each top-level window alone, without the frame the window manager draws.
inline QPixmap withDialog(QWidget &window, QWidget *dialog)
{
    QPixmap shot = window.grab();
    const QPixmap inner = dialog->grab();
    const int title = 28;
    const QRect frame((shot.width() - inner.width()) / 2, (shot.height() - inner.height()) / 3,
                      inner.width(), inner.height() + title);
    QPainter painter(&shot);
    painter.fillRect(frame.adjusted(-1, -1, 1, 1), window.palette().color(QPalette::Mid));
    painter.fillRect(frame.adjusted(0, 0, 0, -inner.height()),
                     window.palette().color(QPalette::Button));
    painter.setPen(window.palette().color(QPalette::ButtonText));
    QFont bold = window.font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.drawText(frame.adjusted(0, 0, 0, -inner.height()), Qt::AlignCenter,
                     dialog->windowTitle());
    painter.drawPixmap(frame.left(), frame.top() + title, inner);
    return shot;
}

// Clicks `button` of the next message box once it is shown (exec() blocks until then) and
// returns its text, so that the test can say what it asked.
inline std::shared_ptr<QString> answerNextQuestion(const QString &button)
{
    auto text = std::make_shared<QString>();
    auto *poll = new QTimer(qApp);
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, text, button] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box) return;
        poll->stop();
        poll->deleteLater();
        *text = box->text();
        for (QAbstractButton *b : box->buttons())
            if (b->text().remove(u'&') == button) {
                b->click();
                break;
            }
    });
    poll->start();
    return text;
}

// The centre of workload `id` on the map, in the viewport's coordinates.
inline QPoint nodeCentre(MapView *view, const QString &id)
{
    const MapScene &scene = view->mapScene();
    for (std::size_t n = 0; n < scene.graph.nodes.size(); ++n)
        if (scene.graph.nodes[n].id == id)
            return view->mapFromScene(scene.layout.nodes[n].center());
    return {-1, -1};
}

} // namespace atlas::editing
