#include "editactions.h"

#include "classifydialog.h"
#include "document.h"
#include "entityform.h"
#include "removeentity.h"

#include <QAction>
#include <QCursor>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QUndoStack>
#include <QWidget>
#include <algorithm>

namespace atlas {

namespace {

// A new entity of `kind`, every field empty.
EntityValue blank(EntityKind kind)
{
    switch (kind) {
    case EntityKind::Site:
        return Site{};
    case EntityKind::Dataset:
        return Dataset{};
    case EntityKind::Workload:
        return Workload{};
    case EntityKind::Flow:
        return Flow{};
    case EntityKind::Access:
        return Access{};
    case EntityKind::Waiver:
        return Waiver{};
    }
    return Dataset{};
}

template <typename T> const T *byId(const std::vector<T> &list, const QString &id)
{
    const auto it = std::find_if(list.begin(), list.end(), [&](const T &e) { return e.id == id; });
    return it == list.end() ? nullptr : &*it;
}

// The entity `id` of `kind` as the inventory has it (a waiver's id is its position).
std::optional<EntityValue> find(const Inventory &inventory, EntityKind kind, const QString &id)
{
    switch (kind) {
    case EntityKind::Site:
        if (const Site *s = inventory.site(id)) return *s;
        break;
    case EntityKind::Dataset:
        if (const Dataset *d = inventory.dataset(id)) return *d;
        break;
    case EntityKind::Workload:
        if (const Workload *w = inventory.workload(id)) return *w;
        break;
    case EntityKind::Flow:
        if (const Flow *f = byId(inventory.flows, id)) return *f;
        break;
    case EntityKind::Access:
        if (const Access *a = byId(inventory.access, id)) return *a;
        break;
    case EntityKind::Waiver: {
        bool ok = false;
        const std::size_t index = id.toULongLong(&ok);
        if (ok && index < inventory.waivers.size()) return inventory.waivers[index];
        break;
    }
    }
    return std::nullopt;
}

// "workload de-ehr-db", "waiver RES-007 on de-ehr-db".
QString labelOf(const Inventory *inventory, EntityKind kind, const QString &id)
{
    if (kind == EntityKind::Waiver && inventory)
        if (auto value = find(*inventory, kind, id))
            return QStringLiteral("waiver ") + std::get<Waiver>(*value).rule +
                   QStringLiteral(" on ") + std::get<Waiver>(*value).subject;
    return entityKindName(kind) + u' ' + id;
}

// "3 flows", "2 access entries".
QString counted(qsizetype count, EntityKind kind)
{
    const QString plural = kind == EntityKind::Access ? QStringLiteral("access entries")
                                                      : QString(entityKindName(kind) + u's');
    return QString::number(count) + u' ' + plural;
}

QString listOf(const std::vector<Referrer> &referrers)
{
    QStringList lines;
    for (const Referrer &r : referrers)
        lines << QStringLiteral("• ") + r.label() + QStringLiteral(" (") + r.field + u')';
    lines.removeDuplicates();
    constexpr int shown = 12;
    if (lines.size() > shown) {
        const qsizetype more = lines.size() - shown;
        lines = lines.mid(0, shown);
        lines << EditActions::tr("… and %1 more (Show Details)").arg(more);
    }
    return lines.join(u'\n');
}

} // namespace

EditActions::EditActions(Document *document, QWidget *window)
    : QObject(window), m_document(document), m_window(window)
{
    QUndoStack *stack = document->undoStack();
    m_undo = stack->createUndoAction(this, tr("&Undo"));
    m_undo->setObjectName(QStringLiteral("undoAction"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_redo = stack->createRedoAction(this, tr("&Redo"));
    m_redo->setObjectName(QStringLiteral("redoAction"));
    // Ctrl+Shift+Z everywhere, and the platform's own redo key where that is another.
    QList<QKeySequence> redoKeys{QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)};
    for (const QKeySequence &key : QKeySequence::keyBindings(QKeySequence::Redo))
        if (!redoKeys.contains(key)) redoKeys << key;
    m_redo->setShortcuts(redoKeys);

    const std::array<std::pair<QString, const char *>, 6> adds{{
        {tr("Add &Site…"), "addSiteAction"},
        {tr("Add &Dataset…"), "addDatasetAction"},
        {tr("Add &Workload…"), "addWorkloadAction"},
        {tr("Add &Flow…"), "addFlowAction"},
        {tr("Add &Access Entry…"), "addAccessAction"},
        {tr("Add Wai&ver…"), "addWaiverAction"},
    }};
    for (std::size_t k = 0; k < adds.size(); ++k) {
        m_add[k] = new QAction(adds[k].first, this);
        m_add[k]->setObjectName(QString::fromLatin1(adds[k].second));
        connect(m_add[k], &QAction::triggered, this, [this, k] { addEntity(EntityKind(k)); });
    }
    m_editSelected = new QAction(tr("&Edit Selected…"), this);
    m_editSelected->setObjectName(QStringLiteral("editSelectedAction"));
    m_editSelected->setShortcut(QKeySequence(Qt::Key_F2));
    connect(m_editSelected, &QAction::triggered, this, &EditActions::editSelected);
    m_removeSelected = new QAction(tr("&Delete"), this);
    m_removeSelected->setObjectName(QStringLiteral("deleteSelectedAction"));
    connect(m_removeSelected, &QAction::triggered, this, &EditActions::removeSelected);
    m_classify = new QAction(tr("&Classify Selected Datasets…"), this);
    m_classify->setObjectName(QStringLiteral("classifyAction"));
    connect(m_classify, &QAction::triggered, this, [this] {
        if (m_selection.kind == EntityKind::Dataset) classify(m_selection.ids);
    });

    connect(document, &Document::inventoryChanged, this, &EditActions::forgetRemoved);
    connect(document, &Document::snapshotChanged, this,
            [this](const std::shared_ptr<const AnalysisSnapshot> &, SnapshotChange change) {
                if (change == SnapshotChange::Opened) setSelection(EntityKind::Workload, {});
                updateActions();
            });
    updateActions();
}

EntityKind EditActions::entityOf(SubjectKind kind)
{
    switch (kind) {
    case SubjectKind::Flow:
        return EntityKind::Flow;
    case SubjectKind::Access:
        return EntityKind::Access;
    case SubjectKind::Dataset:
        return EntityKind::Dataset;
    case SubjectKind::Holding:
    case SubjectKind::Workload:
        return EntityKind::Workload;
    }
    return EntityKind::Workload;
}

void EditActions::setSelection(EntityKind kind, QStringList ids)
{
    m_selection = Selection{kind, std::move(ids)};
    updateActions();
    Q_EMIT selectionChanged();
}

void EditActions::forgetRemoved()
{
    const std::shared_ptr<const Inventory> inventory = m_document->inventory();
    QStringList kept;
    for (const QString &id : m_selection.ids)
        if (inventory && find(*inventory, m_selection.kind, id)) kept << id;
    if (kept != m_selection.ids)
        setSelection(m_selection.kind, kept);
    else
        updateActions();
}

void EditActions::updateActions()
{
    const Inventory *inventory = m_document->inventory().get();
    for (QAction *add : m_add)
        add->setEnabled(inventory != nullptr);
    const QStringList &ids = m_selection.ids;
    const bool any = inventory && !ids.isEmpty();
    m_editSelected->setEnabled(any);
    m_removeSelected->setEnabled(any);
    m_classify->setEnabled(any && m_selection.kind == EntityKind::Dataset);
    // The menu says what Edit and Delete will act on.
    const QString what = ids.size() == 1 ? labelOf(inventory, m_selection.kind, ids.front())
                                         : counted(ids.size(), m_selection.kind);
    m_editSelected->setText(any ? tr("&Edit %1…").arg(what) : tr("&Edit Selected…"));
    m_removeSelected->setText(any ? tr("&Delete %1").arg(what) : tr("&Delete"));
}

EntityForm *EditActions::openForm(EntityValue value, std::optional<QString> id)
{
    auto *form = new EntityForm(m_document, std::move(value), std::move(id), m_window);
    form->setAttribute(Qt::WA_DeleteOnClose);
    connect(form, &EntityForm::applied, this, &EditActions::status);
    form->open();
    return form;
}

EntityForm *EditActions::addEntity(EntityKind kind)
{
    EntityValue value = blank(kind);
    // Started from what is selected: a flow from the selected workload, a waiver of it.
    const bool one = m_selection.ids.size() == 1;
    if (auto *flow = std::get_if<Flow>(&value);
        flow && one && m_selection.kind == EntityKind::Workload)
        flow->from = m_selection.ids.front();
    if (auto *waiver = std::get_if<Waiver>(&value); waiver && one &&
                                                    m_selection.kind != EntityKind::Waiver &&
                                                    m_selection.kind != EntityKind::Site)
        waiver->subject = m_selection.ids.front();
    return addEntity(std::move(value));
}

EntityForm *EditActions::addEntity(EntityValue prefill)
{
    if (!m_document->inventory()) return nullptr;
    return openForm(std::move(prefill), std::nullopt);
}

EntityForm *EditActions::editEntity(EntityKind kind, const QString &id)
{
    const std::shared_ptr<const Inventory> inventory = m_document->inventory();
    auto value = inventory ? find(*inventory, kind, id) : std::nullopt;
    if (!value) {
        Q_EMIT status(tr("%1 is no longer in the inventory").arg(labelOf(nullptr, kind, id)));
        return nullptr;
    }
    return openForm(std::move(*value), id);
}

EntityForm *EditActions::addFlow(const QString &from, const QString &to)
{
    Flow flow;
    flow.from = from;
    flow.to = to;
    EntityForm *form = addEntity(std::move(flow));
    if (form) form->field(QStringLiteral("carries"))->setFocus();
    return form;
}

EntityForm *EditActions::waive(const FindingKey &finding)
{
    Waiver waiver;
    waiver.rule = finding.rule;
    waiver.subject = finding.subjectId;
    EntityForm *form = addEntity(std::move(waiver));
    if (form) form->field(QStringLiteral("reason"))->setFocus();
    return form;
}

ClassifyDialog *EditActions::classify(const QStringList &datasetIds)
{
    if (!m_document->inventory() || datasetIds.isEmpty()) return nullptr;
    auto *dialog = new ClassifyDialog(m_document, datasetIds, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ClassifyDialog::applied, this, &EditActions::status);
    dialog->open();
    return dialog;
}

bool EditActions::remove(EntityKind kind, const QStringList &ids)
{
    const std::shared_ptr<const Inventory> inventory = m_document->inventory();
    if (!inventory || ids.isEmpty()) return false;
    QStringList order = ids;
    if (kind == EntityKind::Waiver) // positions: the last first, so that the others stay valid
        std::sort(order.begin(), order.end(), [](const QString &a, const QString &b) {
            return a.toULongLong() > b.toULongLong();
        });
    const QString what =
        ids.size() == 1 ? labelOf(inventory.get(), kind, ids.front()) : counted(ids.size(), kind);
    // What refers to them, besides each other.
    std::vector<Referrer> referrers;
    for (const QString &id : order)
        for (Referrer &r : referrersOf(*inventory, kind, id))
            if (r.kind != kind || !ids.contains(r.id)) referrers.push_back(std::move(r));
    bool cascade = false;
    if (!referrers.empty()) {
        if (kind == EntityKind::Site) {
            QMessageBox::information(m_window, tr("Delete %1").arg(what),
                                     tr("Workloads are located at %1; move them first:\n%2")
                                         .arg(what, listOf(referrers)));
            return false;
        }
        QMessageBox ask(
            QMessageBox::Question, tr("Delete %1").arg(what),
            tr("%1 is referred to by:\n%2\n\nDelete what refers to it too? Flows from or to a "
               "deleted workload, "
               "access entries to it and waivers of it are deleted; a list that names a deleted "
               "dataset loses "
               "it (a flow or access entry left with none is deleted). Undo restores everything.")
                .arg(what, listOf(referrers)),
            QMessageBox::Cancel, m_window);
        ask.setObjectName(QStringLiteral("cascadeQuestion"));
        QStringList all;
        for (const Referrer &r : referrers)
            all << r.label() + QStringLiteral(" (") + r.field + u')';
        ask.setDetailedText(all.join(u'\n'));
        QPushButton *removeAll = ask.addButton(tr("Delete All"), QMessageBox::DestructiveRole);
        ask.setDefaultButton(QMessageBox::Cancel);
        ask.exec();
        if (ask.clickedButton() != removeAll) return false;
        cascade = true;
    }
    std::expected<void, Diagnostics> done;
    if (order.size() == 1) {
        done = m_document->apply(
            std::make_unique<RemoveEntityCommand>(m_document, kind, order.front(), cascade));
    } else {
        std::vector<std::unique_ptr<EditCommand>> commands;
        for (const QString &id : order)
            commands.push_back(
                std::make_unique<RemoveEntityCommand>(m_document, kind, id, cascade));
        done = m_document->applyAll(tr("Remove %1").arg(what), std::move(commands));
    }
    if (!done) {
        QStringList messages;
        for (const Diagnostic &d : done.error())
            messages << d.message;
        QMessageBox::warning(m_window, tr("Delete %1").arg(what),
                             tr("Not deleted:\n%1").arg(messages.join(u'\n')));
        return false;
    }
    Q_EMIT status(m_document->undoStack()->undoText());
    return true;
}

void EditActions::editSelected()
{
    const Selection selection = m_selection;
    if (selection.ids.size() == 1) {
        editEntity(selection.kind, selection.ids.front());
        return;
    }
    if (selection.ids.isEmpty()) return;
    // Several (a merged edge's flows): choose one.
    auto *menu = new QMenu(m_window);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    for (const QString &id : selection.ids)
        menu->addAction(labelOf(m_document->inventory().get(), selection.kind, id), this,
                        [this, kind = selection.kind, id] { editEntity(kind, id); });
    menu->popup(QCursor::pos());
}

void EditActions::removeSelected()
{
    const Selection selection = m_selection; // remove() changes it
    remove(selection.kind, selection.ids);
}

std::optional<std::size_t> EditActions::waiverOf(const QString &rule, const QString &subject) const
{
    if (const auto &inventory = m_document->inventory())
        for (std::size_t i = 0; i < inventory->waivers.size(); ++i)
            if (inventory->waivers[i].rule == rule && inventory->waivers[i].subject == subject)
                return i;
    return std::nullopt;
}

void EditActions::addEntityActions(QMenu *menu, EntityKind kind, const QStringList &ids)
{
    const Inventory *inventory = m_document->inventory().get();
    if (!inventory || ids.isEmpty()) return;
    if (ids.size() == 1) {
        menu->addAction(tr("Edit %1…").arg(labelOf(inventory, kind, ids.front())), this,
                        [this, kind, id = ids.front()] { editEntity(kind, id); })
            ->setObjectName(QStringLiteral("editEntityAction"));
    } else {
        // Each of them (an edge between collapsed clusters may draw hundreds: the first few).
        constexpr qsizetype listed = 25;
        QMenu *edit = menu->addMenu(tr("Edit"));
        for (const QString &id : ids.mid(0, listed))
            edit->addAction(labelOf(inventory, kind, id) + QStringLiteral("…"), this,
                            [this, kind, id] { editEntity(kind, id); });
        if (ids.size() > listed)
            edit->addAction(tr("… and %1 more").arg(ids.size() - listed))->setEnabled(false);
    }
    if (kind == EntityKind::Workload && ids.size() == 1)
        menu->addAction(tr("Add Flow from %1…").arg(ids.front()), this,
                        [this, id = ids.front()] { addFlow(id, {}); })
            ->setObjectName(QStringLiteral("addFlowFromAction"));
    if (kind == EntityKind::Dataset)
        menu->addAction(ids.size() == 1 ? tr("Classify…")
                                        : tr("Classify %1 Datasets…").arg(ids.size()),
                        this, [this, ids] { classify(ids); })
            ->setObjectName(QStringLiteral("classifyEntitiesAction"));
    const QString what =
        ids.size() == 1 ? labelOf(inventory, kind, ids.front()) : counted(ids.size(), kind);
    menu->addAction(tr("Delete %1").arg(what), this, [this, kind, ids] { remove(kind, ids); })
        ->setObjectName(QStringLiteral("deleteEntityAction"));

    // The open findings on them, to waive one.
    const auto &snapshot = m_document->snapshot();
    if (!snapshot) return;
    QMenu *waiveMenu = nullptr;
    for (const Finding &f : snapshot->findings) {
        if (f.status != FindingStatus::Open || entityOf(f.subjectKind) != kind ||
            !ids.contains(f.subjectId))
            continue;
        if (!waiveMenu) {
            waiveMenu = menu->addMenu(tr("Waive Finding"));
            waiveMenu->setObjectName(QStringLiteral("waiveMenu"));
        }
        const FindingKey key = findingKey(f);
        waiveMenu->addAction(
            f.rule + u' ' + f.subjectId +
                (f.dataset.isEmpty() ? QString() : QStringLiteral(" [") + f.dataset + u']') +
                QStringLiteral("…"),
            this, [this, key] { waive(key); });
    }
}

void EditActions::addFindingActions(QMenu *menu, const Finding &finding)
{
    if (!m_document->inventory()) return;
    const FindingKey key = findingKey(finding);
    if (finding.status == FindingStatus::Open) {
        menu->addAction(tr("Waive This Finding…"), this, [this, key] { waive(key); })
            ->setObjectName(QStringLiteral("waiveFindingAction"));
    } else if (const auto index = waiverOf(finding.rule, finding.subjectId)) {
        const QString id = QString::number(*index);
        menu->addAction(finding.status == FindingStatus::WaiverExpired ? tr("Renew Waiver…")
                                                                       : tr("Edit Waiver…"),
                        this, [this, id] { editEntity(EntityKind::Waiver, id); })
            ->setObjectName(QStringLiteral("editWaiverAction"));
        menu->addAction(tr("Remove Waiver"), this, [this, id] { remove(EntityKind::Waiver, {id}); })
            ->setObjectName(QStringLiteral("removeWaiverAction"));
    }
    const EntityKind kind = entityOf(finding.subjectKind);
    menu->addAction(tr("Edit %1 %2…").arg(entityKindName(kind), finding.subjectId), this,
                    [this, kind, id = finding.subjectId] { editEntity(kind, id); })
        ->setObjectName(QStringLiteral("editSubjectAction"));
}

void EditActions::fillEditMenu(QMenu *menu)
{
    menu->addAction(m_undo);
    menu->addAction(m_redo);
    menu->addSeparator();
    for (EntityKind kind : {EntityKind::Workload, EntityKind::Dataset, EntityKind::Flow,
                            EntityKind::Access, EntityKind::Waiver, EntityKind::Site})
        menu->addAction(addAction(kind));
    menu->addSeparator();
    menu->addAction(m_editSelected);
    menu->addAction(m_removeSelected);
    menu->addAction(m_classify);
}

} // namespace atlas
