"""Check an exported PDF: is it exactly what was signed? The verdict in large type, then the
report (signature, coverage, signer, trust, each embedded file against the manifest).
Verification runs on the worker thread; it needs no vault."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import dialogs, i18n
from ui.theme import error_color, ok_color


class VerifyView(QWidget):
    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.report = None
        self.path: Path | None = None
        outer = QVBoxLayout(self)
        self.title = QLabel(self)
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        self.title.setFont(f)
        outer.addWidget(self.title)
        bar = QHBoxLayout()
        self.choose = QPushButton(self)
        self.choose.clicked.connect(self._choose)
        self.file_label = QLabel(self)
        bar.addWidget(self.choose)
        bar.addWidget(self.file_label, 1)
        outer.addLayout(bar)
        self.verdict = QLabel(self)
        vf = self.verdict.font()
        vf.setPointSizeF(vf.pointSizeF() * 1.5)
        vf.setBold(True)
        self.verdict.setFont(vf)
        outer.addWidget(self.verdict)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        outer.addWidget(self.details, 1)
        self.files = QTreeWidget(self)
        self.files.setRootIsDecorated(False)
        self.files.setColumnCount(3)
        outer.addWidget(self.files, 1)
        self.retranslate()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Verify a signed PDF"))
        self.choose.setText(self.tr("&Choose a PDF…"))
        self.choose.setAccessibleName(self.tr("Choose a PDF to verify"))
        self.details.setAccessibleName(self.tr("Verification report"))
        self.files.setAccessibleName(self.tr("Embedded files"))
        self.files.setHeaderLabels([self.tr("File"), self.tr("Matches"), self.tr("SHA-256")])
        if self.report is None:
            self.verdict.setText(self.tr("No file checked yet."))
            self.verdict.setStyleSheet("")
        else:
            self._show(self.report)

    def _choose(self) -> None:
        paths = dialogs.open_files(self, self.tr("Choose a PDF to verify"), "PDF (*.pdf)")
        if paths:
            self.verify(paths[0])

    def verify(self, path: Path) -> None:
        self.path = Path(path)
        self.file_label.setText(str(self.path))
        self.verdict.setText(self.tr("Checking…"))
        self.verdict.setStyleSheet("")

        def op():
            from desktop.verify import verify_pdf

            return verify_pdf(path)

        self.session.tasks.run(op, self._show, self._failed, key="verify")

    def _failed(self, exc) -> None:
        from desktop.errors import describe

        self.report = None
        self.verdict.setText(self.tr("Cannot check this file."))
        self.verdict.setStyleSheet(f"color: {error_color().name()};")
        self.details.setPlainText(describe(exc, i18n.current()) or type(exc).__name__)
        self.files.clear()

    def _show(self, report) -> None:
        self.report = report
        if report.ok:
            self.verdict.setText(self.tr("OK — unchanged since it was signed"))
            self.verdict.setStyleSheet(f"color: {ok_color().name()};")
        else:
            self.verdict.setText(self.tr("FAILED — do not rely on this file"))
            self.verdict.setStyleSheet(f"color: {error_color().name()};")
        self.verdict.setAccessibleName(self.verdict.text())
        self.details.setPlainText(report.render(i18n.current()))
        self.files.clear()
        for fc in report.files:
            item = QTreeWidgetItem([fc.name, self.tr("yes") if fc.ok else self.tr("NO"),
                                    fc.actual_sha256 or ""])
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, fc.name)
            self.files.addTopLevelItem(item)
        for col in range(2):
            self.files.resizeColumnToContents(col)
