"""The app's common dialogs, all shown inside the window (ui/overlay.py): a short question
with a few answers, a file path typed or browsed for, and a file that was saved (with Open
and Show in folder). Other dialogs are built the same way and shown with `show_in_window` or,
when short, `show_compact`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stretchapp.core.i18n import _
from stretchapp.ui.library import open_local, plain_label
from stretchapp.ui.overlay import show_in_window


def button(text: str, name: str = "", tip: str = "") -> QPushButton:
    """A push button with the app's pointer, an accessible name and an optional style name
    ("primary", "link") and tooltip."""
    made = QPushButton(text)
    if name:
        made.setObjectName(name)
    made.setCursor(Qt.CursorShape.PointingHandCursor)
    made.setAccessibleName(text.strip("…←→ "))
    if tip:
        made.setToolTip(tip)
    return made


class Question(QDialog):
    """A short question with a few answers; `done(i)` with the answer's index + 1, 0 for none."""

    def __init__(
        self,
        title: str,
        text: str,
        answers: list[tuple[str, str]],
        parent: QWidget | None = None,
        details: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("page")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(plain_label(title, "h2"))
        layout.addWidget(plain_label(text))
        if details:
            layout.addWidget(plain_label(details, "secondary"))
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.buttons: list[QPushButton] = []
        for i, (label, name) in enumerate(answers, 1):
            answer = button(label, name)
            answer.clicked.connect(lambda _=False, code=i: self.done(code))
            row.addWidget(answer)
            self.buttons.append(answer)
            if name == "primary":
                answer.setDefault(True)
        layout.addLayout(row)


class SavedDialog(QDialog):
    """A file was saved: its name and folder, with Open, Show in folder and Done. When the
    desktop cannot open it, says so and offers to copy the file's path."""

    def __init__(self, title: str, path: Path, note: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("page")
        self.path = path
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(10)
        layout.addWidget(plain_label(title, "h2"))
        self.name = plain_label(path.name, "cardTitle")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.name)
        # Translators: the folder a saved file is in.
        self.folder = plain_label(_("In {folder}").format(folder=path.parent), "secondary")
        self.folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.folder)
        if note:
            layout.addWidget(plain_label(note, "secondary"))
        problem_row = QHBoxLayout()
        self.problem = plain_label("", "warning")
        problem_row.addWidget(self.problem, 1)
        self.copy_button = button(
            _("Copy path"), tip=_("Copy where the file is, to open it yourself")
        )
        self.copy_button.clicked.connect(self._copy)
        problem_row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        self.problem.hide()
        self.copy_button.hide()
        layout.addLayout(problem_row)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.open_button = button(_("Open"), tip=_("Open {file}").format(file=path.name))
        self.open_button.clicked.connect(lambda: self._open(path, folder=False))
        self.folder_button = button(
            _("Show in folder"), tip=_("Open the folder {folder}").format(folder=path.parent)
        )
        self.folder_button.clicked.connect(lambda: self._open(path.parent, folder=True))
        self.done_button = button(_("Done"), "primary")
        self.done_button.setDefault(True)
        self.done_button.clicked.connect(self.accept)
        row.addWidget(self.open_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        row.addWidget(self.done_button)
        layout.addLayout(row)

    def _open(self, target: Path, *, folder: bool) -> None:
        if open_local(target):
            self.problem.hide()
            self.copy_button.hide()
            return
        self.problem.setText(
            _(
                "This computer could not open the folder: it may have no app set for it. "
                "Copy the path and open it from your file manager."
            )
            if folder
            else _(
                "This computer could not open the file: it may have no app set for it. "
                "Copy the path and open it from your file manager."
            )
        )
        self.problem.show()
        self.copy_button.setText(_("Copy path"))
        self.copy_button.show()
        layout = self.layout()
        need = self.sizeHint().height()
        if layout is not None and layout.hasHeightForWidth():
            need = max(need, layout.totalHeightForWidth(self.width()))
        self.setMaximumHeight(max(self.maximumHeight(), need))

    def _copy(self) -> None:
        QApplication.clipboard().setText(str(self.path))
        self.copy_button.setText(_("Copied"))


def show_saved(host: QWidget, title: str, path: Path, note: str = "") -> SavedDialog:
    """Say that `path` was saved, inside `host`, with Open and Show in folder."""
    dialog = SavedDialog(title, path, note)
    show_compact(host, dialog)
    dialog.done_button.setFocus()
    return dialog


class PathDialog(QDialog):
    """A file path typed or chosen with Browse… (a Qt file dialog, also inside the window)."""

    def __init__(
        self,
        title: str,
        text: str,
        path: str,
        ok_label: str,
        *,
        save: bool,
        name_filter: str,
        placeholder: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("page")
        self.save = save
        self.name_filter = name_filter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(plain_label(title, "h2"))
        layout.addWidget(plain_label(text, "secondary"))
        row = QHBoxLayout()
        self.path = QLineEdit(path)
        self.path.setAccessibleName(_("File"))
        self.path.setPlaceholderText(placeholder)
        self.path.returnPressed.connect(self._ok)
        row.addWidget(self.path, 1)
        self.browse = button(_("Browse…"), tip=_("Choose the file in a file browser"))
        self.browse.clicked.connect(self._browse)
        row.addWidget(self.browse)
        layout.addLayout(row)
        self.problem = plain_label("", "warning")
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = button(_("Cancel"))
        cancel.clicked.connect(self.reject)
        self.ok = button(ok_label, "primary")
        self.ok.clicked.connect(self._ok)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok)
        layout.addLayout(buttons)
        self.path.setFocus()

    def chosen(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def _ok(self) -> None:
        path = self.chosen()
        if not self.path.text().strip():
            self._say(_("Type where the file is, or choose it with Browse…."))
        elif not self.save and not path.is_file():
            self._say(_("There is no file at {path}.").format(path=path))
        elif self.save and not path.parent.is_dir():
            self._say(_("The folder {folder} does not exist.").format(folder=path.parent))
        else:
            self.accept()

    def _say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()

    def _browse(self) -> None:
        host = self.window()
        start = str(self.chosen()) if self.path.text().strip() else str(Path.home())
        chooser = file_chooser(self.windowTitle(), start, self.name_filter, save=self.save)

        def done(result: int) -> None:
            if result and chooser.selectedFiles():
                # Qt's chooser answers with "/" on every system; Path writes the system's own
                # (C:\\Users\\… on Windows), as the person reads paths everywhere else
                self.path.setText(str(Path(chooser.selectedFiles()[0])))
            self.path.setFocus()

        show_in_window(host, chooser, done)


def show_compact(
    host: QWidget, dialog: QDialog, on_done: Callable[[int], object] | None = None
) -> None:
    """Show a short dialog inside the window at its own height, not the overlay's roomy one."""
    show_in_window(host, dialog, on_done)
    dialog.setMinimumHeight(0)
    dialog.setMaximumHeight(max(240, dialog.sizeHint().height()))
    field = getattr(dialog, "path", None)
    if isinstance(field, QLineEdit):  # typing a path right away works, also with xdotool
        QTimer.singleShot(0, field, field.setFocus)


def file_chooser(title: str, start: str, name_filter: str, *, save: bool) -> QFileDialog:
    """Qt's own file dialog (never the platform's, which is a separate window)."""
    chooser = QFileDialog(None, title, start, name_filter)
    chooser.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if save:
        chooser.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        chooser.setFileMode(QFileDialog.FileMode.AnyFile)
    else:
        chooser.setFileMode(QFileDialog.FileMode.ExistingFiles)
    return chooser
