"""The app's common dialogs, all shown inside the window (ui/overlay.py): a short question
with a few answers, and a file path typed or browsed for. Other dialogs are built the same way
and shown with `show_in_window` or, when short, `show_compact`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from stretchapp.ui.library import plain_label
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
        self.path.setAccessibleName("File")
        self.path.setPlaceholderText(placeholder)
        self.path.returnPressed.connect(self._ok)
        row.addWidget(self.path, 1)
        self.browse = button("Browse…", tip="Choose the file in a file browser")
        self.browse.clicked.connect(self._browse)
        row.addWidget(self.browse)
        layout.addLayout(row)
        self.problem = plain_label("", "warning")
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = button("Cancel")
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
            self._say("Type where the file is, or choose it with Browse….")
        elif not self.save and not path.is_file():
            self._say(f"There is no file at {path}.")
        elif self.save and not path.parent.is_dir():
            self._say(f"The folder {path.parent} does not exist.")
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
                self.path.setText(chooser.selectedFiles()[0])
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
