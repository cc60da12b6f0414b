// Help → Documentation: the user guide and the references (command line, policy packs,
// findings, inventory, import and catalog formats, decisions) as they ship inside the binary,
// so the documentation of this very version is one keypress away, offline.
#pragma once

#include <QDialog>

class QTextBrowser;

namespace atlas {

class HelpDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit HelpDialog(QWidget *parent = nullptr);
    QTextBrowser *browser() const { return m_browser; }
    // "user-guide.md", "cli.md", …
    void showPage(const QString &page);

private:
    QTextBrowser *m_browser;
};

} // namespace atlas
