"""The posed body: bones keep their length, joints their range, the body rests on its support,
the right side is the exact mirror image, and the figure moves only when it should."""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from stretchapp.core.body import motion, scene
from stretchapp.core.body import skeleton as sk
from stretchapp.core.body.pose import StretchPose
from stretchapp.core.body.spec import (
    SINK_TOLERANCE,
    check_angles,
    key_contacts,
    support_problems,
)
from stretchapp.core.drawing import (
    Drawing,
    Head,
    Limb,
    Prop,
    body_at,
    drawing_at,
    is_moving,
    pins_of,
    still_drawing,
)
from stretchapp.core.routines import Stretch, load_library
from stretchapp.core.session import PhaseKind

REPO = Path(__file__).resolve().parents[2]
LIBRARY = load_library(REPO / "routines", None, REPO / "assets")
POSED = {s.id: s for s in LIBRARY.stretches.values() if s.pose is not None}
PHASE_MS = 30_000


def pose_of(stretch: Stretch) -> StretchPose:
    assert stretch.pose is not None
    return stretch.pose


def rep_ms(stretch: Stretch) -> int:
    return stretch.tempo * 1000 if stretch.hold is None else 0


def moments(stretch: Stretch, step: int = 250) -> Iterator[tuple[PhaseKind, int, str | None]]:
    """Every phase a stretch's figure is drawn in, sampled finely."""
    period = rep_ms(stretch) or pose_of(stretch).cycle_ms or 6000
    for side in ("left", "right"):
        for t in range(0, 2 * period + 1, step):
            yield PhaseKind.STRETCH, t, side
    for t in range(0, 5001, step):
        yield PhaseKind.SWITCH, t, "right"
    yield PhaseKind.GET_READY, 0, None


def test_every_bundled_stretch_is_posed() -> None:
    assert len(POSED) == len(LIBRARY.stretches) == 15


@pytest.mark.parametrize("stretch_id", sorted(POSED))
def test_bones_keep_their_length_and_joints_their_range(stretch_id: str) -> None:
    stretch = POSED[stretch_id]
    pose = pose_of(stretch)
    rest = sk.pose_body({})
    lengths = {bone: sk.dist(rest.points[bone[0]], rest.points[bone[1]]) for bone in sk.BONES}
    for phase, t, side in moments(stretch):
        angles, placed = body_at(
            pose,
            phase=phase,
            elapsed_ms=t,
            phase_ms=5000 if phase is PhaseKind.SWITCH else PHASE_MS,
            rep_ms=rep_ms(stretch),
            side=side,
        )
        for bone, length in lengths.items():
            got = sk.dist(placed.body.points[bone[0]], placed.body.points[bone[1]])
            assert got == pytest.approx(length, abs=1e-6), (bone, phase, t, side)
        for name, value in angles.items():
            if name in sk.ROOT_JOINTS:
                continue
            joint = sk.JOINT_BY_NAME[name]
            assert joint.low - 1e-9 <= value <= joint.high + 1e-9, (name, value, phase, t)


@pytest.mark.parametrize("stretch_id", sorted(POSED))
def test_nothing_sinks_and_the_contacts_touch(stretch_id: str) -> None:
    stretch = POSED[stretch_id]
    pose = pose_of(stretch)
    base = scene.surface(pose.support)
    for phase, t, side in moments(stretch):
        _, placed = body_at(
            pose,
            phase=phase,
            elapsed_ms=t,
            phase_ms=5000 if phase is PhaseKind.SWITCH else PHASE_MS,
            rep_ms=rep_ms(stretch),
            side=side,
        )
        low = min(c[1] - r for c, r in scene.samples(placed.body))
        assert low >= base - SINK_TOLERANCE - 0.5, (phase, t, side, low)
    # in every key pose each declared contact touches, placed exactly as it is drawn
    assert support_problems(pose) == []
    pins = pins_of(pose, False)
    cushion = "cushion" in pose.props  # a cushioned head rests on the cushion's top
    for key in pose.keys:
        body = sk.pose_body(key.angle_map())
        roller = scene.ROLLER_SPOTS.get(key.roller or "", 0.5)
        placed = scene.place(body, pose.support, pose.contacts, roller, pins=pins, cushion=cushion)
        names = [n for n in key_contacts(pose, key) if n not in ("seat", key.roller, *scene.GRIPS)]
        for name, bottom in scene.contact_bottoms(placed.body, names).items():
            gap = bottom - base - scene.lift(name, cushion)
            assert abs(gap) <= scene.CONTACT_TOLERANCE, (key.name, name, bottom)


PLANTED = {"hands", "hand_l", "hand_r", "feet", "foot_l", "foot_r", "knees", "knee_l", "knee_r"}
PLANTED |= {"seat", "grips", "grip_l", "grip_r"}
SLIDE_MM = 2.0  # a planted hand, knee, foot or seat moves less than this during a stretch


@pytest.mark.parametrize("stretch_id", sorted(POSED))
def test_planted_contacts_do_not_slide(stretch_id: str) -> None:
    stretch = POSED[stretch_id]
    pose = pose_of(stretch)
    for side in ("left", "right"):
        names = [n for n in pose.contacts if n in PLANTED]
        if side == "right":
            names = [sk.mirror_name(n) for n in names]
        seen: dict[str, list[tuple[float, ...]]] = {}
        for phase, t, s in moments(stretch, step=100):
            if phase is not PhaseKind.STRETCH or s != side:
                continue
            _, placed = body_at(
                pose, phase=phase, elapsed_ms=t, phase_ms=PHASE_MS, rep_ms=rep_ms(stretch), side=s
            )
            for name in names:
                seen.setdefault(name, []).append(scene.contact_points(placed.body, name))
        for name, spots in seen.items():
            # each sample of the contact (a left and a right knee...) stays where it was
            first = spots[0]
            slide = max(math.dist(p, q) for spot in spots for p, q in zip(spot, first, strict=True))
            assert slide < SLIDE_MM, (side, name, round(slide, 1))


def test_the_mirror_of_the_angles_is_the_mirror_of_the_body() -> None:
    rng = random.Random(11)
    for _ in range(40):
        angles = {j.name: rng.uniform(max(j.low, -90), min(j.high, 90)) for j in sk.JOINTS}
        direct = sk.pose_body(sk.mirror_angles(angles))
        mirrored = sk.mirror_body(sk.pose_body(angles))
        for name, p in direct.points.items():
            assert p == pytest.approx(mirrored.points[name], abs=1e-6), name
        for name, f in direct.frames.items():
            for row, other in zip(f, mirrored.frames[name], strict=True):
                assert row == pytest.approx(other, abs=1e-9), name


def _dot(a: sk.Vec, b: sk.Vec) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


def test_the_forearm_turns_the_palm_about_its_own_length() -> None:
    """With the elbow bent to a right angle the palm faces up at 0 (the anatomical position's
    palm forward, supinated); pronation turns it to face the body's middle at 80 (the clinical
    mid position, thumb up) and down at 160. Elbow, wrist and fingers stay put, the thumb
    comes over toward the middle with the palm, the bones keep their lengths; the loader
    refuses more than 160."""
    joint = sk.JOINT_BY_NAME["forearm_rot_l"]
    assert (joint.low, joint.high) == (0, 160)
    assert sk.JOINT_BY_NAME["forearm_rot_r"].high == 160
    assert [p.joint for p in check_angles({"forearm_rot": 170})] == ["forearm_rot"]
    assert check_angles({"forearm_rot_r": 120}) == []
    bent = {"elbow_flex_l": 90.0, "elbow_flex_r": 90.0}
    still = sk.pose_body(bent)
    zero = {"forearm_rot_l": 0.0, "forearm_rot_r": 0.0}
    assert sk.pose_body({**bent, **zero}) == still  # 0 changes nothing
    up, down = (0.0, 1.0, 0.0), (0.0, -1.0, 0.0)
    for side, sign in (("l", 1.0), ("r", -1.0)):
        inward = (0.0, 0.0, sign)
        assert _dot(sk.apply(still.frames[f"hand_{side}"], (1.0, 0.0, 0.0)), up) > 0.99
        for turn, palm_to in ((80.0, inward), (160.0, down)):
            body = sk.pose_body({**bent, f"forearm_rot_{side}": turn})
            p, q = body.points, still.points
            for name in ("shoulder", "elbow", "wrist", "fingers"):
                assert p[f"{name}_{side}"] == pytest.approx(q[f"{name}_{side}"]), name
            for a, b in sk.BONES:
                assert sk.dist(p[a], p[b]) == pytest.approx(sk.dist(q[a], q[b])), (a, b)
            palm = sk.apply(body.frames[f"hand_{side}"], (1.0, 0.0, 0.0))
            assert _dot(palm, palm_to) > 0.93, (side, turn, palm)
            thumb = sk.sub(p[f"thumb_{side}"], p[f"wrist_{side}"])
            # the thumb, out to the side at 0, comes over toward the body's middle
            assert _dot(thumb, inward) > 20.0, (side, turn, thumb)
            assert _dot(sk.sub(q[f"thumb_{side}"], q[f"wrist_{side}"]), inward) < -20.0


def test_the_shoulder_girdle_moves_the_shoulder_round_the_chest() -> None:
    """Protraction brings the shoulder forward round the chest, retraction draws it back
    toward the spine; the collarbone keeps its length and the arm hangs from the shoulder."""
    still = sk.pose_body({})
    pivot = sk.add(still.points["neck_base"], (0.0, -0.035 * sk.H, 0.0))
    for side in "lr":
        for angle in (-30.0, 30.0):
            body = sk.pose_body({f"shoulder_protract_{side}": angle})
            moved = sk.sub(body.points[f"shoulder_{side}"], still.points[f"shoulder_{side}"])
            # standing, forward is the body's x
            assert moved[0] == pytest.approx(sk.SHOULDER_HALF * math.sin(math.radians(angle)))
            assert sk.dist(pivot, body.points[f"shoulder_{side}"]) == pytest.approx(
                sk.SHOULDER_HALF
            )
            arm = sk.sub(body.points[f"elbow_{side}"], body.points[f"shoulder_{side}"])
            assert arm == pytest.approx((0.0, -sk.UPPER_ARM, 0.0))
            other = "r" if side == "l" else "l"
            assert body.points[f"shoulder_{other}"] == still.points[f"shoulder_{other}"]


def flipped(d: Drawing) -> list[tuple[str, tuple[tuple[float, float], ...]]]:
    x0, _, x1, _ = d.frame
    out = []
    for item in d.items:
        if isinstance(item, Limb):
            out.append((sk.mirror_name(item.part), tuple((x0 + x1 - x, y) for x, y in item.points)))
        elif isinstance(item, Head):
            out.append(("head", ((x0 + x1 - item.center[0], item.center[1]),)))
    return sorted(out)


def shapes(d: Drawing) -> list[tuple[str, tuple[tuple[float, float], ...]]]:
    out = []
    for item in d.items:
        if isinstance(item, Limb):
            out.append((item.part, item.points))
        elif isinstance(item, Head):
            out.append(("head", (item.center,)))
    return sorted(out)


@pytest.mark.parametrize("stretch_id", sorted(POSED))
def test_the_right_side_is_the_left_side_mirrored(stretch_id: str) -> None:
    stretch = POSED[stretch_id]
    pose = pose_of(stretch)
    for t in (0, 1700, 4100, 9000):
        args = dict(
            phase=PhaseKind.STRETCH, elapsed_ms=t, phase_ms=PHASE_MS, rep_ms=rep_ms(stretch)
        )
        left = drawing_at(pose, side="left", **args)  # type: ignore[arg-type]
        right = drawing_at(pose, side="right", **args)  # type: ignore[arg-type]
        assert left.frame == right.frame
        a, b = flipped(left), shapes(right)
        assert [n for n, _ in a] == [n for n, _ in b]
        for (_, pa), (_, pb) in zip(a, b, strict=True):
            for p, q in zip(pa, pb, strict=True):
                assert p == pytest.approx(q, abs=1e-6)
        # the working side is drawn as the near side on both sides
        near_left = {i.part for i in left.items if isinstance(i, Limb) and i.layer == 2}
        near_right = {i.part for i in right.items if isinstance(i, Limb) and i.layer == 2}
        assert {sk.mirror_name(p) for p in near_left} == near_right


def along(points: tuple[tuple[float, float], ...], n: int = 8) -> list[tuple[float, float]]:
    """Points at n + 1 even steps along a limb's line, its ends included."""
    lengths = [math.dist(p, q) for p, q in itertools.pairwise(points)]
    total = sum(lengths)
    out = []
    for k in range(n + 1):
        goal = total * k / n
        for i, length in enumerate(lengths):
            if goal <= length or i == len(lengths) - 1:
                p, q = points[i], points[i + 1]
                t = 0.0 if length == 0 else min(1.0, goal / length)
                out.append((p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t))
                break
            goal -= length
    return out


def biggest_move(a: Drawing, b: Drawing) -> float:
    """How far any point of any limb moved from one drawing to the other (mm). A deeply bent
    leg is drawn through more points than a straighter one (the back of the thigh and the
    calf, `drawing._soft_leg`), the new ones on its line as they come: such a limb is
    compared at even steps along its line."""
    pa = {i.part: i.points for i in a.items if isinstance(i, Limb)}
    pb = {i.part: i.points for i in b.items if isinstance(i, Limb)}
    assert pa.keys() == pb.keys()
    moves = []
    for part in pa:
        if len(pa[part]) == len(pb[part]):
            moves += [math.dist(p, q) for p, q in zip(pa[part], pb[part], strict=True)]
        else:
            moves += [
                math.dist(p, q) for p, q in zip(along(pa[part]), along(pb[part]), strict=True)
            ]
    return max(moves)


@pytest.mark.parametrize("stretch_id", sorted(POSED))
def test_the_figure_moves_continuously(stretch_id: str) -> None:
    stretch = POSED[stretch_id]
    pose = pose_of(stretch)
    for phase, t, side in moments(stretch, step=500):
        phase_ms = 5000 if phase is PhaseKind.SWITCH else PHASE_MS
        args = dict(phase=phase, phase_ms=phase_ms, rep_ms=rep_ms(stretch), side=side)
        a = drawing_at(pose, elapsed_ms=t, **args)  # type: ignore[arg-type]
        b = drawing_at(pose, elapsed_ms=t + 20, **args)  # type: ignore[arg-type]
        # 20 ms apart: never a jump (at most 3 m/s, when the view swings round the body)
        assert biggest_move(a, b) < 60.0, (phase, t, side, biggest_move(a, b))


def reps_and_holds() -> tuple[list[Stretch], list[Stretch]]:
    reps = [s for s in POSED.values() if s.hold is None]
    holds = [s for s in POSED.values() if s.hold is not None and not pose_of(s).cycle_ms]
    return reps, holds


def test_repetitions_repeat_at_the_tempo() -> None:
    reps, _ = reps_and_holds()
    assert reps
    for stretch in reps:
        pose, period = pose_of(stretch), rep_ms(stretch)
        for t in (0, 700, period // 3, period // 2, period - 300):
            args = dict(phase=PhaseKind.STRETCH, phase_ms=PHASE_MS, rep_ms=period, side="left")
            now = drawing_at(pose, elapsed_ms=t, **args)  # type: ignore[arg-type]
            later = drawing_at(pose, elapsed_ms=t + 2 * period, **args)  # type: ignore[arg-type]
            assert now == later, (stretch.id, t)
        middle = drawing_at(
            pose,
            phase=PhaseKind.STRETCH,
            elapsed_ms=period // 2,
            phase_ms=PHASE_MS,
            rep_ms=period,
            side="left",
        )
        start = drawing_at(
            pose,
            phase=PhaseKind.STRETCH,
            elapsed_ms=0,
            phase_ms=PHASE_MS,
            rep_ms=period,
            side="left",
        )
        assert biggest_move(start, middle) > 20.0, stretch.id


def test_a_hold_is_still_after_easing_in() -> None:
    _, holds = reps_and_holds()
    assert holds
    for stretch in holds:
        pose = pose_of(stretch)
        ease = motion.ease_in_ms(PHASE_MS)
        args = dict(phase=PhaseKind.STRETCH, phase_ms=PHASE_MS, rep_ms=0, side="left")
        settled = drawing_at(pose, elapsed_ms=ease, **args)  # type: ignore[arg-type]
        for t in range(ease, PHASE_MS, 997):
            assert drawing_at(pose, elapsed_ms=t, **args) == settled, (stretch.id, t)  # type: ignore[arg-type]
            assert not is_moving(pose, PhaseKind.STRETCH, t, PHASE_MS, 0)
        if len(pose.keys) > 1:
            assert is_moving(pose, PhaseKind.STRETCH, 10, PHASE_MS, 0)
            start = drawing_at(pose, elapsed_ms=0, **args)  # type: ignore[arg-type]
            assert start != settled


@pytest.mark.parametrize("stretch_id", sorted(POSED))
def test_still_when_it_says_so(stretch_id: str) -> None:
    stretch = POSED[stretch_id]
    pose = pose_of(stretch)
    for phase, t, side in moments(stretch, step=333):
        phase_ms = 5000 if phase is PhaseKind.SWITCH else PHASE_MS
        wait = motion.motion_wait_ms(pose, phase, t, phase_ms, rep_ms(stretch))
        assert (wait == 0) == is_moving(pose, phase, t, phase_ms, rep_ms(stretch))
        if wait == 0:
            continue
        later = t + (wait - 1 if wait is not None else phase_ms - t)
        args = dict(phase=phase, phase_ms=phase_ms, rep_ms=rep_ms(stretch), side=side)
        still = drawing_at(pose, elapsed_ms=t, **args)  # type: ignore[arg-type]
        assert still == drawing_at(pose, elapsed_ms=later, **args), (phase, t, side)  # type: ignore[arg-type]


def bare(drawing: Drawing) -> Drawing:
    """A drawing without its motion arrow (the get-ready and switch phases show none)."""
    items = tuple(i for i in drawing.items if not (isinstance(i, Prop) and i.kind == "cue"))
    return Drawing(items, drawing.frame)


def test_get_ready_shows_the_start_and_a_switch_changes_sides() -> None:
    """Getting ready shows the first key pose as the stretch starts from it, and a switch
    swings from the left side's start to the right side's (both without the stretch's
    motion arrow, which shows only while it plays)."""
    stretch = POSED["knee-to-chest"]
    pose = pose_of(stretch)
    ready = drawing_at(
        pose, phase=PhaseKind.GET_READY, elapsed_ms=3000, phase_ms=5000, rep_ms=8000, side=None
    )
    first = drawing_at(
        pose, phase=PhaseKind.STRETCH, elapsed_ms=0, phase_ms=24000, rep_ms=8000, side="left"
    )
    assert ready == bare(first)
    begin = drawing_at(
        pose, phase=PhaseKind.SWITCH, elapsed_ms=0, phase_ms=5000, rep_ms=8000, side="right"
    )
    end = drawing_at(
        pose, phase=PhaseKind.SWITCH, elapsed_ms=5000, phase_ms=5000, rep_ms=8000, side="right"
    )
    right = drawing_at(
        pose, phase=PhaseKind.STRETCH, elapsed_ms=0, phase_ms=24000, rep_ms=8000, side="right"
    )
    assert begin == bare(first) and end == bare(right) and begin != end


def test_props_come_with_the_support() -> None:
    kinds = {
        sid: {
            i.kind
            for i in drawing_at(
                pose_of(s), phase=PhaseKind.GET_READY, elapsed_ms=0, phase_ms=1, rep_ms=0, side=None
            ).items
            if isinstance(i, Prop)
        }
        for sid, s in POSED.items()
    }
    assert "mat" in kinds["cat-cow"]
    assert "chair" in kinds["seated-twist"]
    assert "roller" in kinds["foam-roll-glutes"]
    assert "floor" in kinds["standing-side-bend"]


def _elbow_offset(body: sk.Body, side: str) -> sk.Vec:
    """Where the elbow sticks out from the shoulder-wrist line, in the chest's own frame."""
    s, m, w = (body.points[f"{j}_{side}"] for j in ("shoulder", "elbow", "wrist"))
    line = sk.sub(w, s)
    n = math.hypot(*line)
    u = sk.scale(line, 1.0 / n)
    rel = sk.sub(m, s)
    off = sk.sub(rel, sk.scale(u, sum(rel[i] * u[i] for i in range(3))))
    chest = body.frames["chest"]
    return tuple(sum(chest[r][c] * off[r] for r in range(3)) for c in range(3))  # type: ignore[return-value]


@pytest.mark.parametrize("stretch_id", sorted(POSED))
def test_elbows_never_bend_the_wrong_way(stretch_id: str) -> None:
    # a planted hand pulls its arm into a bend: the elbow bends the way an elbow bends (the
    # way the same arm would with more elbow flexion), never hyperextended
    stretch = POSED[stretch_id]
    pose = pose_of(stretch)
    for phase, t, side in moments(stretch, step=500):
        angles, placed = body_at(
            pose,
            phase=phase,
            elapsed_ms=t,
            phase_ms=5000 if phase is PhaseKind.SWITCH else PHASE_MS,
            rep_ms=rep_ms(stretch),
            side=side,
        )
        for s in "lr":
            drawn = _elbow_offset(placed.body, s)
            if math.hypot(*drawn) < 0.1 * sk.UPPER_ARM:
                continue  # nearly straight
            more = dict(angles)
            # (within the elbow's range: past it the forearm would swing through the upper arm)
            more[f"elbow_flex_{s}"] = min(more.get(f"elbow_flex_{s}", 0.0) + 40.0, 150.0)
            natural = _elbow_offset(sk.pose_body(more), s)
            dot = sum(a * b for a, b in zip(drawn, natural, strict=True))
            assert dot > 0, (phase, t, side, s)


@pytest.mark.parametrize("stretch_id", sorted(POSED))
def test_the_head_is_never_painted_under_its_own_trunk(stretch_id: str) -> None:
    pose = pose_of(POSED[stretch_id])
    for key in range(len(pose.keys)):
        items = still_drawing(pose, key).items
        head = next(i for i, item in enumerate(items) if isinstance(item, Head))
        trunk = [
            i
            for i, item in enumerate(items)
            if isinstance(item, Limb) and item.part in ("pelvis", "waist", "chest")
        ]
        assert all(i < head for i in trunk), (key, trunk, head)
