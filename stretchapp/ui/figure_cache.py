"""Where a picture gets its painted figure: from memory, from the store on disk while the
window first shows (ui/figure_store.py), or painted by ui/figure.py, imported only then.

On a usual start every card's figure is copied from the store, so the first paint needs
none of ui/figure.py (its Qt classes and inks cost some 5 ms to import). `renderer()` is
the one place that imports it: a figure that must be painted (a card the store lacks, the
routine's page, the player, the editor) goes through it, and `run()` warms it just after
the first paint so the player's first frame does not wait for it.
"""

from __future__ import annotations

from collections import OrderedDict
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtGui import QPixmap

    from stretchapp.core.drawing import Drawing
    from stretchapp.core.palette import Palette
    from stretchapp.ui.figure_store import FigureStore

_store: FigureStore | None = None


def keep_figures_in(store: FigureStore | None) -> None:
    """Look painted figures up in `store` (on disk) before painting them, and give it the
    ones painted; None: paint as usual."""
    global _store
    _store = store


def renderer() -> ModuleType:
    """ui/figure.py, which paints figures: imported the first time one must be painted."""
    from stretchapp.ui import figure

    return figure


class FigureCache:
    """The last few painted poses, keyed by (drawing, size, theme): a still pose is painted
    (or read from the store) once and then copied; a movement's new poses push the oldest
    out."""

    def __init__(self, size: int = 4) -> None:
        self._size = size
        self._pixmaps: OrderedDict[tuple[object, ...], QPixmap] = OrderedDict()
        self.painted = 0  # how many pixmaps were painted (for tests and the benchmark)

    def pixmap(
        self,
        drawing: Drawing,
        width: int,
        height: int,
        palette: Palette,
        ratio: float = 1.0,
        background: str = "",
    ) -> QPixmap:
        found = self.kept(drawing, width, height, palette, ratio, background)
        if found is not None:
            return found
        store, name, stored = _store, "", None
        if store is not None:  # while the window is first shown
            name = store.name(drawing, width, height, palette, ratio, background)
            stored = store.get(name, width, height, ratio)
        if stored is not None:
            pixmap = stored
        else:
            paint = renderer().render_pixmap
            pixmap = paint(drawing, width, height, palette, ratio, background)
            self.painted += 1
            if store is not None:
                store.put(name, pixmap)
        self._pixmaps[_key(drawing, width, height, palette, ratio, background)] = pixmap
        while len(self._pixmaps) > self._size:
            self._pixmaps.popitem(last=False)
        return pixmap

    def kept(
        self,
        drawing: Drawing,
        width: int,
        height: int,
        palette: Palette,
        ratio: float = 1.0,
        background: str = "",
    ) -> QPixmap | None:
        """The pixmap `pixmap` would give if it is kept here, else None (nothing painted)."""
        key = _key(drawing, width, height, palette, ratio, background)
        found = self._pixmaps.get(key)
        if found is not None:
            self._pixmaps.move_to_end(key)
        return found

    def clear(self) -> None:
        self._pixmaps.clear()


def _key(
    drawing: Drawing, width: int, height: int, palette: Palette, ratio: float, background: str
) -> tuple[object, ...]:
    """What a kept pixmap is found by: the drawing, its size, theme, pixel ratio and ground."""
    return (drawing, width, height, id(palette), ratio, background)
