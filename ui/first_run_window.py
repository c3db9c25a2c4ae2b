"""First run (and "new account" on a shared laptop): language, the worker's name, a
passphrase with a strength meter, and plain words about what the passphrase protects and
that it cannot be recovered."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.busy_indicator import BusyIndicator
from ui.language_picker import LanguagePicker
from ui.passphrase_strength import evaluate
from ui.theme import error_color


class FirstRunWindow(QWidget):
    create_requested = Signal(str, str)  # worker name, passphrase
    language_chosen = Signal(str)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, can_go_back: bool = False):
        super().__init__(parent)
        self.setObjectName("FirstRunWindow")
        self.setMinimumWidth(520)
        # A centred card: readable when the window is maximised or scaled to 200%.
        root = QHBoxLayout(self)
        root.addStretch(1)
        card = QWidget(self)
        card.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 56)
        root.addWidget(card, 100)
        root.addStretch(1)
        outer = QVBoxLayout(card)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.addStretch(1)
        self.title = QLabel(self)
        self.title.setObjectName("title")
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.6)
        f.setBold(True)
        self.title.setFont(f)
        outer.addWidget(self.title)

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self.intro)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.language = LanguagePicker(self)
        self.language.language_chosen.connect(self.language_chosen)
        self.lang_label = QLabel(self)
        self.lang_label.setBuddy(self.language)
        form.addRow(self.lang_label, self.language)

        self.name = QLineEdit(self)
        self.name_label = QLabel(self)
        self.name_label.setBuddy(self.name)
        form.addRow(self.name_label, self.name)

        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.pass_label = QLabel(self)
        self.pass_label.setBuddy(self.passphrase)
        form.addRow(self.pass_label, self.passphrase)

        meter_row = QHBoxLayout()
        self.meter = QProgressBar(self)
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter_text = QLabel(self)
        meter_row.addWidget(self.meter, 1)
        meter_row.addWidget(self.meter_text)
        self.meter_label = QLabel(self)
        form.addRow(self.meter_label, meter_row)

        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_label = QLabel(self)
        self.repeat_label.setBuddy(self.repeat)
        form.addRow(self.repeat_label, self.repeat)

        self.show_pass = QCheckBox(self)
        self.show_pass.toggled.connect(self._toggle_echo)
        form.addRow("", self.show_pass)
        outer.addLayout(form)

        self.problems = QLabel(self)
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setStyleSheet(f"color: {error_color().name()};")
        outer.addWidget(self.problems)

        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self.warning)

        self.busy = BusyIndicator(self)
        outer.addWidget(self.busy)

        buttons = QHBoxLayout()
        self.back = QPushButton(self)
        self.back.setVisible(can_go_back)
        self.back.clicked.connect(self.back_requested)
        self.create = QPushButton(self)
        self.create.setDefault(True)
        self.create.clicked.connect(self._submit)
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        buttons.addWidget(self.create)
        outer.addLayout(buttons)
        outer.addStretch(2)

        self.passphrase.textChanged.connect(self._update_meter)
        self.name.textChanged.connect(self._update_meter)
        self.repeat.returnPressed.connect(self._submit)
        self.retranslate()
        self._update_meter()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Donghaeng — new account"))
        self.title.setText(self.tr("Welcome to Donghaeng"))
        self.intro.setText(self.tr(
            "Donghaeng keeps your case records on this laptop, encrypted. Your passphrase is "
            "the only key: it protects every record, consent and attachment if the laptop is "
            "lost or someone else uses it."))
        self.warning.setText(self.tr(
            "There is no way to recover a forgotten passphrase yet — not by the center, not by "
            "us. Choose several words you will remember, and do not write it on the laptop."))
        self.lang_label.setText(self.tr("&Language"))
        self.name_label.setText(self.tr("Your &name"))
        self.pass_label.setText(self.tr("&Passphrase"))
        self.meter_label.setText(self.tr("Strength"))
        self.repeat_label.setText(self.tr("&Repeat passphrase"))
        self.show_pass.setText(self.tr("&Show the passphrase"))
        self.back.setText(self.tr("&Back to sign in"))
        self.create.setText(self.tr("&Create account"))
        self.name.setPlaceholderText(self.tr("e.g. Kim Minji"))
        self.language.setAccessibleName(self.tr("Language"))
        self.name.setAccessibleName(self.tr("Your name"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.repeat.setAccessibleName(self.tr("Repeat passphrase"))
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.show_pass.setAccessibleName(self.tr("Show the passphrase"))
        self.back.setAccessibleName(self.tr("Back to sign in"))
        self.create.setAccessibleName(self.tr("Create account"))
        self.language.sync()
        self._update_meter()

    def _toggle_echo(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.repeat.setEchoMode(mode)

    def _update_meter(self) -> None:
        text = self.passphrase.text()
        s = evaluate(text, self.name.text().strip())
        self.meter.setValue(s.score if text else 0)
        self.meter_text.setText(s.label() if text else "")
        self.meter.setAccessibleDescription(self.meter_text.text())
        self.problems.setText("\n".join(s.problems) if text else "")

    def problems_for_submit(self) -> list[str]:
        out = []
        name = self.name.text().strip()
        if not name:
            out.append(self.tr("Enter your name."))
        s = evaluate(self.passphrase.text(), name)
        out.extend(s.problems)
        if self.passphrase.text() != self.repeat.text():
            out.append(self.tr("The two passphrases are not the same."))
        return out

    def _submit(self) -> None:
        if self.busy.running:
            return
        problems = self.problems_for_submit()
        if problems:
            self.show_error("\n".join(problems))
            return
        self.create_requested.emit(self.name.text().strip(), self.passphrase.text())

    def show_error(self, text: str) -> None:
        self.problems.setText(text)
        self.problems.setAccessibleDescription(text)

    def set_busy(self, busy: bool) -> None:
        if busy:
            self.busy.start(self.tr("Creating the encrypted vault — this takes a few seconds…"))
        else:
            self.busy.stop()
        for w in (self.name, self.passphrase, self.repeat, self.create, self.back):
            w.setEnabled(not busy)

    def clear_secrets(self) -> None:
        self.passphrase.clear()
        self.repeat.clear()
