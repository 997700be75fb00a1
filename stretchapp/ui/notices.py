"""One look for success and one for problems, for every message line in the app.

Success is the accent colour with a check mark and names the thing in the person's words
(the routine's name, never a file path); problems are the warning colour. Warning red is for
problems and red flags only.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

SUCCESS = "success"  # object names the stylesheet (ui/theme.py) styles
PROBLEM = "warning"


def _restyle(label: QLabel, name: str) -> None:
    if label.objectName() != name:
        label.setObjectName(name)
        label.style().unpolish(label)
        label.style().polish(label)


def say_done(label: QLabel, text: str) -> None:
    """A success ("Saved “Morning loosen-up”.") in the success style."""
    _restyle(label, SUCCESS)
    label.setText(f"✓ {text}" if text else "")


def say_problem(label: QLabel, text: str) -> None:
    """A problem in the problem style (an empty text clears the line)."""
    _restyle(label, PROBLEM)
    label.setText(text)
