"""Placing an arrow tries lines until one keeps clear of the body (core/cue.py): measured
with less work, it must still pick the very same line, to the last digit."""

from __future__ import annotations

import math
import random

import pytest

from stretchapp.core import cue

Point = tuple[float, float]
Capsule = tuple[Point, Point, float, float]


def _clearance_as_written(q: Point, shapes: list[Capsule]) -> float:
    """`cue.clearance` as it was first written (min() and max())."""
    best = math.inf
    for a, b, ra, rb in shapes:
        dx, dy = b[0] - a[0], b[1] - a[1]
        length2 = dx * dx + dy * dy
        t = 0.0
        if length2 > 1e-9:
            t = min(1.0, max(0.0, ((q[0] - a[0]) * dx + (q[1] - a[1]) * dy) / length2))
        d = math.hypot(q[0] - a[0] - dx * t, q[1] - a[1] - dy * t) - (ra + (rb - ra) * t)
        best = min(best, d)
    return best


def _first_clear_as_written(
    lines: list[list[Point]],
    shapes: list[Capsule],
    frame: tuple[float, float, float, float],
    floor: float,
    clear: float,
) -> list[Point]:
    """`cue._first_clear` scoring every point of every line tried."""
    x0, _, x1, y1 = frame
    reach = max(cue.WIDTH, cue.HEAD_W) / 2
    need = reach + clear
    best: tuple[float, list[Point]] | None = None
    for pts in lines:
        inside = min(min(q[0] - x0, x1 - q[0], y1 - q[1], q[1] - floor) for q in pts)
        if inside >= reach and all(_clearance_as_written(q, shapes) >= need for q in pts):
            return pts
        score = min(min(_clearance_as_written(q, shapes) for q in pts) - need, inside - reach)
        if best is None or score > best[0]:
            best = (score, pts)
    assert best is not None
    return best[1]


def _capsules(rng: random.Random, count: int) -> list[Capsule]:
    out: list[Capsule] = []
    for _ in range(count):
        a = (rng.uniform(0, 1000), rng.uniform(0, 800))
        b = a if rng.random() < 0.15 else (a[0] + rng.uniform(-300, 300), a[1] + rng.gauss(0, 200))
        out.append((a, b, rng.uniform(10, 80), rng.uniform(10, 80)))
    return out


def _lines(rng: random.Random, count: int) -> list[list[Point]]:
    lines = []
    for _ in range(count):
        x, y = rng.uniform(-100, 1100), rng.uniform(-100, 900)
        ux, uy = rng.uniform(-1, 1), rng.uniform(-1, 1)
        lines.append([(x + 40 * k * ux, y + 40 * k * uy) for k in range(cue.SAMPLES)])
    return lines


def test_clearance_is_as_first_written_to_the_last_digit() -> None:
    rng = random.Random(7)
    for _ in range(100):
        shapes = _capsules(rng, 12)
        for q in ((rng.uniform(-200, 1200), rng.uniform(-200, 1000)) for _ in range(10)):
            assert cue.clearance(q, shapes) == _clearance_as_written(q, shapes)
            for room in (0.0, 15.0, 60.0):
                assert cue._clear_of(q, shapes, room) == (
                    _clearance_as_written(q, shapes) >= room
                ), (q, room)


@pytest.mark.parametrize("seed", range(40))
def test_an_arrow_line_is_the_one_every_point_measured_would_pick(seed: int) -> None:
    """Many of these have no clear line at all (a crowded body): then the clearest one is
    picked, now measuring each line only until it cannot beat the best so far, and some
    lines are given up after a point or two."""
    rng = random.Random(seed)
    shapes = _capsules(rng, rng.randint(4, 30))
    lines = _lines(rng, rng.randint(1, 40))
    frame = (0.0, -50.0, 1000.0, 850.0)
    floor = rng.uniform(-50.0, 200.0)
    clear = rng.uniform(0.0, 40.0)
    expected = _first_clear_as_written(lines, shapes, frame, floor, clear)
    assert cue._first_clear(iter(lines), shapes, frame, floor, clear) is expected


def test_a_line_scored_with_two_margins_is_as_written() -> None:
    """A twist's arrow scores its ends less two margins, one after the other, as written
    before: `clearance - reach - CLEAR_MM`, with no best yet and so every point measured."""
    rng = random.Random(3)
    for _ in range(50):
        shapes = _capsules(rng, 10)
        (pts,) = _lines(rng, 1)
        reach, clear = rng.uniform(5, 40), rng.uniform(5, 40)
        expected = min(min(_clearance_as_written(q, shapes) for q in pts) - reach - clear, 1e9)
        assert cue._worst(1e9, None, pts, shapes, reach, clear) == expected


def _tip_over_as_written(
    frame: tuple[float, float, float, float],
    path: tuple[Point, Point, Point],
    shapes: list[Capsule],
) -> list[Point] | None:
    """`cue._tip_over` as first written: every arc drawn whole by `_points`, its points tried
    from tail to tip (some half a second for the lower-back rotation's knees)."""
    import itertools

    (ux, uy), _, (dx, _dy) = path
    side = 1.0 if dx >= ux else -1.0
    turn = math.radians(cue.TIP_OVER_TURN)
    anchor = (dx, uy)
    tails = sorted(
        ((dx + side * a, uy + b) for a in cue.TIP_OVER_ACROSS for b in cue.TIP_OVER_HEIGHTS),
        key=lambda t: math.dist(t, anchor),
    )
    x0, y0, x1, y1 = frame
    for radius in cue.TIP_OVER_RADII:
        for tx, ty in tails:
            spec = (tx, ty - radius, radius, math.pi / 2 - side * turn / 2, -side * turn)
            pts = cue._points(spec)
            length = sum(math.dist(a, b) for a, b in itertools.pairwise(pts))
            walked = 0.0
            ok = True
            for i, q in enumerate(pts):
                if i:
                    walked += math.dist(pts[i - 1], q)
                reach = (cue.HEAD_W if walked >= length - cue.HEAD_L - 1.0 else cue.WIDTH) / 2
                if not (
                    x0 + reach <= q[0] <= x1 - reach
                    and y0 + reach <= q[1] <= y1 - reach
                    and _clearance_as_written(q, shapes) >= reach + cue.SWING_CLEAR
                ):
                    ok = False
                    break
            if ok:
                return pts
    return None


@pytest.mark.parametrize("seed", range(12))
def test_the_knees_tipping_arrow_is_the_one_every_arc_drawn_whole_would_pick(seed: int) -> None:
    """The tip-over arrow tries thousands of arcs; it now moves one arc about per radius and
    tries first the point the last arc struck. The arc it picks (or none) must not change."""
    rng = random.Random(seed)
    shapes = [
        (a, b, ra / 3, rb / 3)
        for a, b, ra, rb in _capsules(rng, rng.randint(3, 25 if seed % 3 else 60))
    ]
    up = (rng.uniform(200, 800), rng.uniform(200, 600))
    down = (up[0] + rng.choice((-1, 1)) * rng.uniform(50, 300), up[1] - rng.uniform(50, 300))
    path = (up, ((up[0] + down[0]) / 2, up[1]), down)
    frame = (0.0, -50.0, rng.uniform(900, 1400), rng.uniform(700, 1000))
    expected = _tip_over_as_written(frame, path, shapes)
    assert cue._tip_over(frame, path, shapes) == expected


def test_the_lower_back_rotations_arrow_is_the_arc_drawn_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The bundled stretch the tip-over arrow is for, on both sides: the very arc (or none)
    the arcs drawn whole pick, for the very body and frame it is placed round."""
    from figure_bodies import pose_of

    pose = pose_of("lower-back-rotation")
    assert pose.cue in cue.SWINGS and cue.SWINGS[pose.cue][0] is None  # (it tips over)
    asked = []
    placed = cue._tip_over

    def tip_over(*args: object) -> object:
        asked.append(args)
        return placed(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(cue, "_tip_over", tip_over)
    cue.cue_prop.cache_clear()
    for right in (False, True):
        assert cue.cue_prop(pose, right) is not None
    cue.cue_prop.cache_clear()
    assert asked
    for frame, path, shapes in asked:
        found = placed(frame, path, shapes)
        assert found is not None
        assert found == _tip_over_as_written(frame, path, list(shapes))


@pytest.mark.parametrize("seed", range(20))
def test_the_clearest_of_crowded_lines_is_the_one_every_point_measured_would_pick(
    seed: int,
) -> None:
    """With no line clear (a user's pose crowding a two-way arrow), the line kept is the one
    whose nearest point lies furthest off, the first of equals, as measuring every point of
    every line would pick; now each line is given up once it cannot beat the best."""
    rng = random.Random(seed)
    shapes = _capsules(rng, rng.randint(4, 40))
    lines = _lines(rng, rng.randint(1, 60))
    expected = max(lines, key=lambda pts: min(_clearance_as_written(q, shapes) for q in pts))
    if seed % 2 == 0:
        lines = [*lines, list(expected)]  # an equal of the clearest, after it: the first stays
    assert cue._clearest(lines, shapes) is expected
