"""Routines and stretches: the file format (declared once), the model and the loader.

A routine file is YAML holding a format version and any number of reusable stretch
definitions and routines. Routines list stretches by id, with per-routine overrides.
See docs/routines.md, which is generated from the declarations below.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote_plus

from stretchapp.core import content_i18n, i18n, yamlfile
from stretchapp.core.body.pose import KeyPose, StretchPose, Support, View
from stretchapp.core.body.scene import CONTACTS, HIGHLIGHT_PARTS, LEVEL_CAMERA, ROLLER_SPOTS
from stretchapp.core.body.spec import check_angles, expand, support_problems
from stretchapp.core.content_i18n import Translations
from stretchapp.core.cue import CUE_POINTS, HOLD_CUES
from stretchapp.core.i18n import _, ngettext, pgettext
from stretchapp.core.paths import frozen_key
from stretchapp.core.present import dose_text
from stretchapp.core.present import format_duration as format_duration  # where callers find it
from stretchapp.core.records import record
from stretchapp.core.schema import ID_PATTERN, Checker, Field, did_you_mean, type_name
from stretchapp.core.yamlfile import Located, LocatedList, Problem, YamlError

FORMAT_VERSION = 1
MAX_ENTRIES = 100
MAX_SECONDS = 3600
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg", ".gif")
MAX_IMAGE_BYTES = 20 * 1024 * 1024
VIDEO_SEARCH = "https://www.youtube.com/results?search_query="
RETIRED_PICTURES = "bundled:illustrations/"  # the hand-drawn frames, gone since 0.1.0
BUNDLED_PREFIX = "bundled:"
CONTACT_NAMES = tuple(CONTACTS)


# Poses (by `repr`) known to rest on their support, from the parse cache (parsecache.using):
# reading the library then skips their support check, its most costly part.
CHECKED_POSES: ContextVar[CheckedPoses | None] = ContextVar("checked_poses", default=None)


class CheckedPoses(Protocol):
    """What `parsecache.CheckedPoses` offers: `key in poses`, and `poses.add(key)`."""

    def __contains__(self, key: str) -> bool: ...

    def add(self, key: str) -> None: ...


# The precaution ids of a health file as read at an earlier start, from the parse cache
# (parsecache.using): reading the library for the window then need not load health.py and
# build the whole health content (some 9 ms) just to check the stretches' `avoid_if`.
KNOWN_PRECAUTIONS: ContextVar[KnownPrecautions | None] = ContextVar(
    "known_precautions", default=None
)
HEALTH_FILE_NAME = "health.yaml"  # health.FILE_NAME (health.py is imported only when needed)


class KnownPrecautions(Protocol):
    """What `parsecache.KnownPrecautions` offers: the ids stored under a key, if any, and
    storing the ids a good health file gave under its key."""

    def get(self, key: str) -> tuple[str, ...] | None: ...

    def put(self, key: str, ids: tuple[str, ...]) -> None: ...


# The library as an earlier start loaded it from the very same files, from the parse cache
# (parsecache.using): the window then takes it as it was checked (some 5 ms of checking).
CHECKED_LIBRARY: ContextVar[LibraryBook | None] = ContextVar("checked_library", default=None)


class LibraryBook(Protocol):
    """What `parsecache.LibraryBook` offers: the library kept under a key, if any, and
    keeping the library loaded under its key."""

    def get(self, key: list[Any], texts: list[str]) -> Library | None: ...

    def put(self, key: list[Any], texts: list[str], library: Library) -> None: ...


# The modules whose code decides what a library file gives (besides the body's, which
# check_code_key covers): an edited one makes a kept library stale.
LIBRARY_MODULES = (
    "stretchapp.core.routines",
    "stretchapp.core.schema",
    "stretchapp.core.content_i18n",
    "stretchapp.core.yamlfile",
    "stretchapp.core.records",
    "stretchapp.core.parsecache",
    "stretchapp.core.i18n",
)


@functools.cache
def library_code_key(version: str) -> str:
    """What identifies the code that reads a library: the pose-checking code
    (`check_code_key`) and, in a checkout, the size and time stamp of the modules that read
    and check the files (LIBRARY_MODULES)."""
    parts = [check_code_key(version)]
    for name in LIBRARY_MODULES:
        module = sys.modules.get(name)
        try:
            info = Path(module.__file__).stat() if module and module.__file__ else None
        except OSError:
            info = None
        parts.append("-" if info is None else f"{info.st_size}:{info.st_mtime_ns}")
    return "|".join(parts)


def library_key(
    files: Sequence[tuple[Path, Source]], assets_dir: Path, language: tuple[str, str]
) -> tuple[list[Any], list[str]] | None:
    """What a kept library stands for: the language, the precaution ids its `avoid_if` were
    checked against, the assets folder and every file's name and source, in order; and the
    files' whole texts, which the parse cache must hold for them. None when a file cannot be
    read (it is then read, and reported, as usual)."""
    texts = []
    for path, _source in files:
        try:
            texts.append(yamlfile.read_text(path))
        except (OSError, YamlError):
            return None
    ids = sorted(precaution_ids(assets_dir))
    names = [[str(path), source.value] for path, source in files]
    return [language[0], language[1], ids, str(assets_dir), names], texts


def _keepable(library: Library) -> bool:
    """Only a library of good files is kept, and none whose stretches show pictures of their
    own (those are checked on disk at every start)."""
    return all(report.ok for report in library.reports) and not any(
        stretch.frames for stretch in library.stretches.values()
    )


@functools.cache
def health_code_key(version: str) -> str:
    """What identifies the code that reads a health file (as `check_code_key` does for poses):
    the app's `version`, and in a checkout the size and time stamp of the modules that check
    the file; in a self-contained build, the program's own."""
    parts = [version, frozen_key()]
    folder = Path(__file__).parent
    for name in ("health", "schema", "content_i18n", "yamlfile"):
        try:
            info = (folder / f"{name}.py").stat()
        except OSError:
            parts.append("-")
        else:
            parts.append(f"{info.st_size}:{info.st_mtime_ns}")
    return "|".join(parts)


def precaution_ids(assets_dir: Path) -> tuple[str, ...]:
    """`health.precaution_ids(assets_dir)`; when loading through the parse cache, the ids
    an earlier start found in the very same health file (same text, same language), if any.
    Only a file that gave ids is kept: an unreadable one is read (and refused) every time."""
    known = KNOWN_PRECAUTIONS.get()
    key = _precautions_key(assets_dir) if known is not None else None
    if known is not None and key is not None:
        ids = known.get(key)
        if ids is not None:
            return ids
    from stretchapp.core import health

    ids = health.precaution_ids(assets_dir)
    # Kept only when the file still reads the same (it was not changed while being read).
    if known is not None and key is not None and ids and _precautions_key(assets_dir) == key:
        known.put(key, ids)
    return ids


def _precautions_key(assets_dir: Path) -> str | None:
    """The health file's language and whole text, which its precaution ids are kept under."""
    try:
        text = (assets_dir / HEALTH_FILE_NAME).read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return None
    active = i18n.active()
    return f"{active.code}\n{active.locale_name}\n{text}"


@functools.cache
def check_code_key(version: str) -> str:
    """What identifies the code that checks a pose on its support: the app's `version`, and
    in a checkout each module's size and time stamp (an edited one makes every mark stale);
    in a self-contained build, the program's own (`paths.frozen_key`)."""
    parts = [version, frozen_key()]
    for name in ("pose", "skeleton", "scene", "spec"):
        module = sys.modules.get(f"stretchapp.core.body.{name}")
        try:
            info = Path(module.__file__).stat() if module and module.__file__ else None
        except OSError:
            info = None
        parts.append("-" if info is None else f"{info.st_size}:{info.st_mtime_ns}")
    return "|".join(parts)


def _support_problems(pose: StretchPose) -> list[Any]:
    """`support_problems`, skipped for a pose the parse cache knows passed it."""
    known = CHECKED_POSES.get()
    if known is None:
        return support_problems(pose)
    key = repr(pose)
    if key in known:
        return []
    problems = support_problems(pose)
    if not problems:
        known.add(key)
    return problems


class Sides(StrEnum):
    NONE = "none"
    BOTH = "both"


class Source(StrEnum):
    BUNDLED = "bundled"
    USER = "user"


# ---- the declaration: loader, docs and editor all read these ----------------------------

FILE_FIELDS: tuple[Field, ...] = (
    Field(
        "version",
        "int",
        "Format version of this file.",
        required=True,
        minimum=1,
        maximum=FORMAT_VERSION,
        example="1",
    ),
    Field(
        "stretches",
        "any",
        f"Stretch definitions that routines can use by id (at most {MAX_ENTRIES}).",
        default=(),
    ),
    Field("routines", "any", f"Routines (at most {MAX_ENTRIES}).", default=()),
)

STRETCH_FIELDS: tuple[Field, ...] = (
    Field("id", "id", "How routines refer to this stretch.", required=True),
    Field("name", "text", "The stretch's name as shown and spoken.", required=True, max_length=60),
    Field(
        "images",
        "paths",
        "Illustration frames, shown in turn at the stretch's tempo "
        "(a movement has two or more). Paths are relative to this file and may not leave "
        "its folder; `bundled:PATH` names a file that ships in the app's assets. "
        "Give `images` or `pose` (or both: the pose is drawn, the images are kept).",
        default=(),
        min_items=1,
        max_items=8,
        max_length=300,
    ),
    Field(
        "pose",
        "any",
        "The figure the app draws and moves for this stretch: key poses as joint angles, "
        "the view, the support and what is marked (see *Poses* below).",
    ),
    Field(
        "steps",
        "texts",
        "Short instructions, one per line.",
        required=True,
        min_items=3,
        max_items=6,
        max_length=160,
    ),
    Field("breathing", "text", "A breathing cue.", default="", max_length=160),
    Field("caution", "text", "What to watch for, gently worded.", default="", max_length=240),
    Field(
        "hold",
        "int",
        "Seconds to hold each side (give hold or reps, not both).",
        minimum=1,
        maximum=MAX_SECONDS,
    ),
    Field(
        "reps",
        "int",
        "Repetitions each side (give hold or reps, not both).",
        minimum=1,
        maximum=100,
    ),
    Field(
        "tempo",
        "int",
        "Seconds per repetition, with reps.",
        default=4,
        minimum=1,
        maximum=MAX_SECONDS,
    ),
    Field(
        "sides",
        "choice",
        "both: done on the left, then the right, with a switch between.",
        default="none",
        choices=tuple(s.value for s in Sides),
    ),
    Field(
        "left_side",
        "text",
        'With `sides: both`, what the left side is ("Left arm up, leaning right"), shown over '
        'the steps and said at the get-ready: "left side" alone does not say which arm, leg '
        "or way. Give it with `right_side`.",
        default="",
        max_length=60,
    ),
    Field(
        "right_side",
        "text",
        'With `sides: both`, what the right side is ("Right arm up, leaning left"), shown '
        "and said from the switch on.",
        default="",
        max_length=60,
    ),
    Field(
        "position",
        "choice",
        "Where it is done; desk routines use no floor stretches.",
        default="floor",
        choices=("floor", "chair", "standing", "roller"),
    ),
    Field(
        "video",
        "text",
        "What to search for on a video site (default: the name + 'stretch').",
        default="",
        max_length=100,
    ),
    Field(
        "avoid_if",
        "texts",
        "Precautions that apply to this stretch, by id from assets/health.yaml "
        "(pregnancy, osteoporosis, surgery): all three on every stretch that bends, "
        "arches or twists the spine or presses on it; `surgery` on one that crosses a leg "
        "or loads a hip, and `pregnancy` on one that lies on the back or on a roller.",
        default=(),
        max_items=10,
        max_length=64,
        extras={"ids": "precautions"},
    ),
)

POSE_FIELDS: tuple[Field, ...] = (
    Field(
        "keys",
        "any",
        "The key poses, 1 to 4, each a mapping of the fields below. A repetition moves from "
        "the first through the others and back; a hold eases from the first into the last.",
        required=True,
    ),
    Field(
        "view",
        "choice",
        "Where the figure is seen from: side (from its left), front, top, or three-quarter "
        "(from the front left, a little above).",
        default="side",
        choices=tuple(v.value for v in View),
    ),
    Field(
        "support",
        "choice",
        "What the body rests on: floor (a mat), standing (the bare floor), chair or roller.",
        default="floor",
        choices=tuple(s.value for s in Support),
    ),
    Field(
        "contacts",
        "words",
        "The body parts resting on the support throughout; they also hold the body in place "
        "and stay planted where the first key puts them (grips: the hands hold a knee, a shin "
        "or the chair and stay there). One of: " + ", ".join(CONTACT_NAMES) + ".",
        default=(),
        choices=CONTACT_NAMES,
        max_items=8,
    ),
    Field(
        "highlight",
        "words",
        "The parts marked in the accent colour, inside their own outline: where the stretch"
        " is felt (a part of the trunk filled in it, an arm or a leg with a band down its"
        " middle). One of: "
        + ", ".join(HIGHLIGHT_PARTS)
        + " (low_back: the back of the waist only; upper_back: the top of the chest only,"
        " from the shoulders to the shoulder blades' lower tips, never the lower ribs (a foam"
        " roller's upper back); side_l, side_r: that side of the waist and chest only;"
        " buttock_l, buttock_r: the back of the pelvis on that side only, from the top of the"
        " buttock down to where the thigh starts, seen through the body where it faces away"
        " (a figure-4's crossed leg's); outer_hip_l, outer_hip_r: the top of that thigh, its"
        " first third, filled across its width, so a buttock's glow runs on into its leg)."
        " A far-side arm or leg with a part named here is drawn one shade"
        " stronger than the other far limbs, solid with no band, edged where it crosses the"
        " body (a figure-4's crossed leg).",
        default=(),
        choices=HIGHLIGHT_PARTS,
        max_items=8,
    ),
    Field(
        "props",
        "words",
        "Extra props: mat (a chair or roller comes with its support); cushion (a soft low "
        "pillow under the head of a body lying on its back, which rests on its top: list head "
        "among the contacts); desk (a desk a hand's reach in front of a standing body, to hold "
        "for balance).",
        default=(),
        choices=("mat", "cushion", "desk"),
        max_items=2,
    ),
    Field(
        "right",
        "any",
        "The right side's own key poses, when it is not simply the left side mirrored.",
    ),
    Field(
        "moves",
        "bool",
        "Keep moving through the keys at the tempo during a hold too (rolling on a roller, "
        "breathing).",
        default=False,
    ),
    Field(
        "still",
        "text",
        "The name of the key pose a still picture (a card) shows; default: the last.",
        max_length=40,
    ),
    Field(
        "cue",
        "choice",
        "A stretch that moves only (repetitions, or a hold with moves: true): the body point a "
        "soft curved arrow beside the figure follows, from the first key pose to the second, "
        "worked out from the poses (pelvis_front: the pubic bone, as the pelvis tilts; tailbone; "
        "hips (a bridge's rise: a short straight arrow over the lifted hips); low_back; back: "
        "between the shoulder blades; chest; head; knee: the moving side's, a short arc over "
        "it along the last of its way, ending level with where it comes to rest (a knee to "
        "chest)); or pelvis_rock: a curved arrow round the pelvis, turning the way the pubic bone"
        " turns as the pelvis rocks (a pelvic tilt: curling up toward the ribs), a ring hugging "
        "the pelvis drawn over the thigh's root and the hands, parted from them by a gap; at "
        "full size (the moved key pose's picture, the player) a tighter ring at the pelvis "
        "itself, just over it (the key pose's picture and the card show the whole rock, a head "
        "at each end: the tilt and its release); or "
        "knees_roll: a curved arrow at the knees, beside where they "
        "come to rest, setting off level across the page the way they go and curving down to "
        "the side they lower to (a lower-back rotation); or lean_back: a short curved arrow "
        "round the low back, behind "
        "the shoulders, back and down the way the upper body leans back (a standing back "
        "bend), never over the head; or chest_turn: a flat curved arrow round the spine, the "
        "near half of a ring round the trunk crossing in front of the chest between the lowest "
        "ribs and the shoulders, going round the way the front of the chest turns on the still "
        "hips (a "
        "seated twist; an arrow a still hold may have: it shows on the card and the "
        "turned key pose's picture, never while holding); or side_bend: a curved arrow "
        "following the raised hand's way over (a standing side bend, up and over): an arc "
        "round the low back beyond the raised hand, outside the body, from above the hand "
        "over the top toward the side the body bends to, its head past the fingertips "
        "pointing over and a little down, clear of the arm and the head (a hold: shown as "
        "chest_turn's is); or lean_forward: a short curved arrow behind the upper back, "
        "following its way as the long back tips forward from the hips, over and forward "
        "toward the shoulder blades, its head pointing forward and down the way the upper "
        "back goes as the lean ends, never from the head (a seated figure-4; a "
        "hold: shown as chest_turn's is); or sit_back: a path arrow from over the low "
        "back, hugging it, over the hips and curling back and down behind the buttock "
        "toward the heels, the last half of the hips' way (a child's pose, from hands and "
        "knees into the rest; a hold: shown as chest_turn's is, clear of the head); or "
        "low_back_press: a short straight "
        "arrow above the body "
        "pointing down at the small of the back, pressed into the floor; or back_both_ways: a "
        "short straight arrow with a head at each end beside the back (between the shoulder "
        "blades), along its path between the two key poses where it lies furthest apart, for a "
        "movement that goes one way and back (a seated cat-cow; on its card an arc following "
        "the rounded upper back, heads at both ends; the way into its lift, as the "
        "breastbone rises, is a short curved arrow in front of the breastbone, up and "
        "forward, kept below the chin; the way into its round, as the breastbone sinks, an "
        "arc hugging the rounded back, up behind it and over the shoulders, its head pointing "
        "forward and a little down); or low_back_both_ways: the "
        "same two-way arrow over the small of the back, where it sags lowest, drawn upright or "
        "level (a cat-cow on hands and knees); or rolling: the same two-way arrow over a"
        " back rolled to and fro over a foam roller (a hold with moves: true), along the body's "
        "long axis, centred over the roller; or rolling_seat: the same two-way arrow for a seat "
        "rolled to and fro over a roller under it (the glutes), along the floor the way the "
        "pelvis goes, on the mat beside the roller; or thigh_in: a gentle arc following the "
        "supporting knee (the right one; the left on the right side) as its thigh is drawn in "
        "toward the chest, lifted up and across the page off the body, clear of it in both "
        "keys (a figure-4 lying down). While the body moves, a path or two-way "
        "arrow points"
        " the way it moves now; a key pose's picture, the way into it (the first key, none); the "
        "card, the whole movement.",
        choices=tuple(CUE_POINTS),
    ),
    Field(
        "azimuth",
        "float",
        "Where round the body the camera stands, in degrees, in place of the view's own: "
        "180 the body's left side (side), -90 its front (front, top), -135 front left "
        "(three-quarter), 0 its right side, 90 behind it.",
        minimum=-180,
        maximum=180,
    ),
    Field(
        "elevation",
        "float",
        "Look from this many degrees above the floor, in place of the view's own "
        "(side and front 0, three-quarter 20, top 90). Below "
        f"{LEVEL_CAMERA:g}, the picture stands on a band of floor, as a camera level with the "
        "mat sees it.",
        minimum=0,
        maximum=90,
    ),
    Field(
        "card_azimuth",
        "float",
        "For the library card's one still picture only, where round the body the camera "
        "stands, in place of `azimuth`: a view that tells the stretch apart at a glance is not "
        "always the one to copy it from.",
        minimum=-180,
        maximum=180,
    ),
    Field(
        "card_elevation",
        "float",
        "For the library card's still picture only, the elevation in place of `elevation`.",
        minimum=0,
        maximum=90,
    ),
)

POSE_KEY_FIELDS: tuple[Field, ...] = (
    Field("name", "text", "What the key pose is called, e.g. start, cat, lifted.", max_length=40),
    Field(
        "angles",
        "any",
        "Joint angles in degrees by joint name (joints not named are 0, the standing "
        "position); `hip_flex: 45` sets both sides, `hip_flex_l: 90` one side; "
        "`belly_rise` is in mm.",
        required=True,
    ),
    Field(
        "contacts",
        "words",
        "For this key only, instead of the pose's contacts (a foot lifts off).",
        choices=CONTACT_NAMES,
        max_items=8,
    ),
    Field(
        "dwell",
        "float",
        "Share of each repetition spent still in this key.",
        minimum=0,
        maximum=0.8,
    ),
    Field(
        "move",
        "float",
        "Share of each repetition spent moving from this key to the next (default: an equal "
        "share of what the dwells leave); a breath in can take less time than the breath out.",
        minimum=0.05,
        maximum=0.9,
    ),
    Field(
        "roller",
        "choice",
        "Where the foam roller sits under the body in this key.",
        choices=tuple(ROLLER_SPOTS),
    ),
)

ENTRY_FIELDS: tuple[Field, ...] = (
    Field("stretch", "id", "Id of a stretch from this file or the bundled library.", required=True),
    Field("hold", "int", "Override: seconds to hold.", minimum=1, maximum=MAX_SECONDS),
    Field("reps", "int", "Override: repetitions.", minimum=1, maximum=100),
    Field("tempo", "int", "Override: seconds per repetition.", minimum=1, maximum=MAX_SECONDS),
    Field("sides", "choice", "Override: none or both.", choices=tuple(s.value for s in Sides)),
    Field(
        "get_ready",
        "int",
        "Override: get-ready seconds before this stretch (0: none).",
        minimum=0,
        maximum=MAX_SECONDS,
    ),
    Field(
        "rest",
        "int",
        "Override: rest seconds after this stretch (0: none).",
        minimum=0,
        maximum=MAX_SECONDS,
    ),
    Field(
        "transition",
        "text",
        "How to get into this stretch's position from the one before, shown and spoken "
        "while getting ready, e.g. 'Roll onto your side, then push up with your arms.' "
        "Its get-ready lasts at least 15 s (floor, roller) or 10 s (chair, standing).",
        default="",
        max_length=160,
    ),
)

ROUTINE_FIELDS: tuple[Field, ...] = (
    Field("id", "id", "How the routine is started: `stretchapp start ID`.", required=True),
    Field("name", "text", "The routine's name.", required=True, max_length=60),
    Field(
        "description",
        "text",
        "One or two sentences shown on its card.",
        default="",
        max_length=300,
        extras={"multiline": True},
    ),
    Field(
        "get_ready",
        "int",
        "Seconds to get ready before each stretch (default: the user's setting, 5).",
        minimum=0,
        maximum=MAX_SECONDS,
    ),
    Field(
        "rest",
        "int",
        "Seconds of rest between stretches (default: the user's setting, 10).",
        minimum=0,
        maximum=MAX_SECONDS,
    ),
    Field(
        "switch",
        "int",
        "Seconds to switch sides in a two-sided stretch.",
        default=5,
        minimum=1,
        maximum=60,
    ),
    Field(
        "stretches",
        "any",
        f"The stretches in order (1 to {MAX_ENTRIES}): an id, or a "
        "mapping with `stretch:` and overrides.",
        required=True,
    ),
)

DEFAULT_GET_READY = 5
DEFAULT_REST = 10
# The least get-ready, in seconds, for an entry that says how to move into its position
# (`transition`): getting down to the floor or up to standing is done slowly with a back in
# pain. An entry's own `get_ready` is taken as it is.
POSITION_CHANGE_GET_READY = {"floor": 15, "roller": 15, "standing": 10, "chair": 10}


# ---- the model -----------------------------------------------------------------------------


@record
class Stretch:
    id: str
    name: str
    frames: tuple[Path, ...]
    steps: tuple[str, ...]
    breathing: str = ""
    caution: str = ""
    hold: int | None = None
    reps: int | None = None
    tempo: int = 4
    sides: Sides = Sides.NONE
    position: str = "floor"
    video: str = ""
    source: Source = Source.BUNDLED
    file: Path | None = None
    avoid_if: tuple[str, ...] = ()  # precaution ids from assets/health.yaml
    pose: StretchPose | None = None  # the figure the app draws; None: show `frames`
    # what each side is ("Left arm up, leaning right"); "" for "Left side" / "Right side"
    left_side: str = ""
    right_side: str = ""
    # Its texts in other languages, as its file gives them; the texts above are already in
    # the language shown (see content_i18n), and `written` keeps the file's own of those.
    translations: Translations = field(default_factory=Translations, hash=False)
    written: Mapping[str, Any] = field(default_factory=dict, hash=False, repr=False)

    def as_written(self) -> Stretch:
        """This stretch with its texts as its file gives them (English, for the bundled):
        what an editor edits and a file is written from."""
        return replace(self, **self.written, written={}) if self.written else self

    @property
    def video_url(self) -> str:
        """A video-site search for this stretch, as the clinic's article suggests."""
        return VIDEO_SEARCH + quote_plus(
            self.video or pgettext("video search", "{name} stretch").format(name=self.name)
        )


@record
class Entry:
    """A stretch as one routine uses it, with the routine's overrides applied."""

    stretch: Stretch
    hold: int | None
    reps: int | None
    tempo: int
    sides: Sides
    get_ready: int | None = None
    rest: int | None = None
    transition: str = ""  # how to move into this position, shown and spoken while getting ready
    translations: Translations = field(default_factory=Translations, hash=False)
    written: Mapping[str, Any] = field(default_factory=dict, hash=False, repr=False)

    def as_written(self) -> Entry:
        """This entry with its transition as its file gives it (the stretch too)."""
        return replace(self, **self.written, written={}, stretch=self.stretch.as_written())

    @property
    def seconds_per_side(self) -> int:
        return self.hold if self.hold is not None else (self.reps or 1) * self.tempo

    @property
    def side_count(self) -> int:
        return 2 if self.sides is Sides.BOTH else 1

    def dose(self) -> str:
        """'Hold 30 s' or '8 reps × 4 s', per side where it has two."""
        return dose_text(self)


@record
class Routine:
    id: str
    name: str
    description: str
    entries: tuple[Entry, ...]
    get_ready: int | None = None
    rest: int | None = None
    switch: int = 5
    source: Source = Source.BUNDLED
    file: Path | None = None
    translations: Translations = field(default_factory=Translations, hash=False)
    written: Mapping[str, Any] = field(default_factory=dict, hash=False, repr=False)

    def as_written(self) -> Routine:
        """This routine with every text as its file gives it, its entries' and stretches' too."""
        entries = tuple(e.as_written() for e in self.entries)
        return replace(self, **self.written, written={}, entries=entries)

    def get_ready_for(self, index: int, default: int = DEFAULT_GET_READY) -> int:
        entry = self.entries[index]
        if entry.get_ready is not None:
            return entry.get_ready
        value = self.get_ready if self.get_ready is not None else default
        if entry.transition:  # a change of position, done slowly
            return max(value, POSITION_CHANGE_GET_READY.get(entry.stretch.position, 0))
        return value

    def rest_after(self, index: int, default: int = DEFAULT_REST) -> int:
        if index >= len(self.entries) - 1:
            return 0  # the finish screen follows the last stretch, not a rest
        entry = self.entries[index]
        for value in (entry.rest, self.rest):
            if value is not None:
                return value
        return default

    def total_seconds(
        self, default_get_ready: int = DEFAULT_GET_READY, default_rest: int = DEFAULT_REST
    ) -> int:
        total = 0
        for i, entry in enumerate(self.entries):
            total += self.get_ready_for(i, default_get_ready)
            total += entry.seconds_per_side * entry.side_count
            if entry.side_count == 2:
                total += self.switch
            total += self.rest_after(i, default_rest)
        return total

    @property
    def thumbnail(self) -> Path | None:
        if not self.entries or not self.entries[0].stretch.frames:
            return None
        return self.entries[0].stretch.frames[0]


@record
class Timing:
    """The get-ready and rest seconds a routine uses where neither it nor its entry sets its
    own: the person's settings (`Settings.timing`). Every routine total shown comes from one,
    so a routine shows the same total in the library, the tray, the builder, the command line
    and the session."""

    get_ready: int = DEFAULT_GET_READY
    rest: int = DEFAULT_REST

    def total_seconds(self, routine: Routine) -> int:
        return routine.total_seconds(self.get_ready, self.rest)


# ---- loading -------------------------------------------------------------------------------


@record(frozen=False)
class FileReport:
    """What came of one routine file: what loaded from it, and what was wrong."""

    path: Path
    source: Source
    stretches: list[Stretch] = field(default_factory=list)
    routines: list[Routine] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@record(frozen=False)
class Library:
    """Every routine and stretch found, bundled first, and the files that failed."""

    stretches: dict[str, Stretch] = field(default_factory=dict)
    routines: list[Routine] = field(default_factory=list)
    reports: list[FileReport] = field(default_factory=list)

    @property
    def failed(self) -> list[FileReport]:
        return [r for r in self.reports if not r.ok]

    def routine(self, routine_id: str) -> Routine | None:
        return next((r for r in self.routines if r.id == routine_id), None)


@record(frozen=False)
class _Raw:
    """A parsed file, between the two passes: stretches are read before routines resolve."""

    report: FileReport
    checker: Checker
    routines: Any = None
    routines_line: int = 0
    local: dict[str, Stretch] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)  # ids whose definitions have problems
    language: tuple[str, str] = ("en", "")  # (code, locale) the texts are shown in


def load_library(
    bundled_dir: Path,
    user_dir: Path | None,
    assets_dir: Path,
    language: tuple[str, str] | None = None,
) -> Library:
    """Load bundled routine files, then the user's. Never raises for a bad file.

    Texts are shown in `language` (code, locale), by default the active one
    (`i18n.activate`): each text a file translates into it, English otherwise."""
    library = Library()
    bundled = _files(bundled_dir)
    user = _files(user_dir) if user_dir is not None else []
    language = language or content_i18n.shown_language()
    book = CHECKED_LIBRARY.get()
    key = None
    if book is not None:
        files = [(p, Source.BUNDLED) for p in bundled] + [(p, Source.USER) for p in user]
        key = library_key(files, assets_dir, language)
        kept = book.get(*key) if key is not None else None
        if kept is not None:
            return kept
    raws = [_read(p, Source.BUNDLED, assets_dir, language=language) for p in bundled]
    raws += [_read(p, Source.USER, assets_dir, language=language) for p in user]
    # Pass 1: stretches. Bundled ids are global; a user file's own stretches come first for it.
    for raw in raws:
        for stretch in raw.local.values():
            if raw.report.source is Source.BUNDLED or stretch.id not in library.stretches:
                library.stretches.setdefault(stretch.id, stretch)
    # Pass 2: routines.
    seen: dict[str, Path] = {}
    broken = set().union(*(raw.broken for raw in raws)) if raws else set()
    for raw in raws:
        _resolve_routines(raw, library.stretches, seen, broken)
        raw.report.problems = raw.checker.problems
        library.reports.append(raw.report)
        # A file with a bad routine still gives its good ones; the bad are reported.
        library.routines.extend(raw.report.routines)
    # Kept only when the files still read the same (none was changed while being read).
    if (
        book is not None
        and key is not None
        and _keepable(library)
        and library_key(files, assets_dir, language) == key
    ):
        book.put(*key, library)
    return library


def check_files(paths: Sequence[Path], library: Library, assets_dir: Path) -> list[FileReport]:
    """Check files as `stretchapp validate` does, resolving ids against `library`."""
    return [_check(path, library, assets_dir) for path in paths]


def check_text(text: str, path: Path, library: Library, assets_dir: Path) -> FileReport:
    """Check `text` as if it were the file at `path` (which need not exist yet): what the
    editor and an import check before anything is written."""
    if len(text.encode("utf-8")) > yamlfile.MAX_FILE_BYTES:
        report = FileReport(path, Source.USER)
        report.problems.append(
            Problem(str(path), 0, "", _("the file is too large"), _("at most 1 MiB"))
        )
        return report
    return _check(path, library, assets_dir, text)


def _check(path: Path, library: Library, assets_dir: Path, text: str | None = None) -> FileReport:
    raw = _read(path, Source.USER, assets_dir, text)
    stretches = dict(library.stretches)
    stretches.update(raw.local)
    existing = {r.id: r.file for r in library.routines if r.file is not None}
    seen = {k: v for k, v in existing.items() if not _same_file(v, path)}
    _resolve_routines(raw, stretches, seen, raw.broken)
    raw.report.problems = raw.checker.problems
    return raw.report


def _same_file(a: Path, b: Path) -> bool:
    """The same file, or a byte-identical copy of it (a checkout's copy of a bundled file
    does not clash with the installed one)."""
    if _resolved(a) == _resolved(b):
        return True
    try:
        if a.stat().st_size != b.stat().st_size:
            return False
        return yamlfile.read_bytes(a) == yamlfile.read_bytes(b)
    except (OSError, RuntimeError, YamlError):
        return False


def _resolved(path: Path) -> Path:
    """The real path, or `path` itself when it cannot be resolved (a loop of links…): what is
    wrong with it is then said by whatever reads it."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return path


def _files(folder: Path | None) -> list[Path]:
    if folder is None or not folder.is_dir():
        return []
    try:
        return sorted(
            p for p in folder.iterdir() if p.suffix.lower() in (".yaml", ".yml") and p.is_file()
        )
    except OSError:
        return []


def _read(
    path: Path,
    source: Source,
    assets_dir: Path,
    text: str | None = None,
    language: tuple[str, str] | None = None,
) -> _Raw:
    report = FileReport(path, source)
    checker = Checker(str(path))
    raw = _Raw(report, checker, language=language or content_i18n.shown_language())
    try:
        data = yamlfile.load(path) if text is None else yamlfile.parse(text, str(path))
    except YamlError as exc:
        checker.problems.append(exc.problem)
        return raw
    if data is None:
        checker.add(
            0,
            "",
            _("the file is empty"),
            _("a mapping with version: {version}").format(version=FORMAT_VERSION),
        )
        return raw
    top = checker.mapping(data, FILE_FIELDS, "", getattr(data, "line", 1), fill_defaults=True)
    if not isinstance(data, dict):
        return raw
    if "version" not in top:
        return raw  # an unknown version means the rest cannot be read reliably
    if not data.get("stretches") and not data.get("routines"):
        checker.add(
            1, "", _("defines no stretches and no routines"), _("stretches: and/or routines:")
        )
    stretch_list = _list(checker, data, "stretches")
    for i, item in enumerate(stretch_list):
        stretch = _stretch(
            checker,
            item,
            _label("stretches", i, item),
            _line(stretch_list, i),
            path,
            source,
            assets_dir,
            raw.language,
        )
        if stretch is None:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                raw.broken.add(item["id"])
            continue
        if stretch.id in raw.local:
            checker.add(
                _line(stretch_list, i),
                f"stretches[{i + 1}].id",
                _("{id} is defined twice in this file").format(id=repr(stretch.id)),
                _("unique ids"),
            )
            continue
        raw.local[stretch.id] = stretch
    raw.routines = _list(checker, data, "routines")
    raw.routines_line = data.line_of("routines") if isinstance(data, Located) else 1
    return raw


def _list(checker: Checker, data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    line = data.line_of(key) if isinstance(data, Located) else 1
    if value is None:
        return []
    if not isinstance(value, list):
        checker.add(
            line,
            key,
            _("is {what}").format(what=type_name(value)),
            _("a list, each item starting with '- '"),
        )
        return []
    if len(value) > MAX_ENTRIES:
        checker.add(line, key, _has_items(len(value)), _at_most(MAX_ENTRIES))
        return []
    return value


def _has_items(count: int) -> str:
    return ngettext("has {count} item", "has {count} items", count).format(count=count)


def _at_most(count: int) -> str:
    return _("at most {count}").format(count=count)


def _label(kind: str, index: int, item: Any) -> str:
    """How messages name an item: by its id where it has a usable one, else by position."""
    if isinstance(item, dict):
        item_id = item.get("id")
        if isinstance(item_id, str) and ID_PATTERN.match(item_id):
            return f"{kind}[{item_id}]"
    return f"{kind}[{index + 1}]"


def _line(items: list[Any], index: int) -> int:
    return items.line_of(index) if isinstance(items, LocatedList) else 0


def _stretch(
    checker: Checker,
    item: Any,
    path: str,
    line: int,
    file: Path,
    source: Source,
    assets_dir: Path,
    language: tuple[str, str] | None = None,
) -> Stretch | None:
    before = len(checker.problems)
    item, raw_translations, translations_line = content_i18n.take(item)
    values = checker.mapping(item, STRETCH_FIELDS, path, line)
    if isinstance(item, Located):
        line = item.line
        if "id" in values:
            path = f"stretches[{values['id']}]"
    # Checked like the English; a bad translation is reported and left out, the rest loads.
    translations = content_i18n.check(
        checker,
        raw_translations,
        STRETCH_FIELDS,
        "stretch",
        path,
        translations_line or line,
        source=values,
    )
    has_hold, has_reps = values.get("hold") is not None, values.get("reps") is not None
    if has_hold == has_reps and isinstance(item, dict):
        if "hold" not in item and "reps" not in item:
            checker.add(
                line, path, _("needs hold or reps"), _("hold: SECONDS, or reps: N with tempo")
            )
        elif has_hold and has_reps:
            checker.add(line, path, _("has both hold and reps"), _("one of them"))
    frames = _images(checker, values.get("images") or (), path, line, item, file, assets_dir)
    avoid_if = tuple(values.get("avoid_if") or ())
    _check_precautions(checker, avoid_if, path, item, line, assets_dir)
    pose = None
    if isinstance(item, dict) and "pose" in item:
        pose_line = item.line_of("pose") if isinstance(item, Located) else line
        pose = _pose(checker, item["pose"], f"{path}.pose", pose_line, values)
    elif isinstance(item, dict) and not item.get("images"):
        checker.add(
            line, path, _("needs images or a pose"), _("images: [FILE, ...] or pose: {...}")
        )
    if _english_problems(checker, before):
        return None
    values["breathing"] = values["breathing"] or ""
    values["caution"] = values["caution"] or ""
    values["video"] = values["video"] or ""
    values["left_side"] = values["left_side"] or ""
    values["right_side"] = values["right_side"] or ""
    _check_side_texts(checker, values, path, item, line)
    shown, written = content_i18n.localize(values, translations, "stretch", language)
    return Stretch(
        id=values["id"],
        name=shown["name"],
        frames=frames,
        steps=tuple(shown["steps"]),
        breathing=shown["breathing"],
        caution=shown["caution"],
        hold=values["hold"],
        reps=values["reps"],
        tempo=values["tempo"],
        sides=Sides(values["sides"]),
        position=values["position"],
        video=shown["video"],
        source=source,
        file=file,
        avoid_if=avoid_if,
        pose=pose,
        left_side=shown["left_side"],
        right_side=shown["right_side"],
        translations=translations,
        written=written,
    )


def _check_side_texts(
    checker: Checker, values: dict[str, Any], path: str, item: Any, line: int
) -> None:
    """`left_side` and `right_side` come together, on a stretch done on both sides; one
    that cannot be shown is reported and left out."""
    given = [name for name in ("left_side", "right_side") if values[name]]
    if not given:
        return
    where = item.line_of(given[0]) if isinstance(item, Located) else line
    problem = None
    if values["sides"] != Sides.BOTH.value:
        problem = (_("is given on a stretch not done on both sides"), "sides: both")
    elif len(given) == 1:
        missing = "right_side" if given == ["left_side"] else "left_side"
        problem = (
            _("is given without {other}").format(other=missing),
            _("both left_side and right_side, or neither"),
        )
    if problem is not None:
        checker.add(where, f"{path}.{given[0]}", *problem)
        values["left_side"] = values["right_side"] = ""


def _english_problems(checker: Checker, since: int) -> bool:
    """Whether problems added since `since` concern the items themselves rather than only
    their translations (which are reported, and left out, without keeping an item from
    loading: it is then shown in English)."""
    return any(f".{content_i18n.KEY}." not in f"{p.field}." for p in checker.problems[since:])


def _check_precautions(
    checker: Checker,
    ids: tuple[str, ...],
    path: str,
    item: Any,
    line: int,
    assets_dir: Path,
) -> None:
    if not ids:
        return
    if isinstance(item, Located):
        line = item.line_of("avoid_if")
    valid = precaution_ids(assets_dir)
    if not valid:
        return  # the health file is unreadable: that is reported where it is shown
    for i, precaution in enumerate(ids):
        if precaution not in valid:
            hint = did_you_mean(precaution, valid)
            checker.add(
                line,
                f"{path}.avoid_if[{i + 1}]",
                _("{id} is not a known precaution").format(id=repr(precaution))
                + (f"; {hint}" if hint else ""),
                _("one of: {choices}").format(choices=", ".join(valid)),
            )
        elif precaution in ids[:i]:
            checker.add(
                line,
                f"{path}.avoid_if[{i + 1}]",
                _("{id} appears twice").format(id=repr(precaution)),
                _("each precaution once"),
            )


def _pose(
    checker: Checker, item: Any, path: str, line: int, stretch: dict[str, Any]
) -> StretchPose | None:
    """Read and check a stretch's `pose`: fields, joints, ranges, and the body on its support."""
    before = len(checker.problems)
    values = checker.mapping(item, POSE_FIELDS, path, line)
    if not isinstance(item, dict):
        return None
    keys = _pose_keys(checker, item.get("keys"), f"{path}.keys", _key_line(item, "keys", line))
    right = None
    if item.get("right") is not None:
        right = _pose_keys(checker, item["right"], f"{path}.right", _key_line(item, "right", line))
    if len(checker.problems) > before or not keys:
        return None
    tempo = stretch.get("tempo") or 4
    still = None
    if values.get("still"):
        names = [k.name for k in keys]
        if values["still"] not in names:
            checker.add(
                _key_line(item, "still", line),
                f"{path}.still",
                _("{name} is not one of the key poses").format(name=repr(values["still"])),
                ", ".join(names),
            )
            return None
        still = names.index(values["still"])
    # (a twist's or a side bend's arrow shows only on the still pictures: a hold may have
    # one, see cue.HOLD_CUES)
    still_cue = values.get("cue") in HOLD_CUES
    if values.get("cue") and stretch.get("reps") is None and not values["moves"] and not still_cue:
        checker.add(
            _key_line(item, "cue", line),
            f"{path}.cue",
            _("a motion arrow is for a stretch that moves, not a still hold"),
            _("reps: N with tempo, moves: true, or no cue"),
        )
        return None
    if values.get("cue") and len(keys) < 2:
        checker.add(
            _key_line(item, "cue", line),
            f"{path}.cue",
            _("a motion arrow needs two key poses to go between"),
            _("a second key pose, or no cue"),
        )
        return None
    pose = StretchPose(
        keys=keys,
        view=View(values["view"]),
        support=Support(values["support"]),
        props=values["props"] or (),
        contacts=values["contacts"] or (),
        highlight=values["highlight"] or (),
        right=right,
        cycle_ms=tempo * 1000 if values["moves"] else 0,
        azimuth=values.get("azimuth"),
        elevation=values.get("elevation"),
        card_azimuth=values.get("card_azimuth"),
        card_elevation=values.get("card_elevation"),
        still=still,
        cue=values.get("cue"),
        line=line,
    )
    for problem in _support_problems(pose):
        checker.add(
            problem.key.line, f"{path}.keys[{problem.key.name}]", problem.message, problem.valid
        )
    if len(checker.problems) > before:
        return None
    return pose


def _key_line(item: Any, key: str, line: int) -> int:
    return item.line_of(key) if isinstance(item, Located) else line


def _pose_keys(checker: Checker, items: Any, path: str, line: int) -> tuple[KeyPose, ...]:
    if not isinstance(items, list) or not 1 <= len(items) <= 4:
        checker.add(
            line,
            path,
            _("is {what}").format(what=type_name(items)),
            _("a list of 1 to 4 key poses"),
        )
        return ()
    keys = []
    for i, item in enumerate(items):
        key_line = _line(items, i)
        where = f"{path}[{i + 1}]"
        values = checker.mapping(item, POSE_KEY_FIELDS, where, key_line)
        angles = values.get("angles")
        if not isinstance(item, dict) or angles is None:
            continue
        angles_line = _key_line(item, "angles", key_line)
        if not isinstance(angles, dict):
            checker.add(
                angles_line,
                f"{where}.angles",
                _("is {what}").format(what=type_name(angles)),
                _("JOINT: DEGREES"),
            )
            continue
        bad = False
        for problem in check_angles(angles):
            checker.add(
                _key_line(angles, problem.joint, angles_line),
                f"{where}.angles.{problem.joint}",
                problem.message,
                problem.valid,
            )
            bad = True
        if bad:
            continue
        name = values.get("name") or f"key {i + 1}"
        full = expand({str(k): float(v) for k, v in angles.items()})
        keys.append(
            KeyPose(
                name=name,
                angles=tuple(sorted(full.items())),
                contacts=values.get("contacts"),
                dwell=values.get("dwell"),
                roller=values.get("roller"),
                line=key_line,
                move=values.get("move"),
            )
        )
    return tuple(keys)


def _images(
    checker: Checker,
    images: Iterable[str],
    path: str,
    line: int,
    item: Any,
    file: Path,
    assets_dir: Path,
) -> tuple[Path, ...]:
    if isinstance(item, Located):
        line = item.line_of("images")
    frames = []
    for i, text in enumerate(images):
        where = f"{path}.images[{i + 1}]"
        # "bundled:PATH" names a file in the app's assets; anything else is relative to this
        # file. Neither may lead out of its own folder.
        if text.startswith(BUNDLED_PREFIX):
            base = _resolved(assets_dir)
            text_path = text[len(BUNDLED_PREFIX) :]
            outside = _("{path} leads outside the app's bundled pictures")
            valid = _("an image in the app's bundled pictures or below it")
        else:
            base = _resolved(file.parent)
            text_path = text
            outside = _("{path} leads outside this file's folder")
            valid = _("an image in this file's folder or below it")
        candidate = Path(text_path)
        if candidate.is_absolute() or text_path.startswith(("~", "\\")) or ":" in text_path:
            checker.add(
                line,
                where,
                _("{path} is not a relative path").format(path=repr(text)),
                _("a path relative to this file's folder, e.g. images/pose.png"),
            )
            continue
        target = _resolved(base / candidate)
        if base not in target.parents:
            checker.add(
                line,
                where,
                outside.format(path=repr(text)),
                valid,
            )
            continue
        if target.suffix.lower() not in IMAGE_SUFFIXES:
            checker.add(
                line,
                where,
                _("{path} is not a supported image").format(path=repr(text)),
                _("PNG, JPG, SVG or GIF"),
            )
            continue
        problem = yamlfile.file_problem(target, MAX_IMAGE_BYTES)
        if problem is not None:
            if text.startswith(RETIRED_PICTURES):
                # Files written before the app drew its own figure named its old pictures.
                stretch_id = Path(text_path).stem.rsplit("-", 1)[0]
                checker.add(
                    line,
                    where,
                    _(
                        "{path} is no longer shipped: the app now draws its bundled stretches"
                    ).format(path=repr(text)),
                    _(
                        "use the bundled stretch {id} by its id, or give this stretch "
                        "a pose (see docs/routines.md)"
                    ).format(id=repr(stretch_id)),
                )
            elif "No such file" in problem:
                checker.add(
                    line,
                    where,
                    _("{path} was not found").format(path=repr(text)),
                    _("a file in {folder}").format(folder=base),
                )
            else:
                checker.add(
                    line,
                    where,
                    f"{text!r} {problem}",
                    _("a picture file of at most {size} MiB").format(
                        size=MAX_IMAGE_BYTES // (1024 * 1024)
                    ),
                )
            continue
        # (core/pictures.py and its patterns load with the first picture of a user's: about
        # 2.5 ms the start of a library drawn as figures need not pay)
        from stretchapp.core import pictures

        if text.startswith(BUNDLED_PREFIX):
            pass  # pictures that ship with the app are checked by its tests, not at each start
        elif (kind := pictures.file_kind_problem(target)) is not None:
            checker.add(line, where, f"{text!r}: {kind}", pictures.kind_valid())
            continue
        elif target.suffix.lower() == ".svg":
            svg_problem = pictures.svg_file_problem(target)
            if svg_problem is not None:
                checker.add(line, where, f"{text!r}: {svg_problem}", pictures.svg_valid())
                continue
        else:
            raster_problem = pictures.raster_file_problem(target)
            if raster_problem is not None:
                checker.add(line, where, f"{text!r}: {raster_problem}", pictures.pixels_valid())
                continue
        frames.append(target)
    return tuple(frames)


def _resolve_routines(
    raw: _Raw, stretches: dict[str, Stretch], seen: dict[str, Path], broken: set[str]
) -> None:
    checker, report = raw.checker, raw.report
    for i, item in enumerate(raw.routines or ()):
        line = _line(raw.routines, i)
        path = _label("routines", i, item)
        before = len(checker.problems)
        item, raw_translations, translations_line = content_i18n.take(item)
        values = checker.mapping(item, ROUTINE_FIELDS, path, line)
        if isinstance(item, Located):
            line = item.line
            if "id" in values:
                path = f"routines[{values['id']}]"
        translations = content_i18n.check(
            checker,
            raw_translations,
            ROUTINE_FIELDS,
            "routine",
            path,
            translations_line or line,
            source=values,
        )
        lookup = {**stretches, **raw.local}
        entries = _entries(
            checker, values.get("stretches"), path, item, lookup, broken, raw.language
        )
        routine_id = values.get("id")
        if routine_id is not None:
            if routine_id in seen:
                checker.add(
                    line,
                    f"{path}.id",
                    _("{id} is already used by {file}").format(
                        id=repr(routine_id), file=seen[routine_id]
                    ),
                    _("an id no other routine uses"),
                )
            elif not _english_problems(checker, before):
                seen[routine_id] = report.path
        if _english_problems(checker, before):
            continue
        values["description"] = values["description"] or ""
        shown, written = content_i18n.localize(values, translations, "routine", raw.language)
        report.routines.append(
            Routine(
                id=values["id"],
                name=shown["name"],
                description=shown["description"],
                entries=tuple(entries),
                get_ready=values.get("get_ready"),
                rest=values.get("rest"),
                switch=values["switch"],
                source=report.source,
                file=report.path,
                translations=translations,
                written=written,
            )
        )
    report.stretches = list(raw.local.values())


def _entries(
    checker: Checker,
    items: Any,
    path: str,
    routine: Any,
    lookup: dict[str, Stretch],
    broken: set[str],
    language: tuple[str, str] | None = None,
) -> list[Entry]:
    line = routine.line_of("stretches") if isinstance(routine, Located) else 0
    where = f"{path}.stretches"
    if items is None:
        return []
    if not isinstance(items, list) or not items:
        checker.add(
            line,
            where,
            _("is {what}").format(what=type_name(items)) if items != [] else _("is empty"),
            _("a list of 1 to {count} stretch ids").format(count=MAX_ENTRIES),
        )
        return []
    if len(items) > MAX_ENTRIES:
        checker.add(
            line,
            where,
            ngettext("has {count} entry", "has {count} entries", len(items)).format(
                count=len(items)
            ),
            _at_most(MAX_ENTRIES),
        )
        return []
    entries = []
    for i, item in enumerate(items):
        item_line = _line(items, i)
        item_path = f"{where}[{i + 1}]"
        spec = Located(item_line)
        if isinstance(item, str):
            spec["stretch"] = item
        elif isinstance(item, dict):
            spec = item if isinstance(item, Located) else spec
            if not isinstance(item, Located):
                spec.update(item)
        else:
            checker.add(
                item_line,
                item_path,
                _("is {what}").format(what=type_name(item)),
                _("a stretch id, or a mapping with stretch: ID and overrides"),
            )
            continue
        spec, raw_translations, translations_line = content_i18n.take(spec)
        values = checker.mapping(spec, ENTRY_FIELDS, item_path, item_line, fill_defaults=False)
        translations = content_i18n.check(
            checker,
            raw_translations,
            ENTRY_FIELDS,
            "entry",
            item_path,
            translations_line or item_line,
            source=values,
        )
        stretch_id = values.get("stretch")
        if stretch_id is None:
            continue
        stretch = lookup.get(stretch_id)
        if stretch is None and stretch_id in broken:
            checker.add(
                spec.line_of("stretch"),
                f"{item_path}.stretch",
                _("the stretch {id} could not be loaded").format(id=repr(stretch_id)),
                _("see the problems with its definition"),
            )
            continue
        if stretch is None:
            hint = did_you_mean(stretch_id, lookup)
            checker.add(
                spec.line_of("stretch"),
                f"{item_path}.stretch",
                _("no stretch has the id {id}").format(id=repr(stretch_id))
                + (f"; {hint}" if hint else ""),
                _("an id from this file or the bundled library (see `stretchapp routines`)"),
            )
            continue
        hold, reps = values.get("hold"), values.get("reps")
        if hold is not None and reps is not None:
            checker.add(item_line, item_path, _("has both hold and reps"), _("one of them"))
            continue
        if hold is None and reps is None:
            hold, reps = stretch.hold, stretch.reps
        values["transition"] = values.get("transition") or ""
        shown, written = content_i18n.localize(values, translations, "entry", language)
        entries.append(
            Entry(
                stretch=stretch,
                hold=hold,
                reps=reps,
                tempo=values.get("tempo", stretch.tempo),
                sides=Sides(values.get("sides", stretch.sides)),
                get_ready=values.get("get_ready"),
                rest=values.get("rest"),
                transition=shown["transition"],
                translations=translations,
                written=written,
            )
        )
    return entries


# ---- writing -------------------------------------------------------------------------------

FILE_HEADER = (
    "# Made with StretchApp's routine editor. You may edit it by hand too;\n"
    "# the format is described in docs/routines.md.\n"
)


def stretch_data(stretch: Stretch, folder: Path, assets_dir: Path | None = None) -> dict[str, Any]:
    """A stretch as its `stretches:` item, image paths relative to `folder` (or, for the
    app's own pictures, `bundled:` paths relative to `assets_dir`).

    Its texts are written as its file gave them (not as shown in the active language), with
    its `translations` kept. Raises ValueError for a frame outside both: a file may only
    point below itself.
    """
    stretch = stretch.as_written()
    images = []
    base = _resolved(folder)
    assets = _resolved(assets_dir) if assets_dir is not None else None
    for frame in stretch.frames:
        target = _resolved(frame)
        if base in target.parents:
            images.append(target.relative_to(base).as_posix())
        elif assets is not None and assets in target.parents:
            images.append(BUNDLED_PREFIX + target.relative_to(assets).as_posix())
        else:
            raise ValueError(f"{frame} is not inside {folder}")
    data: dict[str, Any] = {"id": stretch.id, "name": stretch.name}
    if images or stretch.pose is None:
        data["images"] = images
    if stretch.pose is not None:
        data["pose"] = pose_data(stretch.pose)
    data["steps"] = list(stretch.steps)
    if stretch.breathing:
        data["breathing"] = stretch.breathing
    if stretch.caution:
        data["caution"] = stretch.caution
    if stretch.hold is not None:
        data["hold"] = stretch.hold
    else:
        data["reps"] = stretch.reps
    if stretch.tempo != 4 or stretch.reps is not None:
        data["tempo"] = stretch.tempo
    if stretch.sides is not Sides.NONE:
        data["sides"] = stretch.sides.value
    if stretch.left_side or stretch.right_side:
        data["left_side"], data["right_side"] = stretch.left_side, stretch.right_side
    data["position"] = stretch.position
    if stretch.video:
        data["video"] = stretch.video
    if stretch.avoid_if:
        data["avoid_if"] = list(stretch.avoid_if)
    if stretch.translations.texts:
        data[content_i18n.KEY] = stretch.translations.data()
    return data


def pose_data(pose: StretchPose) -> dict[str, Any]:
    """A pose as its `pose:` mapping (both-sides shorthand where left and right agree)."""
    data: dict[str, Any] = {}
    if pose.view is not View.SIDE:
        data["view"] = pose.view.value
    if pose.support is not Support.FLOOR:
        data["support"] = pose.support.value
    for name in ("contacts", "highlight", "props"):
        if getattr(pose, name):
            data[name] = list(getattr(pose, name))
    if pose.cycle_ms:
        data["moves"] = True
    if pose.still is not None:
        data["still"] = pose.keys[pose.still].name
    if pose.cue is not None:
        data["cue"] = pose.cue
    if pose.azimuth is not None:
        data["azimuth"] = pose.azimuth
    if pose.elevation is not None:
        data["elevation"] = pose.elevation
    if pose.card_azimuth is not None:
        data["card_azimuth"] = pose.card_azimuth
    if pose.card_elevation is not None:
        data["card_elevation"] = pose.card_elevation
    data["keys"] = [_key_data(k) for k in pose.keys]
    if pose.right is not None:
        data["right"] = [_key_data(k) for k in pose.right]
    return data


def _key_data(key: KeyPose) -> dict[str, Any]:
    angles = dict(key.angles)
    out: dict[str, float] = {}
    for name, value in sorted(angles.items()):
        if name.endswith("_r") and angles.get(name[:-2] + "_l") == value:
            continue
        if name.endswith("_l") and angles.get(name[:-2] + "_r") == value:
            name = name[:-2]
        if value != 0:
            out[name] = int(value) if float(value).is_integer() else value
    data: dict[str, Any] = {"name": key.name, "angles": out}
    if key.contacts is not None:
        data["contacts"] = list(key.contacts)
    if key.dwell is not None:
        data["dwell"] = key.dwell
    if key.move is not None:
        data["move"] = key.move
    if key.roller is not None:
        data["roller"] = key.roller
    return data


def entry_data(entry: Entry) -> str | dict[str, Any]:
    """An entry as its routine's `stretches:` item: the id alone, or the id and what differs."""
    entry = entry.as_written()
    stretch = entry.stretch
    data: dict[str, Any] = {"stretch": stretch.id}
    if (entry.hold, entry.reps) != (stretch.hold, stretch.reps):
        if entry.hold is not None:
            data["hold"] = entry.hold
        else:
            data["reps"] = entry.reps
    if entry.tempo != stretch.tempo:
        data["tempo"] = entry.tempo
    if entry.sides is not stretch.sides:
        data["sides"] = entry.sides.value
    if entry.get_ready is not None:
        data["get_ready"] = entry.get_ready
    if entry.rest is not None:
        data["rest"] = entry.rest
    if entry.transition:
        data["transition"] = entry.transition
    if entry.translations.texts:
        data[content_i18n.KEY] = entry.translations.data()
    return stretch.id if len(data) == 1 else data


def routine_data(routine: Routine) -> dict[str, Any]:
    """A routine as its `routines:` item, its texts as its file gave them, translations kept."""
    routine = routine.as_written()
    data: dict[str, Any] = {"id": routine.id, "name": routine.name}
    if routine.description:
        data["description"] = routine.description
    if routine.get_ready is not None:
        data["get_ready"] = routine.get_ready
    if routine.rest is not None:
        data["rest"] = routine.rest
    if routine.switch != 5:
        data["switch"] = routine.switch
    data["stretches"] = [entry_data(e) for e in routine.entries]
    if routine.translations.texts:
        data[content_i18n.KEY] = routine.translations.data()
    return data


def render_file(
    routines: Sequence[Routine],
    stretches: Sequence[Stretch],
    folder: Path,
    header: str = FILE_HEADER,
    assets_dir: Path | None = None,
) -> str:
    """Routines and their own stretches as a routine file in `folder`, in the documented
    format: loading the text gives the same routines back, and rendering those gives the
    same text."""
    import yaml  # only here: loading the library must not need it (see parsecache)

    data: dict[str, Any] = {"version": FORMAT_VERSION}
    if stretches:
        data["stretches"] = [stretch_data(s, folder, assets_dir) for s in stretches]
    if routines:
        data["routines"] = [routine_data(r) for r in routines]
    text = yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=96, indent=2
    )
    return header + text
