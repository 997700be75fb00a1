"""The hair cap: which way a head faces, from any side, when the nose hides in its disc.

A face turned toward the viewer (a seated twist seen from the front left) drew a plain disc:
blind reviewers asked "front or back?" (ab203). Short hair over the top and back of the head
tells the two apart from every camera, as a handout's figure does (ab204 chose it in all six
pictures shown)."""

from __future__ import annotations

import dataclasses
import math

import pytest
from figure_bodies import STRETCHES, pose_of  # tests/core/figure_bodies.py

from stretchapp.core.drawing import Head, Limb, decode_drawing, encode_drawing, still_drawing

STANDING = "standing-side-bend"  # stands upright, facing +x, the head level

Outline = tuple[tuple[float, float], ...]


def parts(stretch_id: str, key: int, azimuth: float, elevation: float) -> tuple[Head, Limb]:
    pose = dataclasses.replace(pose_of(stretch_id), azimuth=azimuth, elevation=elevation)
    items = still_drawing(pose, key).items
    head = next(i for i in items if isinstance(i, Head))
    nose = next(i for i in items if isinstance(i, Limb) and i.part == "nose")
    return head, nose


def area(outline: Outline) -> float:
    return abs(
        sum(
            x0 * y1 - x1 * y0
            for (x0, y0), (x1, y1) in zip(outline, outline[1:] + outline[:1], strict=True)
        )
        / 2.0
    )


def centroid(outline: Outline) -> tuple[float, float]:
    n = len(outline)
    return sum(x for x, _ in outline) / n, sum(y for _, y in outline) / n


@pytest.mark.parametrize("stretch_id", sorted(STRETCHES))
def test_every_head_has_hair_on_its_disc(stretch_id: str) -> None:
    """On every stretch's card and key poses the head carries its hair: a closed outline
    inside the head's disc (every camera here sees some of it). It survives the store of
    drawn cards."""
    pose = pose_of(stretch_id)
    for key in (None, *range(len(pose.keys))):
        drawing = still_drawing(pose, key)
        (head,) = [i for i in drawing.items if isinstance(i, Head)]
        assert len(head.hair) >= 3, (stretch_id, key)
        for q in head.hair:
            assert math.dist(q, head.center) <= head.radius * 1.001, (stretch_id, key)
        assert decode_drawing(encode_drawing(drawing)) == drawing


def test_from_the_side_the_hair_is_on_the_back_of_the_head_away_from_the_nose() -> None:
    head, nose = parts(STANDING, 0, 180.0, 0.0)  # from the body's left side
    disc = math.pi * head.radius**2
    assert 0.3 * disc <= area(head.hair) <= 0.6 * disc
    hx, hy = centroid(head.hair)
    way = nose.points[-1][0] - head.center[0]  # the way the face looks, across the picture
    assert way * (hx - head.center[0]) < 0.0  # behind the head
    assert hy > head.center[1]  # and over its top


def test_from_in_front_the_hair_is_a_band_over_the_brow() -> None:
    """Seen face on, the nose hides in the disc: the hair crowns the top, the face below."""
    head, _ = parts(STANDING, 0, -90.0, 0.0)
    disc = math.pi * head.radius**2
    assert 0.1 * disc <= area(head.hair) <= 0.45 * disc
    assert centroid(head.hair)[1] > head.center[1] + 0.4 * head.radius
    assert min(y for _, y in head.hair) > head.center[1]  # the face stays bare


def test_from_behind_the_hair_covers_most_of_the_head() -> None:
    head, _ = parts(STANDING, 0, 90.0, 0.0)
    assert area(head.hair) >= 0.6 * math.pi * head.radius**2


def test_the_right_side_hair_is_the_mirror_image() -> None:
    """The hair follows the head, so mirroring the camera mirrors it."""
    left, _ = parts(STANDING, 0, 180.0, 0.0)
    right, _ = parts(STANDING, 0, 0.0, 0.0)
    assert area(left.hair) == pytest.approx(area(right.hair), rel=0.02)


def test_a_face_turned_away_keeps_its_nose_behind_the_head() -> None:
    """Seen from behind, the nose lies behind the head: painted after it, over the hair, it
    showed as a pale dot on the back of the head. Seen from the side, it is painted over the
    face."""
    pose = dataclasses.replace(pose_of(STANDING), azimuth=90.0, elevation=0.0)
    items = still_drawing(pose, 0).items
    head = next(i for i in items if isinstance(i, Head))
    nose = next(i for i in items if isinstance(i, Limb) and i.part == "nose")
    assert items.index(nose) < items.index(head)
    side = dataclasses.replace(pose, azimuth=180.0)
    items = still_drawing(side, 0).items
    head = next(i for i in items if isinstance(i, Head))
    nose = next(i for i in items if isinstance(i, Limb) and i.part == "nose")
    assert items.index(nose) > items.index(head)
