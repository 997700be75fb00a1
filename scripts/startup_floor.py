#!/usr/bin/env python3
"""The start-up's floor: StretchApp's first page rebuilt from a record of its widgets.

    python scripts/startup_floor.py dump OUTDIR     # start the app, record its first paint
    python scripts/startup_floor.py replay OUTDIR   # show the same page, with no app code
    python scripts/startup_floor.py compare OUTDIR  # the two first paints, pixel by pixel

`dump` starts StretchApp as `stretchapp` would (the user's settings and caches, from the
environment) and, at the window's first paint, writes what is on screen: every shown widget's
Qt class, object name, dynamic properties, geometry, text and pictures, the application's
palette and style sheet (tree.json, PNGs), and the painted window (app.png).

`replay` builds that page from the record alone: the same Qt classes, texts, pictures, palette,
style sheet and focus, placed at the recorded geometry with no layouts, no app modules, no
routines, settings or caches read. It reports its first paint the way the app does, so
scripts/bench.py can start it in the same rounds as the app and the bare window: what it costs
is what Qt itself costs to show this page, a floor under any start-up of the real window.
`--qt-namespace` also builds PySide6's `Qt` namespace first, as anything naming `Qt` does.

A figure painted by the app's own code (a card's picture) is replayed as the image it painted.
`compare` tells whether the replay's first paint is the app's, pixel for pixel.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent  # the checkout whose app is recorded


def dump(out: Path) -> int:
    """Run StretchApp to its first paint, record the window, quit."""
    out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))  # this checkout's app, not whichever one is installed
    os.environ["STRETCHAPP_FIRST_PAINT"] = "quit"
    sys.argv = ["stretchapp"]
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication, QMainWindow

    from stretchapp.cli import main
    from stretchapp.ui import app as app_module

    report = app_module.FirstPaintProbe.report

    def record(probe: app_module.FirstPaintProbe) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        window = next(
            w for w in app.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()
        )
        palette = app.palette()
        colours = [
            [group.value, role.value, palette.color(group, role).name(QColor.NameFormat.HexArgb)]
            for group in (
                QPalette.ColorGroup.Active,
                QPalette.ColorGroup.Inactive,
                QPalette.ColorGroup.Disabled,
            )
            for role in QPalette.ColorRole
            if role is not QPalette.ColorRole.NColorRoles
        ]
        tree = {
            "style_sheet": app.styleSheet(),
            "palette": colours,
            "title": window.windowTitle(),
            "size": [window.width(), window.height()],
            "central": _Recorder(out).node(window.centralWidget()),
        }
        (out / "tree.json").write_text(json.dumps(tree, indent=1), encoding="utf-8")
        window.grab().save(str(out / "app.png"))
        report(probe)

    app_module.FirstPaintProbe.report = record  # type: ignore[method-assign]
    return main()


class _Recorder:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.images = 0

    def image(self, pixmap: Any, kind: str) -> str:
        self.images += 1
        name = f"{kind}{self.images}.png"
        pixmap.save(str(self.out / name))
        return name

    def node(self, w: Any) -> dict[str, Any]:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QAbstractButton, QLabel, QListWidget, QScrollArea, QWidget

        qt_class = next(c for c in type(w).__mro__ if c.__module__.startswith("PySide6"))
        shown = [
            c
            for c in w.children()
            if isinstance(c, QWidget) and not c.isHidden() and not c.isWindow()
        ]
        d: dict[str, Any] = {
            "class": qt_class.__name__,
            "name": w.objectName(),
            "geometry": list(w.geometry().getRect()),
        }
        if type(w) is not qt_class and not shown and qt_class.__name__ in ("QWidget", "QFrame"):
            # painted by the app's own code: kept as the picture it painted
            d.update({"class": "QLabel", "picture": self.image(w.grab(), "painted")})
            return d
        if w.styleSheet():
            d["style_sheet"] = w.styleSheet()
        properties = {}
        for raw in w.dynamicPropertyNames():
            key = bytes(raw).decode()
            value = w.property(key)
            if not key.startswith("_q_") and isinstance(value, str | bool | int | float):
                properties[key] = value
        if properties:
            d["properties"] = properties
        if w.testAttribute(Qt.WidgetAttribute.WA_SetFont):
            d["font"] = w.font().toString()
        if w.hasFocus():
            d["focus"] = True
        if isinstance(w, QLabel):
            d.update(
                text=w.text(),
                word_wrap=w.wordWrap(),
                alignment=w.alignment().value,
                text_format=w.textFormat().value,
            )
            if not w.pixmap().isNull():
                d["picture"] = self.image(w.pixmap(), "picture")
        if isinstance(w, QAbstractButton):
            d.update(text=w.text(), checkable=w.isCheckable(), checked=w.isChecked())
            if not w.icon().isNull():
                d["icon"] = self.image(w.icon().pixmap(w.iconSize()), "icon")
                d["icon_size"] = [w.iconSize().width(), w.iconSize().height()]
        if isinstance(w, QListWidget):
            d.update(
                items=[w.item(i).text() for i in range(w.count())],
                row=w.currentRow(),
                policies=[
                    w.horizontalScrollBarPolicy().value,
                    w.verticalScrollBarPolicy().value,
                ],
            )
            return d  # the view makes its own parts
        if isinstance(w, QScrollArea):
            d["policies"] = [w.horizontalScrollBarPolicy().value, w.verticalScrollBarPolicy().value]
            d["inner"] = self.node(w.widget())
            return d  # the area makes its own viewport and scroll bars
        d["children"] = [self.node(c) for c in shown]
        return d


def replay(folder: Path, qt_namespace: bool = False) -> int:
    """Show the recorded page; print its first paint as the app's probe does; quit."""
    tree = json.loads((folder / "tree.json").read_text(encoding="utf-8"))
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QColor, QFont, QIcon, QPalette, QPixmap
    from PySide6.QtWidgets import (
        QApplication,
        QFrame,
        QLabel,
        QListWidget,
        QMainWindow,
        QPushButton,
        QScrollArea,
        QToolButton,
        QWidget,
    )

    if qt_namespace:
        from PySide6.QtCore import Qt

        Qt.AlignmentFlag.AlignTop  # noqa: B018 - naming `Qt` builds its 93 enums

    classes = {
        "QWidget": QWidget,
        "QStackedWidget": QWidget,  # only the page shown is recorded
        "QFrame": QFrame,
        "QLabel": QLabel,
        "QPushButton": QPushButton,
        "QToolButton": QToolButton,
        "QListWidget": QListWidget,
        "QScrollArea": QScrollArea,
    }

    def build(d: dict[str, Any], parent: QWidget | None) -> QWidget:
        w = classes[d["class"]](parent)
        w.setObjectName(d["name"])
        for key, value in d.get("properties", {}).items():
            w.setProperty(key, value)
        if "style_sheet" in d:
            w.setStyleSheet(d["style_sheet"])
        if "font" in d:
            font = QFont()
            font.fromString(d["font"])
            w.setFont(font)
        w.setGeometry(*d["geometry"])
        if isinstance(w, QLabel):
            if "picture" in d:
                w.setPixmap(QPixmap(str(folder / d["picture"])))
            if "text" in d:
                # by name, as ints: the typed setters would build the `Qt` namespace
                w.setProperty("textFormat", d["text_format"])
                w.setProperty("alignment", d["alignment"])
                w.setWordWrap(d["word_wrap"])
                w.setText(d["text"])
        elif isinstance(w, QPushButton | QToolButton):
            w.setText(d["text"])
            w.setCheckable(d["checkable"])
            w.setChecked(d["checked"])
            if "icon" in d:
                w.setIcon(QIcon(QPixmap(str(folder / d["icon"]))))
                w.setProperty("iconSize", QPixmap(*d["icon_size"]).size())
        elif isinstance(w, QListWidget | QScrollArea):
            w.setProperty("horizontalScrollBarPolicy", d["policies"][0])
            w.setProperty("verticalScrollBarPolicy", d["policies"][1])
            if isinstance(w, QListWidget):
                w.addItems(d["items"])
                w.setCurrentRow(d["row"])
            else:
                w.setWidget(build(d["inner"], None))
        for child in d.get("children", []):
            build(child, w)
        if d.get("focus"):
            w.setFocus()
        return w

    class Window(QMainWindow):
        painted = False

        def paintEvent(self, event: Any) -> None:
            super().paintEvent(event)
            if not self.painted:
                self.painted = True
                QTimer.singleShot(0, report)

    def report() -> None:
        kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        cpu = time.process_time() * 1000
        print(f"first-paint {time.time():.6f} rss-kib {kib} cpu-ms {cpu:.1f}", flush=True)
        if os.environ.get("STRETCHAPP_FLOOR_GRAB"):
            window.grab().save(os.environ["STRETCHAPP_FLOOR_GRAB"])
        QApplication.quit()

    app = QApplication([sys.argv[0], "-style", "Fusion"])
    palette = QPalette()
    for group, role, colour in tree["palette"]:
        palette.setColor(QPalette.ColorGroup(group), QPalette.ColorRole(role), QColor(colour))
    app.setPalette(palette)
    app.setStyleSheet(tree["style_sheet"])
    window = Window()
    window.setWindowTitle(tree["title"])
    window.setCentralWidget(build(tree["central"], None))
    window.resize(*tree["size"])
    window.show()
    return app.exec()


def compare(folder: Path) -> float:
    """The share of pixels in which the replay's first paint differs from the app's."""
    import subprocess

    grab = folder / "replay.png"
    env = dict(os.environ, STRETCHAPP_FLOOR_GRAB=str(grab))
    subprocess.run(
        [sys.executable, __file__, "replay", str(folder)], env=env, check=True, capture_output=True
    )
    from PySide6.QtGui import QImage

    app, floor = QImage(str(folder / "app.png")), QImage(str(grab))
    if app.size() != floor.size():
        return 1.0
    width, height = app.width(), app.height()
    differ = sum(app.pixel(x, y) != floor.pixel(x, y) for y in range(height) for x in range(width))
    return differ / (app.width() * app.height())


if __name__ == "__main__":
    command, folder = sys.argv[1], Path(sys.argv[2])
    if command == "dump":
        sys.exit(dump(folder))
    if command == "replay":
        sys.exit(replay(folder, "--qt-namespace" in sys.argv[3:]))
    if command == "compare":
        share = compare(folder)
        print(f"pixels that differ: {share:.4%}")
        sys.exit(0 if share == 0 else 1)
    sys.exit(f"unknown command {command!r}: dump, replay or compare")
