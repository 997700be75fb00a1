"""Every focusable control shows a 2 px accent ring while it has keyboard focus, light and
dark: the primary buttons, the sidebar and the value controls too."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSlider,
    QSpinBox,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from stretchapp.core.palette import DARK, LIGHT, Palette
from stretchapp.ui import theme


def _button(name: str = "") -> QWidget:
    button = QPushButton("Start")
    button.setObjectName(name)
    return button


def _chip() -> QWidget:
    chip = QToolButton()
    chip.setText("Mon")
    chip.setCheckable(True)
    chip.setChecked(True)
    chip.setMinimumSize(44, 34)
    return chip


def _nav() -> QWidget:
    nav = QListWidget()
    nav.setObjectName("nav")
    nav.addItems(["Routines", "History", "Settings"])
    nav.setCurrentRow(0)
    return nav


def _combo() -> QWidget:
    combo = QComboBox()
    combo.addItems(["System", "Light", "Dark"])
    return combo


def _page() -> QWidget:
    """A scrolling page: a tab stop of its own, so it shows where focus is too."""
    from PySide6.QtWidgets import QLabel, QScrollArea

    area = QScrollArea()
    area.setWidget(QLabel("A long page\n" * 30))
    area.setMinimumHeight(120)
    return area


CONTROLS: dict[str, Callable[[], QWidget]] = {
    "scrolling page": _page,
    "button": _button,
    "primary button": lambda: _button("primary"),
    "link": lambda: _button("link"),
    "sidebar": _nav,
    "line edit": QLineEdit,
    "combo box": _combo,
    "spin box": QSpinBox,
    "check box": lambda: QCheckBox("Sound"),
    "slider": lambda: QSlider(Qt.Orientation.Horizontal),
    "weekday chip": _chip,
    "time edit": QTimeEdit,
    "date edit": QDateEdit,
}


def close(a: QColor, b: QColor, within: int = 24) -> bool:
    return all(abs(x - y) <= within for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def ring_points(image: QImage, widget: QWidget, top_left: QPoint) -> list[QColor]:
    """The two outermost pixels at the middle of each side of `widget` (corners are round)."""
    x0, y0 = top_left.x(), top_left.y()
    w, h = widget.width(), widget.height()
    points = []
    for depth in (0, 1):
        points += [
            QPoint(x0 + w // 2, y0 + depth),
            QPoint(x0 + w // 2, y0 + h - 1 - depth),
            QPoint(x0 + depth, y0 + h // 2),
            QPoint(x0 + w - 1 - depth, y0 + h // 2),
        ]
    return [image.pixelColor(p) for p in points]


def themed_page(palette: Palette) -> tuple[QWidget, QVBoxLayout]:
    """A page in the app's style for `palette`, with its column."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app, palette)
    page = QWidget()
    page.setObjectName("page")
    return page, QVBoxLayout(page)


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize("kind", list(CONTROLS))
def test_focused_control_has_an_accent_ring(qtbot: QtBot, kind: str, palette: Palette) -> None:
    page, column = themed_page(palette)
    column.setContentsMargins(24, 24, 24, 24)
    other = QPushButton("Elsewhere")
    control = CONTROLS[kind]()
    column.addWidget(other)
    column.addWidget(control)
    qtbot.addWidget(page)
    page.resize(320, 260)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    accent = QColor(palette.accent)
    offset = control.mapTo(page, QPoint(0, 0))

    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    unfocused = ring_points(page.grab().toImage(), control, offset)
    control.setFocus()
    qtbot.waitUntil(control.hasFocus)
    focused = ring_points(page.grab().toImage(), control, offset)

    missing = [c.name() for c in focused if not close(c, accent)]
    assert not missing, f"{kind}: no 2 px accent ring when focused ({missing})"
    assert any(not close(c, accent) for c in unfocused), f"{kind}: the ring shows without focus"


def _border_on_hover(qtbot: QtBot, card: QWidget) -> QColor:
    """The colour of the card's top edge while the pointer is over it."""
    page = QWidget()
    page.setObjectName("page")
    column = QVBoxLayout(page)
    column.setContentsMargins(24, 24, 24, 24)
    column.addWidget(card)
    qtbot.addWidget(page)
    page.resize(360, 420)
    page.show()
    qtbot.waitExposed(page)
    card.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True)  # what a hover sets
    card.style().unpolish(card)
    card.style().polish(card)
    image = page.grab().toImage()
    top = card.mapTo(page, QPoint(card.width() // 2, 0))
    return image.pixelColor(top)


def test_only_cards_that_can_be_clicked_light_up_on_hover(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QFrame

    from stretchapp.core.paths import Paths
    from stretchapp.core.routines import Timing, load_library
    from stretchapp.ui.library import RoutineCard

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app, LIGHT)
    accent = QColor(LIGHT.accent)
    plain = QFrame()
    plain.setObjectName("card")
    plain.setMinimumSize(200, 120)
    assert not close(_border_on_hover(qtbot, plain), accent)

    paths = Paths.default()
    library = load_library(paths.bundled_routines_dir, paths.user_routines_dir, paths.assets_dir)
    routine_card = RoutineCard(library.routines[0], False, timing=Timing())
    assert close(_border_on_hover(qtbot, routine_card), accent)


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_a_selected_weekday_chip_reads_as_selected(qtbot: QtBot, palette: Palette) -> None:
    """Selected is accent-soft (the app's selection colour), not a disabled-looking grey."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    theme.apply(app, palette)
    page = QWidget()
    column = QVBoxLayout(page)
    chip, other = _chip(), QPushButton("Elsewhere")
    column.addWidget(other)
    column.addWidget(chip)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    other.setFocus()
    inside = chip.mapTo(page, QPoint(6, chip.height() // 2))
    seen = page.grab().toImage().pixelColor(inside)
    assert close(seen, QColor(palette.accent_soft), within=6), seen.name()


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize("kind", ["line edit", "combo box", "spin box", "time edit"])
def test_a_disabled_value_control_looks_disabled(qtbot: QtBot, kind: str, palette: Palette) -> None:
    """ "Hold for a time" chosen, Repetitions and Tempo looked as editable as the hold: a
    disabled field has the page's colour inside, not the field's."""
    page, column = themed_page(palette)
    on, off = CONTROLS[kind](), CONTROLS[kind]()
    off.setEnabled(False)
    column.addWidget(on)
    column.addWidget(off)
    qtbot.addWidget(page)
    page.resize(320, 200)
    page.show()
    qtbot.waitExposed(page)
    image = page.grab().toImage()

    def inside(widget: QWidget) -> QColor:
        return image.pixelColor(widget.mapTo(page, QPoint(widget.width() - 40, 4)))

    assert close(inside(on), QColor(palette.surface), 4)
    assert close(inside(off), QColor(palette.window), 4), inside(off).name()


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _form_field() -> QWidget:
    """A text field in a Settings pane, which adds its own style sheet (widgets.FORM_STYLE)."""
    from stretchapp.ui.widgets import FORM_STYLE

    field = QLineEdit("18:00")
    field.setStyleSheet(FORM_STYLE)
    return field


CONTROLS["settings field"] = _form_field


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize("kind", ["line edit", "spin box", "check box", "settings field"])
def test_where_to_type_or_tick_has_an_edge_one_can_see(
    qtbot: QtBot, kind: str, palette: Palette
) -> None:
    """A reviewer could hardly see the "Don't ask me this again" box: its edge and the text
    fields' were 1.3:1 against the page. The edge a person looks for is at least 3:1 (WCAG
    1.4.11), light and dark, unfocused."""
    page, column = themed_page(palette)
    control, other = CONTROLS[kind](), QPushButton("Elsewhere")
    column.addWidget(control)
    column.addWidget(other)
    qtbot.addWidget(page)
    page.resize(320, 160)
    page.show()
    qtbot.waitExposed(page)
    other.setFocus()
    image = page.grab().toImage()
    if isinstance(control, QCheckBox):  # the box, at the left of the label
        row = control.mapTo(page, QPoint(0, control.height() // 2))
        xs = range(row.x(), row.x() + 24)
        y = row.y()
    else:  # the field's outermost pixels on the left, halfway down (its text comes after)
        row = control.mapTo(page, QPoint(0, control.height() // 2))
        xs = range(row.x(), row.x() + 2)
        y = row.y()
    background = QColor(palette.window)
    best = max(_contrast(image.pixelColor(x, y), background) for x in xs)
    assert best >= 3.0, (kind, best)
