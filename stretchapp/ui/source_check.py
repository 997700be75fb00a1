"""PySide6's look at the source of every module imported after it, made quick.

Once PySide6 is loaded, every `import` statement goes through its import hook, which asks once
per module whether the module's source mentions "PySide6" (such a module may switch on
PySide's `__feature__` options). It asks through `inspect.getsource`, which reads the file
through linecache, works out its encoding and splits it into lines: for the 50-odd modules
named on the way to the first paint (the app's and the standard library's), about 5 ms of
CPU. `install` answers the same question by looking for the same word in the file's bytes,
and leaves anything without a readable `.py` file (Qt's own modules, a bundle's compiled
ones) to PySide's own check, so every answer is the one PySide would give
(tests/ui/test_source_check.py holds the two to each other). Imported before PySide6 (it
names no Qt module at the top), so that it is not looked at itself.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

# Where PySide6 6.x keeps the check and the name its import hook calls it by.
FEATURE_MODULE = "shibokensupport.feature"
CHECK = "_mod_uses_pyside"

_pyside_check: Callable[[ModuleType], Any] | None = None  # PySide's own, once replaced


def uses_pyside(module: ModuleType, *more: Any, **named: Any) -> Any:
    """Whether the module's source mentions PySide6, as PySide's own check answers it.
    Called in any other way than PySide 6.11 calls it (another PySide within the range
    pyproject.toml allows), it hands the call to PySide's own check unchanged."""
    file = getattr(module, "__file__", None)
    if not more and not named and isinstance(file, str) and file.endswith(".py"):
        try:
            return b"PySide6" in Path(file).read_bytes()
        except OSError:
            pass  # (a source that is not a file of its own: PySide's check knows what to do)
    if _pyside_check is None:
        return False
    return _pyside_check(module, *more, **named)


def install() -> bool:
    """Loads PySide6 and puts `uses_pyside` in place of its own check; False (nothing
    changed) when this PySide6 has no such check."""
    global _pyside_check
    import PySide6  # noqa: F401 - loads shiboken, which installs the import hook

    feature = sys.modules.get(FEATURE_MODULE)
    names = vars(feature) if feature is not None else {}
    current = names.get(CHECK)
    if current is uses_pyside:
        return True
    if not callable(current):
        return False
    _pyside_check = current
    names[CHECK] = uses_pyside
    return True


def pyside_check() -> Callable[[ModuleType], Any] | None:
    """PySide's own check, once `install` has replaced it (for the tests)."""
    return _pyside_check
