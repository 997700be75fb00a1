"""Light and dark looks from the core palette, applied to the whole application."""

from __future__ import annotations

import os

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from stretchapp.core.palette import DARK, LIGHT, Palette
from stretchapp.core.paths import bundled_assets_dir

# Fusion: the same look everywhere, and it honours the palette fully. Named when the
# application is built (see `application`): set afterwards, Qt builds the default style first
# and then replaces it, and PySide6 builds the Python type of QStyle with its 500-odd enum
# values to hand the new style back (some 10 ms before the window can show).
STYLE_ARGS = ("-style", "Fusion")
_STYLED = "stretchappFusion"


# Qt hands translucent fills and other blends of more than a few dozen rows to a pool of
# threads, 64 rows a task: each of a moving figure's frames (the glow it had then, the gap
# round a near limb) woke the pool some 300 times, and the waking cost more than the blending
# saved. One thread blends them for about a quarter less CPU over a routine with movements
# (bench.py).
# Read once, when Qt first wants the pool: set before anything is painted.
QUIET_ENVIRONMENT = {"QT_NO_GUI_THREADPOOL": "1"}


def quiet_gui_threads() -> None:
    """Let Qt paint on the calling thread alone (unless the environment says otherwise)."""
    for name, value in QUIET_ENVIRONMENT.items():
        os.environ.setdefault(name, value)


def application(argv0: str) -> QApplication:
    """The QApplication, built with the Fusion style, painting on one thread."""
    quiet_gui_threads()
    app = QApplication([argv0, *STYLE_ARGS])
    app.setProperty(_STYLED, True)
    return app


def system_prefers_dark() -> bool:
    """Whether the system's look is dark now. (This names `Qt`, which costs 14-18 ms the first
    time: see early_widgets. The first paint takes the look remembered from the last run.)"""
    from PySide6.QtCore import Qt

    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def resolve(choice: str, system_dark: bool | None = None) -> Palette:
    """choice: 'system', 'light' or 'dark'; for 'system', `system_dark` when known (the look
    remembered from the last run), else the system is asked."""
    if choice == "system":
        dark = system_prefers_dark() if system_dark is None else system_dark
        return DARK if dark else LIGHT
    return DARK if choice == "dark" else LIGHT


def is_dark(palette: Palette) -> bool:
    return palette is DARK


def apply(app: QApplication, p: Palette) -> None:
    if not app.property(_STYLED):
        app.setStyle("Fusion")
        app.setProperty(_STYLED, True)
    qp = QPalette()
    roles = {
        QPalette.ColorRole.Window: p.window,
        QPalette.ColorRole.Base: p.surface,
        QPalette.ColorRole.AlternateBase: p.window,
        QPalette.ColorRole.Text: p.text,
        QPalette.ColorRole.WindowText: p.text,
        QPalette.ColorRole.ButtonText: p.text,
        QPalette.ColorRole.Button: p.surface,
        QPalette.ColorRole.Highlight: p.accent,
        QPalette.ColorRole.HighlightedText: p.on_accent,
        QPalette.ColorRole.Link: p.accent,
        QPalette.ColorRole.ToolTipBase: p.surface,
        QPalette.ColorRole.ToolTipText: p.text,
        QPalette.ColorRole.PlaceholderText: p.secondary,
        QPalette.ColorRole.Mid: p.border,
        QPalette.ColorRole.Dark: p.edge,  # what takes input: style sheets' palette(dark)
    }
    for role, colour in roles.items():
        qp.setColor(role, QColor(colour))
    qp.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(p.secondary))
    qp.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(p.secondary))
    qp.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor(p.secondary))
    app.setPalette(qp)
    app.setStyleSheet(stylesheet(p))


def stylesheet(p: Palette) -> str:
    arrows = (bundled_assets_dir() / "ui").as_posix()
    return f"""
    QWidget {{ font-size: 15px; }}
    QMainWindow, #page {{ background: {p.window}; }}
    QToolTip {{ background: {p.surface}; color: {p.text}; border: 1px solid {p.border};
               padding: 4px 8px; }}
    #nav {{ background: {p.surface}; border: none; border-right: 1px solid {p.border}; outline: 0;
            padding: 8px; }}
    QListWidget#nav {{ border: 2px solid transparent; border-radius: 8px; padding: 6px; }}
    QListWidget#nav:focus {{ border-color: {p.accent}; }}
    #nav::item {{ padding: 10px 14px; border-radius: 8px; margin: 2px 0; }}
    #nav::item:selected {{ background: {p.accent_soft}; color: {p.text}; }}
    #nav::item:hover:!selected {{ background: {p.window}; }}
    #appTitle {{ font-size: 18px; font-weight: 600; color: {p.accent}; padding: 12px 14px; }}
    #h1 {{ font-size: 26px; font-weight: 600; }}
    #h2 {{ font-size: 20px; font-weight: 600; }}
    #secondary, #meta {{ color: {p.secondary}; }}
    #card {{ background: {p.surface}; border: 1px solid {p.border}; border-radius: 12px; }}
    #card[clickable="true"]:hover {{ border-color: {p.accent}; }}
    #card:focus {{ border: 2px solid {p.accent}; }}
    #cardTitle {{ font-size: 18px; font-weight: 600; }}
    #badge {{ background: {p.accent_soft}; color: {p.text}; border-radius: 8px;
              padding: 2px 8px; font-size: 13px; }}
    #notice {{ background: {p.surface}; border: 1px solid {p.accent};
               border-left: 6px solid {p.accent}; border-radius: 12px; }}
    #notice[kind="problem"] {{ border-color: {p.warning}; border-left: 6px solid {p.warning}; }}
    #noticeTitle {{ font-weight: 600; color: {p.text}; }}
    #caution {{ color: {p.secondary}; font-style: italic; }}
    #glowSwatch {{ background: {p.accent}; border-radius: 7px; }}
    #warning {{ color: {p.warning}; }}
    #success {{ color: {p.accent}; font-weight: 600; }}
    QLineEdit[problem="true"], QPlainTextEdit[problem="true"] {{
        border: 2px solid {p.warning}; border-radius: 6px; }}
    #stretchName {{ font-size: 32px; font-weight: 600; }}
    #sideLabel {{ font-size: 22px; font-weight: 600; color: {p.accent}; }}
    #sideHint {{ font-size: 18px; font-weight: 600; color: {p.accent}; }}
    #repLabel {{ font-size: 20px; color: {p.text}; }}
    #steps {{ font-size: 16px; }}
    #nextLabel {{ font-size: 17px; font-weight: 600; }}
    #finishStats {{ font-size: 20px; }}
    QPushButton {{ background: {p.surface}; color: {p.text}; border: 1px solid {p.border};
                   border-radius: 8px; padding: 8px 16px; }}
    QPushButton:hover {{ border-color: {p.accent}; }}
    QPushButton:focus {{ border: 2px solid {p.accent}; padding: 7px 15px; }}
    QPushButton:disabled {{ color: {p.secondary}; }}
    QPushButton#primary {{ background: {p.accent}; color: {p.on_accent}; font-weight: 600;
                           border: 2px solid transparent; background-clip: padding;
                           padding: 7px 15px; }}
    QPushButton#primary:hover {{ border-color: {p.accent_soft}; }}
    QPushButton#primary:focus {{ border: 6px double {p.accent}; padding: 3px 11px; }}
    QPushButton#link {{ background: transparent; border: 2px solid transparent; color: {p.accent};
                        border-radius: 4px; padding: 2px 2px; text-align: left;
                        text-decoration: underline; }}
    QPushButton#link:focus {{ border-color: {p.accent}; }}
    QToolButton {{ background: {p.surface}; color: {p.text}; border: 1px solid {p.border};
                   border-radius: 8px; padding: 4px 8px; }}
    QToolButton:hover {{ border-color: {p.accent}; }}
    QToolButton:checked {{ background: {p.accent_soft}; color: {p.text}; font-weight: 600;
                           border-color: {p.accent_soft}; }}
    QToolButton:focus {{ border: 2px solid {p.accent}; padding: 3px 7px; }}
    QToolButton:disabled {{ background: {p.window}; color: {p.secondary};
                            border: 1px dashed {p.border}; }}
    QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QComboBox {{
        background: {p.surface}; color: {p.text}; border: 1px solid {p.edge};
        border-radius: 6px; padding: 4px 6px; }}
    QLineEdit:focus, QPlainTextEdit:focus, QTextEdit:focus, QAbstractSpinBox:focus,
    QComboBox:focus {{ border: 2px solid {p.accent}; padding: 3px 5px; }}
    QLineEdit:disabled, QPlainTextEdit:disabled, QTextEdit:disabled,
    QAbstractSpinBox:disabled, QComboBox:disabled {{
        background: {p.window}; color: {p.secondary}; border: 1px dashed {p.border}; }}
    QAbstractSpinBox::up-arrow:disabled, QAbstractSpinBox::down-arrow:disabled,
    QComboBox::down-arrow:disabled {{ image: none; }}
    QAbstractSpinBox {{ padding-right: 18px; }}
    QAbstractSpinBox:focus {{ padding-right: 17px; }}
    QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{
        subcontrol-origin: padding; width: 16px; border: none; background: transparent; }}
    QAbstractSpinBox::up-button {{ subcontrol-position: top right; }}
    QAbstractSpinBox::down-button {{ subcontrol-position: bottom right; }}
    QAbstractSpinBox::up-arrow {{ image: url("{arrows}/chevron-up.svg"); width: 12px; }}
    QAbstractSpinBox::down-arrow, QComboBox::down-arrow {{ image: url("{arrows}/chevron-down.svg");
        width: 12px; }}
    QComboBox {{ padding-right: 18px; }}
    QComboBox:focus {{ padding-right: 17px; }}
    QComboBox::drop-down, QDateEdit::drop-down {{ subcontrol-origin: padding;
        subcontrol-position: center right; width: 16px; border: none; background: transparent; }}
    QDateEdit::down-arrow {{ image: url("{arrows}/chevron-down.svg"); width: 12px; }}
    QComboBox QAbstractItemView {{ background: {p.surface}; color: {p.text};
        selection-background-color: {p.accent_soft}; selection-color: {p.text}; }}
    QSlider::groove:horizontal {{ height: 4px; margin: 0 8px; border-radius: 2px;
        background: {p.border}; }}
    QSlider::sub-page:horizontal {{ margin: 0 0 0 8px; border-radius: 2px;
        background: {p.accent}; }}
    QSlider::handle:horizontal {{ width: 18px; height: 18px; margin: -8px -1px;
        border-radius: 10px; background: {p.surface}; border: 1px solid {p.secondary}; }}
    QCheckBox, QRadioButton, QSlider {{ border: 2px solid transparent; border-radius: 6px;
                                      padding: 2px; }}
    QCheckBox:focus, QRadioButton:focus, QSlider:focus {{ border-color: {p.accent}; }}
    QCheckBox::indicator {{ width: 16px; height: 16px; border: 2px solid {p.edge};
        border-radius: 4px; background: {p.surface}; }}
    QCheckBox::indicator:checked {{ border-color: {p.accent}; background: {p.accent};
        image: url("{arrows}/check-{"dark" if p is DARK else "light"}.svg"); }}
    QCheckBox::indicator:disabled {{ border-style: dashed; background: {p.window}; }}
    QAbstractItemView:focus {{ border: 2px solid {p.accent}; }}
    QScrollArea {{ border: 2px solid transparent; border-radius: 8px; background: transparent; }}
    QScrollArea:focus {{ border-color: {p.accent}; }}
    QScrollArea > QWidget > QWidget {{ background: transparent; }}
    QScrollBar:vertical {{ width: 10px; background: transparent; }}
    QScrollBar::handle:vertical {{ background: {p.border}; border-radius: 5px; min-height: 30px; }}
    QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
    """
