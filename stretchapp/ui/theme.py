"""Light and dark looks from the core palette, applied to the whole application."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from stretchapp.core.palette import DARK, LIGHT, Palette

# Fusion: the same look everywhere, and it honours the palette fully. Named when the
# application is built (see `application`): set afterwards, Qt builds the default style first
# and then replaces it, and PySide6 builds the Python type of QStyle with its 500-odd enum
# values to hand the new style back (some 10 ms before the window can show).
STYLE_ARGS = ("-style", "Fusion")
_STYLED = "stretchappFusion"


def application(argv0: str) -> QApplication:
    """The QApplication, built with the Fusion style."""
    app = QApplication([argv0, *STYLE_ARGS])
    app.setProperty(_STYLED, True)
    return app


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def resolve(choice: str) -> Palette:
    """choice: 'system', 'light' or 'dark'."""
    if choice == "dark" or (choice == "system" and system_prefers_dark()):
        return DARK
    return LIGHT


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
    }
    for role, colour in roles.items():
        qp.setColor(role, QColor(colour))
    qp.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(p.secondary))
    qp.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(p.secondary))
    qp.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor(p.secondary))
    app.setPalette(qp)
    app.setStyleSheet(stylesheet(p))


def stylesheet(p: Palette) -> str:
    return f"""
    QWidget {{ font-size: 15px; }}
    QMainWindow, #page {{ background: {p.window}; }}
    QToolTip {{ background: {p.surface}; color: {p.text}; border: 1px solid {p.border};
               padding: 4px 8px; }}
    #nav {{ background: {p.surface}; border: none; border-right: 1px solid {p.border}; outline: 0;
            padding: 8px; }}
    #nav::item {{ padding: 10px 14px; border-radius: 8px; margin: 2px 0; }}
    #nav::item:selected {{ background: {p.accent_soft}; color: {p.text}; }}
    #nav::item:hover:!selected {{ background: {p.window}; }}
    #appTitle {{ font-size: 18px; font-weight: 600; color: {p.accent}; padding: 12px 14px; }}
    #h1 {{ font-size: 26px; font-weight: 600; }}
    #h2 {{ font-size: 20px; font-weight: 600; }}
    #secondary, #meta {{ color: {p.secondary}; }}
    #card {{ background: {p.surface}; border: 1px solid {p.border}; border-radius: 12px; }}
    #card:hover {{ border-color: {p.accent}; }}
    #card:focus {{ border: 2px solid {p.accent}; }}
    #cardTitle {{ font-size: 18px; font-weight: 600; }}
    #badge {{ background: {p.accent_soft}; color: {p.text}; border-radius: 8px;
              padding: 2px 8px; font-size: 13px; }}
    #notice {{ background: {p.surface}; border: 1px solid {p.accent};
               border-left: 6px solid {p.accent}; border-radius: 12px; }}
    #noticeTitle {{ font-weight: 600; color: {p.text}; }}
    #caution {{ color: {p.secondary}; font-style: italic; }}
    #warning {{ color: {p.warning}; }}
    QLineEdit[problem="true"], QPlainTextEdit[problem="true"] {{
        border: 2px solid {p.warning}; border-radius: 6px; }}
    #stretchName {{ font-size: 32px; font-weight: 600; }}
    #sideLabel {{ font-size: 22px; font-weight: 600; color: {p.accent}; }}
    #repLabel {{ font-size: 20px; color: {p.text}; }}
    #steps {{ font-size: 16px; }}
    #nextLabel {{ font-size: 17px; font-weight: 600; }}
    #finishStats {{ font-size: 20px; }}
    QPushButton {{ background: {p.surface}; color: {p.text}; border: 1px solid {p.border};
                   border-radius: 8px; padding: 8px 16px; }}
    QPushButton:hover {{ border-color: {p.accent}; }}
    QPushButton:focus {{ border: 2px solid {p.accent}; }}
    QPushButton:disabled {{ color: {p.secondary}; }}
    QPushButton#primary {{ background: {p.accent}; color: {p.on_accent}; border: none;
                           font-weight: 600; }}
    QPushButton#primary:hover {{ background: {p.accent}; border: 2px solid {p.text}; }}
    QPushButton#link {{ background: transparent; border: none; color: {p.accent};
                        padding: 4px 0; text-align: left; text-decoration: underline; }}
    QPushButton#link:focus {{ border: 1px dashed {p.accent}; }}
    QScrollArea {{ border: none; background: transparent; }}
    QScrollArea > QWidget > QWidget {{ background: transparent; }}
    QScrollBar:vertical {{ width: 10px; background: transparent; }}
    QScrollBar::handle:vertical {{ background: {p.border}; border-radius: 5px; min-height: 30px; }}
    QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
    """
