"""Every keyboard shortcut of the app, declared once: the windows bind from it, the tooltips
name keys from it, and docs/keys.md is generated from it (scripts/gen-docs).

Keys are written the way Qt's QKeySequence reads them ("Ctrl+1", "Left", "Esc"). Where the
platform has a standard key for the action (Quit, Undo, Save, New, Open, Delete) it is named
in `standard`, and the window binds that instead, so macOS gets Cmd+Q where Linux and
Windows get Ctrl+Q; `keys` then says what Linux and Windows use.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Shortcut:
    where: str  # the screen it works on ("Everywhere", "Player", …)
    action: str  # the name the screen's code binds it by
    keys: tuple[str, ...]
    does: str
    standard: str = ""  # a QKeySequence.StandardKey name, when the platform has one
    label: str = ""  # how a tooltip names the keys; " or "-joined keys when empty

    @property
    def shown(self) -> str:
        return self.label or " or ".join(self.keys)


EVERYWHERE = "Everywhere"
LIBRARY = "Routines"
DETAIL = "A routine's page"
PLAYER = "Player"
CHECK_IN = "Check-in"
HISTORY = "History"
EDITOR = "Routine editor"
REMINDER = "Reminder"

SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut(EVERYWHERE, "routines", ("Ctrl+1",), "go to Routines"),
    Shortcut(EVERYWHERE, "history", ("Ctrl+2",), "go to History"),
    Shortcut(EVERYWHERE, "settings", ("Ctrl+3",), "go to Settings"),
    Shortcut(
        EVERYWHERE,
        "undo",
        ("Ctrl+Z",),
        "undo the last delete (a routine or a session), while its Undo is offered",
        standard="Undo",
    ),
    Shortcut(EVERYWHERE, "quit", ("Ctrl+Q",), "quit StretchApp", standard="Quit"),
    Shortcut(LIBRARY, "new", ("Ctrl+N",), "make a new routine", standard="New"),
    Shortcut(LIBRARY, "import", ("Ctrl+O",), "import a shared routine", standard="Open"),
    Shortcut(
        LIBRARY,
        "open",
        ("Return", "Enter", "Space"),
        "open the routine whose card has focus",
        label="Enter or Space",
    ),
    Shortcut(DETAIL, "back", ("Esc", "Backspace"), "back to the routines"),
    Shortcut(PLAYER, "pause", ("Space",), "pause / resume"),
    Shortcut(PLAYER, "skip", ("Right", "N"), "skip to the next stretch"),
    Shortcut(PLAYER, "back", ("Left", "P"), "back to the previous stretch"),
    Shortcut(PLAYER, "restart", ("R",), "start this stretch again"),
    Shortcut(
        PLAYER,
        "stop",
        ("Esc",),
        "stop (what you did is kept); on the finish screen, back to the routines",
    ),
    Shortcut(PLAYER, "mute", ("M",), "sound off / on"),
    Shortcut(PLAYER, "full_screen", ("F",), "full screen on / off"),
    Shortcut(
        PLAYER,
        "leave",
        ("Return", "Enter"),
        "on the finish screen, back to the routines",
        label="Enter",
    ),
    Shortcut(
        CHECK_IN,
        "answer",
        ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
        "answer how your back feels with that number (1 waits a moment for a 0)",
        label="0 to 9",
    ),
    Shortcut(CHECK_IN, "ten", ("1", "0"), "answer 10: press 1, then 0", label="1 then 0"),
    Shortcut(CHECK_IN, "skip", ("Space", "S"), "skip the question"),
    Shortcut(
        HISTORY,
        "delete",
        ("Delete",),
        "delete the selected session (you can undo it)",
        standard="Delete",
    ),
    Shortcut(EDITOR, "save", ("Ctrl+S",), "save the routine", standard="Save"),
    Shortcut(EDITOR, "move", ("Alt+Up", "Alt+Down"), "move the selected stretch up or down"),
    Shortcut(EDITOR, "remove", ("Delete", "Backspace"), "remove the selected stretch"),
    Shortcut(EDITOR, "leave", ("Esc",), "leave the editor (it asks about unsaved changes)"),
    Shortcut(REMINDER, "start", ("Return", "Enter"), "start the routine", label="Enter"),
    Shortcut(REMINDER, "snooze", ("S",), "snooze"),
    Shortcut(REMINDER, "skip", ("Esc",), "skip this reminder"),
)


def shortcuts(where: str) -> dict[str, Shortcut]:
    """The shortcuts of one screen, by action."""
    return {s.action: s for s in SHORTCUTS if s.where == where}


def markdown_table(where: str = "") -> str:
    """docs/keys.md's table: one row per shortcut, screen by screen; with `where`, that
    screen's keys only (the README's player table)."""
    if where:
        rows = ["| key | does |", "|---|---|"]
        rows += [f"| {s.shown} | {s.does} |" for s in SHORTCUTS if s.where == where]
        return "\n".join(rows)
    rows = ["| where | keys | does |", "|---|---|---|"]
    for s in SHORTCUTS:
        keys = s.label or ", ".join(s.keys)
        rows.append(f"| {s.where} | {keys} | {s.does} |")
    return "\n".join(rows)
