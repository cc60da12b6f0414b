// Editing in the real main window, offscreen, on the bundled sample: a flow added through the
// form opens findings; a refused form says why (with "did you mean") and changes nothing; three
// datasets classified at once are one undo step; a workload deleted with what refers to it comes
// back with one undo; Shift-dragging between two workloads creates a flow; the History dock lists
// the commands; a finding is waived from its context menu; the map's context menu edits; the
// optional fields of revision 2b are set and unset through the forms.
#include "catalogimporter.h"
#include "classifydialog.h"
#include "datasetspanel.h"
#include "editactions.h"
#include "editingtest.h"
#include "entityform.h"
#include "findingspanel.h"
#include "inspector.h"
#include "mainwindow.h"
#include "mappanel.h"
#include "mapview.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDateEdit>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <QUndoView>

using namespace atlas;
using namespace atlas::editing;

class TestEditing : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void addFlowThroughForm();
    void refusedFormChangesNothing();
    void unknownRegionAsksOnce();
    void bulkClassifyIsOneUndo();
    void refusedClassifyChangesNothing();
    void deleteWithCascadeAndUndo();
    void dragCreatesFlow();
    void historyListsCommands();
    void waiveFromFindingMenu();
    void editFromMapMenuAndInspector();
    void optionalFieldsInForms();

private:
    std::unique_ptr<MainWindow> m_window;
};

void TestEditing::init()
{
    static auto catalog = embeddedCatalog();
    QVERIFY(catalog);
    m_window = std::make_unique<MainWindow>(**catalog);
    m_window->show();
    QVERIFY(openAndWait(*m_window));
    m_window->document()->setDebounceInterval(0);
}

void TestEditing::cleanup()
{
    if (m_window) m_window->document()->waitForAnalysis();
    m_window.reset();
}

void TestEditing::addFlowThroughForm()
{
    MainWindow &window = *m_window;
    Document *doc = window.document();
    const QStringList before = findingKeys(window);
    QSignalSpy findings(doc, &Document::findingsChanged);
    auto *tree = window.findChild<QTreeView *>(QStringLiteral("inventoryView"));
    const int open = expandedCount(tree);
    QVERIFY(open > 2);

    // Edit → Add Flow…: OK stays disabled until from, to and carries are filled in.
    window.findChild<QAction *>(QStringLiteral("addFlowAction"))->trigger();
    QPointer<EntityForm> form = window.findChild<EntityForm *>();
    QVERIFY(form && form->isVisible());
    QCOMPARE(form->kind(), EntityKind::Flow);
    QVERIFY(!form->okButton()->isEnabled());
    QVERIFY(form->setText(QStringLiteral("id"), QStringLiteral("ehr-copy-to-us")));
    QVERIFY(form->setText(QStringLiteral("from"), QStringLiteral("de-ehr-db")));
    QVERIFY(form->setText(QStringLiteral("to"), QStringLiteral("us-global-training")));
    QVERIFY(!form->okButton()->isEnabled());
    QVERIFY(form->setText(QStringLiteral("carries"), QStringLiteral("eu-patient-records")));
    QVERIFY(form->okButton()->isEnabled());
    QTest::mouseClick(form->okButton(), Qt::LeftButton);
    QTRY_VERIFY(!form); // closed and deleted

    const Flow *added = flow(*doc->inventory(), QStringLiteral("ehr-copy-to-us"));
    QVERIFY(added);
    QCOMPARE(added->from, QStringLiteral("de-ehr-db"));
    QCOMPARE(refIds(added->carries), QStringList{QStringLiteral("eu-patient-records")});
    QCOMPARE(doc->undoStack()->count(), 1);
    QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Add flow ehr-copy-to-us"));

    // The findings follow without a reload: raw EU health records to the US without a basis.
    settle(window);
    QCOMPARE(findings.count(), 1);
    const auto opened = findings.first().at(0).value<QList<FindingKey>>();
    QVERIFY(opened.contains(FindingKey{QStringLiteral("RES-001"), SubjectKind::Flow,
                                       QStringLiteral("ehr-copy-to-us"),
                                       QStringLiteral("eu-patient-records")}));
    const auto closed = findings.first().at(1).value<QList<FindingKey>>();
    QCOMPARE(window.findingsPanel()->model()->findingCount(),
             qsizetype(before.size() + opened.size() - closed.size()));
    for (const FindingKey &key : opened)
        QVERIFY(window.findingsPanel()->model()->indexOf(key).isValid());
    QCOMPARE(expandedCount(tree), open); // the tree, rebuilt, stays open where it was

    doc->undoStack()->undo();
    settle(window);
    QCOMPARE(findingKeys(window), before);
}

void TestEditing::refusedFormChangesNothing()
{
    MainWindow &window = *m_window;
    Document *doc = window.document();
    const auto inventory = doc->inventory();
    QPointer<EntityForm> form = window.editActions()->addEntity(EntityKind::Flow);
    QVERIFY(form);
    form->setText(QStringLiteral("from"), QStringLiteral("de-ehr-dbb")); // a typo
    form->setText(QStringLiteral("to"), QStringLiteral("us-global-training"));
    form->setText(QStringLiteral("carries"),
                  QStringLiteral("eu-patient-records, EU-CLAIMS-HISTORY"));
    form->okButton()->click();

    QVERIFY(form && form->isVisible()); // kept open, every message shown
    const QString shown = form->messages()->text();
    QVERIFY2(form->messages()->isVisible(), qPrintable(shown));
    QVERIFY2(shown.contains(u"names unknown workload 'de-ehr-dbb' (did you mean 'de-ehr-db'?)"),
             qPrintable(shown));
    // An id refused for its syntax gets its suggestion from the form.
    QVERIFY2(shown.contains(u"invalid id 'EU-CLAIMS-HISTORY'"), qPrintable(shown));
    QVERIFY2(shown.contains(
                 u"carries 'EU-CLAIMS-HISTORY' is not known (did you mean 'eu-claims-history'?)"),
             qPrintable(shown));
    QCOMPARE(doc->inventory(), inventory);
    QCOMPARE(doc->undoStack()->count(), 0);
    QVERIFY(!doc->isBusy());

    // Corrected, the same form applies.
    form->setText(QStringLiteral("from"), QStringLiteral("de-ehr-db"));
    form->setText(QStringLiteral("carries"),
                  QStringLiteral("eu-patient-records, eu-claims-history"));
    form->okButton()->click();
    QTRY_VERIFY(!form);
    QVERIFY(
        flow(*doc->inventory(), QStringLiteral("de-ehr-db--us-global-training"))); // the default id
}

void TestEditing::unknownRegionAsksOnce()
{
    MainWindow &window = *m_window;
    Document *doc = window.document();
    QPointer<EntityForm> form = window.editActions()->addEntity(EntityKind::Workload);
    form->setText(QStringLiteral("id"), QStringLiteral("eu-new-cache"));
    form->setText(QStringLiteral("location"), QStringLiteral("aws:eu-centrall-1"));
    form->okButton()->click();
    QVERIFY(form && form->isVisible());
    QVERIFY2(form->messages()->text().contains(u"(did you mean 'aws:eu-central-1'?)"),
             qPrintable(form->messages()->text()));
    QCOMPARE(form->okButton()->text(), QStringLiteral("Apply Anyway"));
    QCOMPARE(doc->undoStack()->count(), 0);
    form->okButton()->click(); // as it is: unknown residency, as a file with it would load
    QTRY_VERIFY(!form);
    QCOMPARE(doc->inventory()->workload(QStringLiteral("eu-new-cache"))->location,
             QStringLiteral("aws:eu-centrall-1"));
}

void TestEditing::bulkClassifyIsOneUndo()
{
    MainWindow &window = *m_window;
    Document *doc = window.document();
    const QByteArray stateBefore = state(*doc->inventory());
    const QStringList keysBefore = findingKeys(window);
    const QStringList ids{QStringLiteral("group-app-logs"), QStringLiteral("scratch-metrics"),
                          QStringLiteral("uk-app-logs")};

    // Select three rows of the Datasets tab (extended selection).
    DatasetsPanel *datasets = window.datasetsTable();
    datasets->clearSelection();
    for (int r = 0; r < datasets->rowCount(); ++r)
        if (ids.contains(datasets->item(r, DatasetsPanel::Id)->text()))
            datasets->selectionModel()->select(datasets->model()->index(r, 0),
                                               QItemSelectionModel::Select |
                                                   QItemSelectionModel::Rows);
    QCOMPARE(window.editActions()->selection().kind, EntityKind::Dataset);
    QCOMPARE(QSet<QString>(window.editActions()->selection().ids.begin(),
                           window.editActions()->selection().ids.end()),
             QSet<QString>(ids.begin(), ids.end()));
    QAction *classify = window.findChild<QAction *>(QStringLiteral("classifyAction"));
    QVERIFY(classify->isEnabled());
    classify->trigger();
    QPointer<ClassifyDialog> dialog = window.findChild<ClassifyDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    CategorySet personal;
    personal.insert(Category::Personal);
    dialog->setClassifying(
        Classifying{Classification::Restricted, personal, true, QStringLiteral("EU")});
    dialog->accept();
    QTRY_VERIFY(!dialog);

    QCOMPARE(doc->undoStack()->count(), 1); // one step for the three
    for (const QString &id : ids) {
        const Dataset *d = doc->inventory()->dataset(id);
        QCOMPARE(d->classification, Classification::Restricted);
        QVERIFY(d->categories.contains(Category::Personal));
        QVERIFY(d->categories.contains(Category::Logs) ||
                d->categories.contains(Category::Metrics)); // added, not replaced
        QCOMPARE(d->origin, QStringLiteral("EU"));
    }
    settle(window);
    QVERIFY(findingKeys(window) != keysBefore); // restricted personal data now: RES-005 and others

    doc->undoStack()->undo(); // one undo restores all three, exactly
    QCOMPARE(state(*doc->inventory()), stateBefore);
    settle(window);
    QCOMPARE(findingKeys(window), keysBefore);
}

void TestEditing::refusedClassifyChangesNothing()
{
    MainWindow &window = *m_window;
    Document *doc = window.document();
    const auto inventory = doc->inventory();
    // The last one is public without origin: restricted, it needs one.
    QPointer<ClassifyDialog> dialog = window.editActions()->classify(
        {QStringLiteral("group-app-logs"), QStringLiteral("scratch-metrics"),
         QStringLiteral("public-medical-corpus")});
    dialog->setClassifying(
        Classifying{Classification::Restricted, std::nullopt, false, std::nullopt});
    dialog->accept();
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY2(dialog->messages()->text().contains(
                 u"missing required field 'origin' in dataset 'public-medical-corpus'"),
             qPrintable(dialog->messages()->text()));
    QCOMPARE(doc->inventory(), inventory); // not even the first two
    QCOMPARE(doc->undoStack()->count(), 0);
    QVERIFY(!doc->isBusy());

    dialog->setClassifying(Classifying{std::nullopt, std::nullopt, false, QStringLiteral("EUU")});
    dialog->accept();
    QVERIFY2(dialog->messages()->text().contains(u"(did you mean 'EU'?)"),
             qPrintable(dialog->messages()->text()));
    QCOMPARE(doc->inventory(), inventory);
    dialog->reject();
}

void TestEditing::deleteWithCascadeAndUndo()
{
    MainWindow &window = *m_window;
    Document *doc = window.document();
    const QByteArray stateBefore = state(*doc->inventory());
    const QStringList keysBefore = findingKeys(window);
    MapView *map = window.mapPanel()->view();
    QVERIFY(map->selectWorkload(QStringLiteral("de-ehr-db")));
    Q_EMIT map->workloadSelected(QStringLiteral("de-ehr-db")); // as a click would
    QAction *remove = window.findChild<QAction *>(QStringLiteral("deleteSelectedAction"));
    QCOMPARE(remove->text(), QStringLiteral("&Delete workload de-ehr-db"));

    // Asked, with the list of what refers to it; Cancel changes nothing.
    auto asked = answerNextQuestion(QStringLiteral("Cancel"));
    remove->trigger();
    QVERIFY2(asked->contains(u"flow 'ehr-to-us-training' (from)"), qPrintable(*asked));
    QVERIFY(asked->contains(u"waiver RES-007"));
    QCOMPARE(state(*doc->inventory()), stateBefore);
    QCOMPARE(doc->undoStack()->count(), 0);

    asked = answerNextQuestion(QStringLiteral("Delete All"));
    remove->trigger();
    QVERIFY(!doc->inventory()->workload(QStringLiteral("de-ehr-db")));
    QVERIFY(!flow(*doc->inventory(), QStringLiteral("ehr-to-us-training")));
    QVERIFY(std::none_of(doc->inventory()->waivers.begin(), doc->inventory()->waivers.end(),
                         [](const Waiver &w) { return w.subject == u"de-ehr-db"; }));
    QCOMPARE(doc->undoStack()->count(), 1);
    QVERIFY(window.editActions()->selection().ids.isEmpty()); // what is gone is not selected
    settle(window);
    for (const QString &key : findingKeys(window))
        QVERIFY2(!key.contains(u"/ehr-to-us-training/"), qPrintable(key));

    window.findChild<QAction *>(QStringLiteral("undoAction"))->trigger();
    QCOMPARE(state(*doc->inventory()), stateBefore);
    settle(window);
    QCOMPARE(findingKeys(window), keysBefore);
    window.findChild<QAction *>(QStringLiteral("redoAction"))->trigger();
    QVERIFY(!doc->inventory()->workload(QStringLiteral("de-ehr-db")));
}

void TestEditing::dragCreatesFlow()
{
    MainWindow &window = *m_window;
    window.resize(1500, 950);
    Document *doc = window.document();
    MapView *view = window.mapPanel()->view();
    view->fit();
    QCoreApplication::processEvents();
    const QPoint from = nodeCentre(view, QStringLiteral("de-ehr-db"));
    const QPoint to = nodeCentre(view, QStringLiteral("us-llm-finetune"));
    QVERIFY(view->viewport()->rect().contains(from) && view->viewport()->rect().contains(to));

    // Without Shift a drag pans or selects, as before: no form.
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, from);
    QTest::mouseMove(view->viewport(), to);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, to);
    QVERIFY(!window.findChild<EntityForm *>());

    QTest::mousePress(view->viewport(), Qt::LeftButton, Qt::ShiftModifier, from);
    QTest::mouseMove(view->viewport(), (from + to) / 2);
    QTest::mouseMove(view->viewport(), to);
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, Qt::ShiftModifier, to);
    QPointer<EntityForm> form = window.findChild<EntityForm *>();
    QVERIFY(form && form->isVisible());
    QCOMPARE(qobject_cast<QLineEdit *>(form->field(QStringLiteral("from")))->text(),
             QStringLiteral("de-ehr-db"));
    QCOMPARE(qobject_cast<QLineEdit *>(form->field(QStringLiteral("to")))->text(),
             QStringLiteral("us-llm-finetune"));
    QVERIFY(!form->okButton()->isEnabled()); // carries is for the user to say
    form->setText(QStringLiteral("carries"), QStringLiteral("eu-patient-records"));
    form->okButton()->click();
    QTRY_VERIFY(!form);
    const Flow *added = flow(*doc->inventory(), QStringLiteral("de-ehr-db--us-llm-finetune"));
    QVERIFY(added);
    QCOMPARE(added->to, QStringLiteral("us-llm-finetune"));
    QSignalSpy layout(window.mapPanel(), &MapPanel::layoutFinished);
    settle(window);
    QVERIFY(layout.count() > 0 || layout.wait(60000));
    QVERIFY(window.mapPanel()->view()->selectFlow(added->id)); // drawn on the map, no reload
}

void TestEditing::historyListsCommands()
{
    MainWindow &window = *m_window;
    Document *doc = window.document();
    auto *dock = window.findChild<QDockWidget *>(QStringLiteral("historyDock"));
    QVERIFY(dock);
    auto *viewMenu = window.menuBar()->findChild<QMenu *>(QStringLiteral("viewMenu"));
    QVERIFY(viewMenu && viewMenu->actions().contains(dock->toggleViewAction()));
    auto *history = window.findChild<QUndoView *>(QStringLiteral("historyView"));
    QCOMPARE(history->stack(), doc->undoStack());
    const QByteArray stateBefore = state(*doc->inventory());

    QPointer<ClassifyDialog> classify = window.editActions()->classify(
        {QStringLiteral("scratch-metrics"), QStringLiteral("uk-app-logs")});
    classify->setClassifying(
        Classifying{Classification::Sensitive, std::nullopt, false, std::nullopt});
    classify->accept();
    Flow edited = *flow(*doc->inventory(), QStringLiteral("ehr-to-us-training"));
    QPointer<EntityForm> form = window.editActions()->editEntity(EntityKind::Flow, edited.id);
    QVERIFY(form);
    qobject_cast<QComboBox *>(form->field(QStringLiteral("form")))
        ->setCurrentText(QStringLiteral("aggregated"));
    form->okButton()->click();
    QTRY_VERIFY(!form);
    QCOMPARE(flow(*doc->inventory(), edited.id)->form, FlowForm::Aggregated);

    // The empty state, then one row per command, named as the undo stack names them.
    QAbstractItemModel *model = history->model();
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("<as opened>"));
    QCOMPARE(model->index(1, 0).data().toString(), QStringLiteral("Classify 2 datasets"));
    QCOMPARE(model->index(2, 0).data().toString(),
             QStringLiteral("Change flow ehr-to-us-training"));

    const QString shots = qEnvironmentVariable("ATLAS_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        window.resize(1400, 900);
        dock->show();
        dock->raise();
        settle(window);
        QTRY_VERIFY_WITH_TIMEOUT(!window.mapPanel()->isBusy(), 60000);
        QCoreApplication::processEvents();
        window.mapPanel()->view()->fitWidth();
        QVERIFY(window.mapPanel()->view()->selectFlow(edited.id));
        QTest::qWait(100);
        QVERIFY(window.grab().save(shots + QStringLiteral("/editing-history.png")));
    }

    // Clicking the first row goes back to the inventory as opened.
    history->setCurrentIndex(model->index(0, 0));
    QCOMPARE(doc->undoStack()->index(), 0);
    QCOMPARE(state(*doc->inventory()), stateBefore);
}

void TestEditing::waiveFromFindingMenu()
{
    MainWindow &window = *m_window;
    Document *doc = window.document();
    FindingsPanel *panel = window.findingsPanel();
    const FindingKey key{QStringLiteral("RES-001"), SubjectKind::Flow,
                         QStringLiteral("ehr-to-us-training"),
                         QStringLiteral("eu-patient-records")};
    const QModelIndex index = panel->model()->indexOf(key);
    QVERIFY(index.isValid());
    QCOMPARE(panel->model()->finding(index)->status, FindingStatus::Open);
    window.resize(1400, 900);
    QCoreApplication::processEvents();
    window.mapPanel()->view()->fitWidth();
    const QModelIndex viewIndex = panel->filter()->mapFromSource(index);
    panel->view()->setCurrentIndex(viewIndex); // a right click selects the row first
    std::unique_ptr<QMenu> menu(panel->contextMenu(viewIndex, nullptr));
    QVERIFY(menu);
    QAction *waive = menu->findChild<QAction *>(QStringLiteral("waiveFindingAction"));
    QVERIFY(waive);
    waive->trigger();
    QPointer<EntityForm> form = window.findChild<EntityForm *>();
    QVERIFY(form);
    QCOMPARE(form->kind(), EntityKind::Waiver);
    QCOMPARE(qobject_cast<QLineEdit *>(form->field(QStringLiteral("rule")))->text(),
             QStringLiteral("RES-001"));
    QCOMPARE(qobject_cast<QLineEdit *>(form->field(QStringLiteral("subject")))->text(),
             QStringLiteral("ehr-to-us-training"));
    QVERIFY(!form->okButton()->isEnabled()); // reason and approver are the user's to give
    form->setText(QStringLiteral("reason"),
                  QStringLiteral("Pipeline retired next quarter; DPO accepted the risk"));
    form->setText(QStringLiteral("approved_by"), QStringLiteral("dpo@northwind.example"));
    QVERIFY(form->okButton()->isEnabled());

    const QString shots = qEnvironmentVariable("ATLAS_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        window.resize(1400, 900);
        QTest::qWait(100);
        QVERIFY(withDialog(window, form).save(shots + QStringLiteral("/editing-form.png")));
    }

    form->okButton()->click();
    QTRY_VERIFY(!form);
    settle(window);
    const QModelIndex waived = panel->model()->indexOf(key);
    QVERIFY(waived.isValid());
    QCOMPARE(panel->model()->finding(waived)->status, FindingStatus::Waived);
    QCOMPARE(doc->inventory()->waivers.back().approvedBy, QStringLiteral("dpo@northwind.example"));

    // A waived finding's menu edits or removes its waiver.
    menu.reset(panel->contextMenu(panel->filter()->mapFromSource(waived), nullptr));
    QVERIFY(!menu->findChild<QAction *>(QStringLiteral("waiveFindingAction")));
    menu->findChild<QAction *>(QStringLiteral("removeWaiverAction"))->trigger();
    settle(window);
    QCOMPARE(panel->model()->finding(panel->model()->indexOf(key))->status, FindingStatus::Open);
    QCOMPARE(doc->undoStack()->count(), 2);
}

void TestEditing::editFromMapMenuAndInspector()
{
    MainWindow &window = *m_window;
    window.resize(1500, 950);
    Document *doc = window.document();
    MapView *view = window.mapPanel()->view();
    view->fit();
    QCoreApplication::processEvents();
    const QPoint at = nodeCentre(view, QStringLiteral("de-ehr-db"));

    // A right click selects the workload and offers its edits.
    QContextMenuEvent event(QContextMenuEvent::Mouse, at, view->viewport()->mapToGlobal(at));
    QApplication::sendEvent(view->viewport(), &event);
    QCOMPARE(view->selectedIds(), QStringList{QStringLiteral("de-ehr-db")});
    auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
    QVERIFY(menu);
    QVERIFY(menu->findChild<QAction *>(QStringLiteral("addFlowFromAction")));
    QVERIFY(menu->findChild<QAction *>(QStringLiteral("deleteEntityAction")));
    menu->findChild<QAction *>(QStringLiteral("editEntityAction"))->trigger();
    menu->close();
    QPointer<EntityForm> form = window.findChild<EntityForm *>();
    QVERIFY(form);
    QCOMPARE(form->windowTitle(), QStringLiteral("Edit workload de-ehr-db"));
    QCOMPARE(qobject_cast<QLineEdit *>(form->field(QStringLiteral("location")))->text(),
             QStringLiteral("aws:eu-central-1"));
    QCOMPARE(qobject_cast<QLineEdit *>(form->field(QStringLiteral("tags")))->text(),
             QStringLiteral("team=clinical, criticality=tier-1"));
    form->setText(QStringLiteral("location"), QStringLiteral("aws:us-east-1"));
    form->okButton()->click();
    QTRY_VERIFY(!form);
    QCOMPARE(doc->inventory()->workload(QStringLiteral("de-ehr-db"))->location,
             QStringLiteral("aws:us-east-1"));
    QCOMPARE(doc->inventory()->workload(QStringLiteral("de-ehr-db"))->tags.size(), 2);
    QCOMPARE(doc->undoStack()->undoText(), QStringLiteral("Change workload de-ehr-db"));

    // The inspector's buttons act on the selection and say which it is.
    auto *edit = window.findChild<QToolButton *>(QStringLiteral("editSelectedActionButton"));
    QVERIFY(edit && edit->isEnabled());
    QVERIFY2(edit->text().contains(u"workload de-ehr-db"), qPrintable(edit->text()));
    edit->click();
    form = window.findChild<EntityForm *>();
    QVERIFY(form);
    form->reject();
    QTRY_VERIFY(!form);
    QCOMPARE(doc->undoStack()->count(), 1);
}

// Revision 2b's fields in the forms: training_basis offers "unknown" before its `none`,
// geo_redundant and notified are tri-state like encrypted, and assessed may stay unrecorded.
// Set through a form, each is in the inventory and the inspector and shown when the form opens
// again; "unknown" and an unchecked date unset them; undo takes it all back.
void TestEditing::optionalFieldsInForms()
{
    MainWindow &window = *m_window;
    Document *doc = window.document();
    EditActions *actions = window.editActions();
    const QByteArray before = state(*doc->inventory());
    const QString flowId = QStringLiteral("ehr-to-us-training");
    QPointer<EntityForm> form = actions->editEntity(EntityKind::Flow, flowId);
    QVERIFY(form);
    auto *notified = qobject_cast<QComboBox *>(form->field(QStringLiteral("notified")));
    QWidget *assessed = form->field(QStringLiteral("assessed"));
    QVERIFY(notified && assessed);
    QCOMPARE(notified->currentText(), QStringLiteral("unknown (not set)"));
    auto *recorded = assessed->findChild<QCheckBox *>();
    auto *date = assessed->findChild<QDateEdit *>();
    QVERIFY(recorded && date && !recorded->isChecked() && !date->isEnabled());
    notified->setCurrentText(QStringLiteral("true"));
    recorded->setChecked(true);
    QVERIFY(date->isEnabled());
    date->setDate(QDate(2026, 10, 15));
    form->okButton()->click();
    QTRY_VERIFY(!form);
    QCOMPARE(flow(*doc->inventory(), flowId)->notified, std::optional(true));
    QCOMPARE(flow(*doc->inventory(), flowId)->assessed, QDate(2026, 10, 15));
    QVERIFY(inventoryToYaml(*doc->inventory()).contains("    notified: true\n    assessed: 2026-10-15\n"));
    settle(window);
    const QString html = flowsInspectorHtml(doc->snapshot()->facts, doc->snapshot()->findings, {flowId});
    QVERIFY2(html.contains(u"yes · 2026-10-15"), qPrintable(html));

    form = actions->editEntity(EntityKind::Flow, flowId);
    QVERIFY(form);
    notified = qobject_cast<QComboBox *>(form->field(QStringLiteral("notified")));
    recorded = form->field(QStringLiteral("assessed"))->findChild<QCheckBox *>();
    date = form->field(QStringLiteral("assessed"))->findChild<QDateEdit *>();
    QCOMPARE(notified->currentText(), QStringLiteral("true"));
    QVERIFY(recorded->isChecked());
    QCOMPARE(date->date(), QDate(2026, 10, 15));
    notified->setCurrentIndex(0);
    recorded->setChecked(false);
    form->okButton()->click();
    QTRY_VERIFY(!form);
    const Flow *unset = flow(*doc->inventory(), flowId);
    QVERIFY(!unset->notified && !unset->assessed.isValid());
    QCOMPARE(unset->present & (fields::flow::Notified | fields::flow::Assessed), FieldMask(0));

    form = actions->editEntity(EntityKind::Dataset, QStringLiteral("eu-patient-records"));
    QVERIFY(form);
    auto *basis = qobject_cast<QComboBox *>(form->field(QStringLiteral("training_basis")));
    QVERIFY(basis && basis->itemText(0) == QStringLiteral("unknown (not set)"));
    QCOMPARE(basis->itemText(basis->count() - 1), QStringLiteral("none"));
    QCOMPARE(basis->currentIndex(), 0);
    basis->setCurrentText(QStringLiteral("none"));
    form->okButton()->click();
    QTRY_VERIFY(!form);
    QCOMPARE(doc->inventory()->dataset(QStringLiteral("eu-patient-records"))->trainingBasis,
             std::optional(TrainingBasis::None));

    form = actions->editEntity(EntityKind::Workload, QStringLiteral("de-ehr-db"));
    QVERIFY(form);
    auto *geo = qobject_cast<QComboBox *>(form->field(QStringLiteral("geo_redundant")));
    QVERIFY(geo);
    QCOMPARE(geo->currentText(), QStringLiteral("unknown (not set)"));
    geo->setCurrentText(QStringLiteral("false"));
    form->okButton()->click();
    QTRY_VERIFY(!form);
    QCOMPARE(doc->inventory()->workload(QStringLiteral("de-ehr-db"))->geoRedundant, std::optional(false));

    form = actions->editEntity(EntityKind::Access, QStringLiteral("us-ds-debug"));
    QVERIFY(form);
    qobject_cast<QComboBox *>(form->field(QStringLiteral("notified")))->setCurrentText(QStringLiteral("false"));
    form->field(QStringLiteral("assessed"))->findChild<QCheckBox *>()->setChecked(true);
    form->field(QStringLiteral("assessed"))->findChild<QDateEdit *>()->setDate(QDate(2026, 9, 1));
    form->okButton()->click();
    QTRY_VERIFY(!form);
    const Access &access = doc->inventory()->access.front();
    QCOMPARE(access.id, QStringLiteral("us-ds-debug"));
    QCOMPARE(access.notified, std::optional(false));
    QCOMPARE(access.assessed, QDate(2026, 9, 1));

    QCOMPARE(doc->undoStack()->count(), 5);
    while (doc->undoStack()->canUndo())
        doc->undoStack()->undo();
    QCOMPARE(state(*doc->inventory()), before);
}

QTEST_MAIN(TestEditing)
#include "tst_editing.moc"
