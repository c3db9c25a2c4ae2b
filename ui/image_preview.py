"""Preview an image attachment from memory only: the vault's verified plaintext chunks are
joined in memory and decoded by Qt; no thumbnail or temporary file is ever written."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout

from ui import dialogs

_tr = QCoreApplication.translate  # _tr("Context", "text"): found by lupdate

MAX_PREVIEW_BYTES = 64 * 1024 * 1024
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".tif", ".tiff")


def is_image_name(name: str) -> bool:
    return name.lower().endswith(IMAGE_SUFFIXES)


def decode_image(data: bytes, max_side: int = 2400) -> QImage:
    """Decode in memory, scaled down while decoding so a huge photo cannot exhaust memory;
    EXIF orientation applied."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    buf = QBuffer()
    buf.setData(QByteArray(data))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buf)
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > max_side:
        reader.setScaledSize(size.scaled(max_side, max_side, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


class ImagePreviewDialog(QDialog):
    def __init__(self, parent, name: str, image: QImage):
        super().__init__(parent)
        self.setWindowTitle(_tr("ImagePreview", "Preview: %1").replace("%1", name))
        lay = QVBoxLayout(self)
        self.image = image
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setMinimumSize(1, 1)  # let the dialog shrink below the image's size
        self.label.setAccessibleName(_tr("ImagePreview", "Image %1").replace("%1", name))
        self.scroll = QScrollArea(self)
        self.scroll.setWidget(self.label)
        self.scroll.setWidgetResizable(True)
        lay.addWidget(self.scroll)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self._fit_pending = False
        self.resize(self._opening_size())

    def _opening_size(self) -> QSize:
        """As large as the image needs, up to 80 % of the screen's free area."""
        screen = (self.parentWidget().screen() if self.parentWidget() is not None
                  else QGuiApplication.primaryScreen())
        avail = screen.availableGeometry().size() if screen is not None else QSize(900, 700)
        cap = QSize(int(avail.width() * 0.8), int(avail.height() * 0.8))
        want = self.image.size() + QSize(40, 90)  # margins, the Close button
        return want.boundedTo(cap).expandedTo(QSize(360, 240))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self._schedule_fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._schedule_fit()

    def _schedule_fit(self) -> None:
        """Fit once the layout has given the scroll area its size: fitting inside the
        dialog's own resize event measured the viewport before the layout ran (a few
        pixels wide on open) and showed the image as a ~15 px thumbnail."""
        if not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self._fit)

    def _fit(self) -> None:
        """The whole image in view (scaled down, never up), recomputed from the decoded
        image on every resize so repeated scaling does not blur it."""
        self._fit_pending = False
        if self.image.isNull():
            return
        room = self.scroll.viewport().size()
        img = self.image
        if img.width() > room.width() or img.height() > room.height():
            img = img.scaled(room, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
        self.label.setPixmap(QPixmap.fromImage(img))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.label.clear()  # drop the decoded pixels now, not whenever GC runs
        self.image = QImage()
        super().closeEvent(event)


def load_attachment_bytes(vault, att_id: str, name: str | None = None,
                          limit: int = MAX_PREVIEW_BYTES):
    vault.audit_view(f"attachment:{att_id}")  # a file shown to a person is an access
    if name is None:
        atts = [a for a in vault.list_attachments() if a.id == att_id]
        name = atts[0].name if atts else ""
    chunks, total = [], 0
    for chunk in vault.read_attachment(att_id):
        total += len(chunk)
        if total > limit:
            return name, None
        chunks.append(chunk)
    return name, b"".join(chunks)


def show_attachment_preview(parent, session, att_id: str, name: str | None = None) -> None:
    def done(result):
        name, data = result
        if data is None:
            dialogs.inform(parent, _tr("ImagePreview", "Preview"), _tr("ImagePreview", "This file is too large to preview."))
            return
        if not is_image_name(name):
            dialogs.inform(parent, _tr("ImagePreview", "Preview"),
                           _tr("ImagePreview", "Only images can be previewed. The file stays in the vault."))
            return
        image = decode_image(data)
        del data
        if image.isNull():
            dialogs.inform(parent, _tr("ImagePreview", "Preview"), _tr("ImagePreview", "This image cannot be shown."))
            return
        dlg = ImagePreviewDialog(parent, name, image)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()

    if name is not None and not is_image_name(name):
        dialogs.inform(parent, _tr("ImagePreview", "Preview"),
                       _tr("ImagePreview", "Only images can be previewed. The file stays in the vault."))
        return
    session.submit(lambda v: load_attachment_bytes(v, att_id, name), done)
