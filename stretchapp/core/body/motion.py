"""Where the figure is at a moment of a session: a pure function of the session's time.

- A stretch done in repetitions (rep_ms > 0) moves from its first key pose through the
  others and back once per repetition, eased, staying a while in each key (`dwell`); each
  move between two keys takes an equal share of the rest, or the key's own `move` share
  (a breath: 4 s in, 6 s out).
- A hold (rep_ms == 0) eases from the first key into the last as it begins, then is still.
  A pose with `cycle_ms` (rolling on a foam roller, breathing) keeps moving through its keys.
- Get-ready and rest show the first key, still.
- Switching sides: the body comes out of the stretch, the view swings round to the other
  side while the body changes over, then it waits in the right side's first key.
"""

from __future__ import annotations

import math

from stretchapp.core.body import skeleton as sk
from stretchapp.core.body.pose import KeyPose, StretchPose
from stretchapp.core.records import record

# Phase kinds and sides as the session names them (core.session imports this module).
STRETCH, SWITCH, RIGHT = "stretch", "switch", "right"

EASE_IN_MS = 2500  # a hold eases into the stretch over this (at most a third of the hold)
FRAME_MS = 33  # ~30 frames a second while moving
SWITCH_OUT = 0.35  # shares of the switch: coming out of the stretch,
SWITCH_TURN = 0.8  # ... the view swinging round (until here), then still
DEFAULT_REST_DWELL = 0.1
DEFAULT_KEY_DWELL = 0.3


def ease(u: float) -> float:
    """Smooth start and stop (cosine ease), 0..1 -> 0..1."""
    u = min(1.0, max(0.0, u))
    return (1.0 - math.cos(math.pi * u)) / 2.0


@record(hot=True)
class Moment:
    """Between which two keys the figure is, and how far, seen from where."""

    a: KeyPose
    b: KeyPose
    t: float  # eased 0..1 from a to b
    right: bool  # the right side: keys are the right side's (mirrored unless declared)
    turn: float = 0.0  # 0..1 of the view's swing round from the left to the right side
    blend_right: bool = False  # during the swing: a is the left's key, b the right's


def side_keys(pose: StretchPose, right: bool) -> tuple[KeyPose, ...]:
    if not right:
        return pose.keys
    if pose.right is not None:
        return pose.right
    return tuple(mirror_key(k) for k in pose.keys)


def mirror_key(key: KeyPose) -> KeyPose:
    angles = sk.mirror_angles(key.angle_map())
    contacts = None if key.contacts is None else tuple(sk.mirror_name(c) for c in key.contacts)
    return KeyPose(
        key.name,
        tuple(sorted(angles.items())),
        contacts,
        key.dwell,
        key.roller,
        key.line,
        key.move,
    )


def _schedule(keys: tuple[KeyPose, ...]) -> list[tuple[float, float]]:
    """(dwell, move) shares of one repetition for each key, in loop order."""
    n = len(keys)
    dwells = []
    for i, key in enumerate(keys):
        if key.dwell is not None:
            dwells.append(key.dwell)
        elif i == 0:
            dwells.append(DEFAULT_REST_DWELL)
        else:
            dwells.append(DEFAULT_KEY_DWELL / (n - 1))
    total = sum(dwells)
    if total > 0.9:
        dwells = [d * 0.9 / total for d in dwells]
    given = [key.move for key in keys]
    left = 1.0 - sum(dwells) - sum(m for m in given if m is not None)
    free = sum(1 for m in given if m is None)
    even = max(0.0, left) / free if free else 0.0
    moves = [even if m is None else m for m in given]
    whole = sum(dwells) + sum(moves)
    if whole > 1.0 or (not free and whole < 1.0):
        # (the keys' own shares fill the repetition: scaled to fit it exactly)
        dwells, moves = [d / whole for d in dwells], [m / whole for m in moves]
    return list(zip(dwells, moves, strict=True))


def cycle(keys: tuple[KeyPose, ...], u: float) -> tuple[KeyPose, KeyPose, float]:
    """Where in one repetition (u in 0..1) the figure is: keys a, b and eased t."""
    if len(keys) == 1:
        return keys[0], keys[0], 0.0
    u = u % 1.0
    at = 0.0
    for i, (dwell, move) in enumerate(_schedule(keys)):
        nxt = keys[(i + 1) % len(keys)]
        if u < at + dwell:
            return keys[i], keys[i], 0.0
        at += dwell
        if u < at + move:
            return keys[i], nxt, ease((u - at) / move)
        at += move
    return keys[0], keys[0], 0.0


def ease_in_ms(phase_ms: int) -> int:
    return min(EASE_IN_MS, phase_ms // 3)


def moment(
    pose: StretchPose, phase: str, elapsed_ms: int, phase_ms: int, rep_ms: int, side: str | None
) -> Moment:
    right = side == RIGHT
    keys = side_keys(pose, right)
    first, last = keys[0], keys[-1]
    period = rep_ms if rep_ms > 0 else pose.cycle_ms
    if phase == STRETCH:
        if period > 0 and len(keys) > 1:
            a, b, t = cycle(keys, (elapsed_ms % period) / period)
            return Moment(a, b, t, right)
        ease_ms = ease_in_ms(phase_ms)
        if ease_ms <= 0 or elapsed_ms >= ease_ms:
            return Moment(last, last, 0.0, right)
        return Moment(first, last, ease(elapsed_ms / ease_ms), right)
    if phase == SWITCH and side == RIGHT:
        left = side_keys(pose, False)
        # a hold ended in its last key, a repetition back in its first
        ended = left[-1] if period <= 0 or len(left) == 1 else left[0]
        u = elapsed_ms / phase_ms if phase_ms > 0 else 1.0
        if u < SWITCH_OUT:
            return Moment(ended, left[0], ease(u / SWITCH_OUT), False)
        if u < SWITCH_TURN:
            s = ease((u - SWITCH_OUT) / (SWITCH_TURN - SWITCH_OUT))
            return Moment(left[0], first, s, True, turn=s, blend_right=True)
        return Moment(first, first, 0.0, True)
    return Moment(first, first, 0.0, right)


BREATH_IN, BREATH_OUT = "in", "out"


def breath(
    pose: StretchPose, phase: str, elapsed_ms: int, phase_ms: int, rep_ms: int, side: str | None
) -> str | None:
    """Which way a breathing figure is breathing at this moment of the stretch: BREATH_IN
    while its belly rises toward a key with more `belly_rise`, BREATH_OUT while it falls (a
    pause in a key counts with the movement that follows it). None for a figure whose keys
    do not differ in their breath, and outside the stretch itself."""
    if phase != STRETCH:
        return None
    keys = side_keys(pose, side == RIGHT)
    period = rep_ms if rep_ms > 0 else pose.cycle_ms
    if period <= 0 or len(keys) < 2:
        return None
    a, b, _t = cycle(keys, (elapsed_ms % period) / period)
    if a is b:
        b = keys[(keys.index(a) + 1) % len(keys)]
    rise = b.angle_map().get("belly_rise", 0.0) - a.angle_map().get("belly_rise", 0.0)
    if rise == 0:
        return None
    return BREATH_IN if rise > 0 else BREATH_OUT


def is_moving(pose: StretchPose, phase: str, elapsed_ms: int, phase_ms: int, rep_ms: int) -> bool:
    """Whether the figure is changing at this moment (so it is worth drawing 30 times a second)."""
    return motion_wait_ms(pose, phase, elapsed_ms, phase_ms, rep_ms) == 0


def motion_wait_ms(
    pose: StretchPose, phase: str, elapsed_ms: int, phase_ms: int, rep_ms: int
) -> int | None:
    """0 while the figure moves; else ms until it next starts to move in this phase (None: it
    stays still for the rest of the phase)."""
    keys = pose.keys
    if phase == SWITCH:  # the view swings round even for a single key pose
        return 0 if phase_ms > 0 and elapsed_ms < SWITCH_TURN * phase_ms else None
    if len(keys) < 2:
        return None
    period = rep_ms if rep_ms > 0 else pose.cycle_ms
    if phase == STRETCH:
        if period > 0:
            u = (elapsed_ms % period) / period
            at = 0.0
            for dwell, move in _schedule(keys):
                if u < at + dwell:
                    start = at + dwell
                    return max(1, math.ceil((start - u) * period))
                at += dwell
                if u < at + move:
                    return 0
                at += move
            return 0
        ease_ms = ease_in_ms(phase_ms)
        return 0 if elapsed_ms < ease_ms else None
    return None


def movement(
    pose: StretchPose, phase: str, elapsed_ms: float, phase_ms: int, rep_ms: int, side: str | None
) -> tuple[float, float] | None:
    """The eased movement `moment` is in at this time: its start and end (ms into the phase),
    between which its `t` is ease((elapsed - start) / (end - start)); None while the figure is
    still. Lets a UI work out when the figure will next have moved a visible step instead of
    asking again and again."""
    right = side == RIGHT
    period = rep_ms if rep_ms > 0 else pose.cycle_ms
    if phase == STRETCH:
        keys = side_keys(pose, right) if right and pose.right is not None else pose.keys
        if period > 0 and len(keys) > 1:
            base = elapsed_ms - elapsed_ms % period
            u = (elapsed_ms % period) / period
            at = 0.0
            for dwell, move in _schedule(keys):
                at += dwell
                if u < at:
                    return None
                if u < at + move:
                    return base + at * period, base + (at + move) * period
                at += move
            return None
        ease_ms = ease_in_ms(phase_ms)
        return (0.0, float(ease_ms)) if len(keys) > 1 and elapsed_ms < ease_ms else None
    if phase == SWITCH and side == RIGHT and phase_ms > 0:
        u = elapsed_ms / phase_ms
        if u < SWITCH_OUT:
            return 0.0, SWITCH_OUT * phase_ms
        if u < SWITCH_TURN:
            return SWITCH_OUT * phase_ms, SWITCH_TURN * phase_ms
    return None
