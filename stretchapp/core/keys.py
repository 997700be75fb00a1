"""Every keyboard shortcut of the app, declared once: the windows bind from it, the tooltips
name keys from it, and docs/keys.md is generated from it (scripts/gen-docs).

Keys are written the way Qt's QKeySequence reads them ("Ctrl+1", "Left", "Esc"). Where the
platform has a standard key for the action (Quit, Undo, Save, New, Open, Delete) it is named
in `standard`, and the window binds that instead, so macOS gets Cmd+Q where Linux and
Windows get Ctrl+Q; `keys` then says what Linux and Windows use. On macOS Qt binds "Ctrl" to
the Command key and "Alt" to Option, and a tooltip names them the way a Mac's menus do ("⌘N",
"⌥↑"; `key_name`).
"""

from __future__ import annotations

from dataclasses import dataclass

from stretchapp.core import platform
from stretchapp.core.i18n import N_, _, pgettext


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
        """The keys in English, as docs/keys.md names them."""
        return self.label or " or ".join(self.keys)

    @property
    def keys_text(self) -> str:
        """The keys as a tooltip names them, in the active language ("Leertaste") and the
        way this system writes them ("⌘N" on a Mac)."""
        return self.keys_text_on("")

    def keys_text_on(self, system: str) -> str:
        """`keys_text` on `system` ("linux", "windows", "macos"; the current one if empty)."""
        if self.label:
            return _(self.label)
        names = [key_name(key, system) for key in self.keys]
        text = names[-1]
        for name in reversed(names[:-1]):
            text = _("{first} or {second}").format(first=name, second=text)
        return text

    @property
    def does_text(self) -> str:
        """What it does, in the active language."""
        return _(self.does)

    @property
    def where_text(self) -> str:
        """The screen it works on, in the active language."""
        return _(self.where)


# How a Mac's menus write modifiers, in the order they put them, and the arrow keys.
MAC_MODIFIERS = (("Meta", "⌃"), ("Alt", "⌥"), ("Shift", "⇧"), ("Ctrl", "⌘"))
MAC_ARROWS = {"Up": "↑", "Down": "↓", "Left": "←", "Right": "→"}


def key_name(key: str, system: str = "") -> str:
    """A key as a person reads it in their language on their system ("Space" → "Leertaste",
    "Ctrl+N" → "Strg+N" in German, "⌘N" on a Mac); keys with no word of their own ("N",
    "Esc") as written. `system` is "linux", "windows" or "macos"; the current one if empty."""
    names = {
        "Space": pgettext("key", "Space"),
        "Return": pgettext("key", "Enter"),
        "Enter": pgettext("key", "Enter"),
        "Left": pgettext("key", "Left"),
        "Right": pgettext("key", "Right"),
        "Backspace": pgettext("key", "Backspace"),
        "Delete": pgettext("key", "Delete"),
        "Alt+Up": pgettext("key", "Alt+Up"),
        "Alt+Down": pgettext("key", "Alt+Down"),
    }
    *modifiers, base = key.split("+") if len(key) > 1 else [key]
    if not modifiers:
        return names.get(key, key)
    if (system or platform.current().name) == "macos":
        marks = "".join(mark for name, mark in MAC_MODIFIERS if name in modifiers)
        return marks + MAC_ARROWS.get(base, base)
    if key in names:
        return names[key]
    words = {"Ctrl": pgettext("key", "Ctrl")}  # "Strg" on a German keyboard
    return "+".join([*(words.get(m, m) for m in modifiers), names.get(base, base)])


EVERYWHERE = N_("Everywhere")
LIBRARY = N_("Routines")
DETAIL = N_("A routine's page")
PLAYER = N_("Player")
CHECK_IN = N_("Check-in")
HISTORY = N_("History")
EDITOR = N_("Routine editor")
REMINDER = N_("Reminder")

SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut(EVERYWHERE, "routines", ("Ctrl+1",), N_("go to Routines")),
    Shortcut(EVERYWHERE, "history", ("Ctrl+2",), N_("go to History")),
    Shortcut(EVERYWHERE, "settings", ("Ctrl+3",), N_("go to Settings")),
    Shortcut(
        EVERYWHERE,
        "undo",
        ("Ctrl+Z",),
        N_(
            "undo the last delete (a routine, a session, a stretch in the editor), "
            "while its Undo is offered"
        ),
        standard="Undo",
    ),
    Shortcut(EVERYWHERE, "quit", ("Ctrl+Q",), N_("quit StretchApp"), standard="Quit"),
    Shortcut(LIBRARY, "new", ("Ctrl+N",), N_("make a new routine"), standard="New"),
    Shortcut(LIBRARY, "import", ("Ctrl+O",), N_("import a shared routine"), standard="Open"),
    Shortcut(
        LIBRARY,
        "open",
        ("Return", "Enter", "Space"),
        N_("open the routine whose card has focus"),
        label=N_("Enter or Space"),
    ),
    Shortcut(DETAIL, "back", ("Esc", "Backspace"), N_("back to the routines")),
    Shortcut(PLAYER, "pause", ("Space",), N_("pause / resume")),
    Shortcut(PLAYER, "skip", ("Right", "N"), N_("skip to the next stretch")),
    Shortcut(PLAYER, "back", ("Left", "P"), N_("back to the previous stretch")),
    Shortcut(PLAYER, "restart", ("R",), N_("start this stretch again")),
    Shortcut(
        PLAYER,
        "stop",
        ("Esc",),
        N_("stop (what you did is kept); on the finish screen, back to the routines"),
    ),
    Shortcut(PLAYER, "mute", ("M",), N_("sound off / on")),
    Shortcut(PLAYER, "full_screen", ("F",), N_("full screen on / off")),
    Shortcut(
        PLAYER,
        "leave",
        ("Return", "Enter"),
        N_("on the finish screen, back to the routines"),
        label=N_("Enter"),
    ),
    Shortcut(
        CHECK_IN,
        "answer",
        ("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
        N_("answer how your back feels with that number (1 waits a moment for a 0)"),
        label=N_("0 to 9"),
    ),
    Shortcut(CHECK_IN, "ten", ("1", "0"), N_("answer 10: press 1, then 0"), label=N_("1 then 0")),
    Shortcut(CHECK_IN, "skip", ("Space", "S"), N_("skip the question")),
    Shortcut(
        HISTORY,
        "delete",
        ("Delete",),
        N_("delete the selected session (you can undo it)"),
        standard="Delete",
    ),
    Shortcut(EDITOR, "save", ("Ctrl+S",), N_("save the routine"), standard="Save"),
    Shortcut(EDITOR, "move", ("Alt+Up", "Alt+Down"), N_("move the selected stretch up or down")),
    Shortcut(EDITOR, "remove", ("Delete", "Backspace"), N_("remove the selected stretch")),
    Shortcut(EDITOR, "leave", ("Esc",), N_("leave the editor (it asks about unsaved changes)")),
    Shortcut(REMINDER, "start", ("Return", "Enter"), N_("start the routine"), label=N_("Enter")),
    Shortcut(REMINDER, "snooze", ("S",), N_("snooze")),
    Shortcut(REMINDER, "skip", ("Esc",), N_("skip this reminder")),
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
