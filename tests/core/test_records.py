"""`record` behaves as `dataclasses.dataclass(frozen=True)` does, without generating code."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import KW_ONLY, dataclass, field

import pytest

from stretchapp.core.records import record


@dataclass(frozen=True)
class Twin:
    name: str
    count: int
    sizes: tuple[int, ...] = (1, 2)
    tags: list[str] = field(default_factory=list, hash=False)
    note: str = field(default="", compare=False)
    secret: str = field(default="hidden", repr=False)
    cached: int = field(default=0, hash=False)
    _: KW_ONLY
    extra: float = 0.5


@record
class Light:
    name: str
    count: int
    sizes: tuple[int, ...] = (1, 2)
    tags: list[str] = field(default_factory=list, hash=False)
    note: str = field(default="", compare=False)
    secret: str = field(default="hidden", repr=False)
    cached: int = field(default=0, hash=False)
    _: KW_ONLY
    extra: float = 0.5


@record(hot=True)
class Hot:
    name: str
    count: int
    sizes: tuple[int, ...] = (1, 2)
    tags: list[str] = field(default_factory=list, hash=False)
    note: str = field(default="", compare=False)
    secret: str = field(default="hidden", repr=False)
    cached: int = field(default=0, hash=False)
    _: KW_ONLY
    extra: float = 0.5


@record(frozen=False, hot=True)
class HotMutable:
    items: list[int] = field(default_factory=list)
    done: bool = False
    later: list[int] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self.later.append(len(self.items))


@record
class Child(Light):
    more: str = "x"


@record(frozen=False)
class Mutable:
    items: list[int] = field(default_factory=list)
    done: bool = False
    later: list[int] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        self.later.append(len(self.items))


@record
class Empty:
    pass


@record
class Checked:
    value: int

    def __post_init__(self) -> None:
        if self.value < 0:
            raise ValueError("negative")


CALLS: list[tuple[tuple[object, ...], dict[str, object]]] = [
    (("a", 1), {}),
    (("a", 1, (3,), ["t"], "n", "s", 7), {"extra": 2.0}),
    ((), {"name": "b", "count": 2, "note": "other"}),
    (("c",), {"count": 3, "tags": ["x", "y"], "cached": 9}),
]


def _twin_repr(text: str, name: str = "Light") -> str:
    return text.replace("Twin(", f"{name}(", 1)


@pytest.mark.parametrize("kind", [Light, Hot])
@pytest.mark.parametrize(("args", "kwargs"), CALLS)
def test_a_record_is_built_shown_compared_and_hashed_as_a_frozen_dataclass(
    args: tuple[object, ...], kwargs: dict[str, object], kind: type[Light]
) -> None:
    Light = kind  # noqa: N806 - the same checks for a hot record
    twin, light = Twin(*args, **kwargs), Light(*args, **kwargs)  # type: ignore[arg-type]
    assert repr(light) == _twin_repr(repr(twin), kind.__name__)
    assert dataclasses.asdict(light) == dataclasses.asdict(twin)
    assert [f.name for f in dataclasses.fields(light)] == [f.name for f in dataclasses.fields(twin)]
    same = Light(*args, **kwargs)  # type: ignore[arg-type]
    assert light == same and hash(light) == hash(same) == hash(twin)
    assert (light != same) is False
    # `note` is not compared, `cached` is compared but not hashed: as in the dataclass
    other_note = dataclasses.replace(light, note="changed")
    assert other_note == light and hash(other_note) == hash(light)
    assert (dataclasses.replace(twin, note="changed") == twin) is True
    assert dataclasses.replace(light, cached=99) != light
    assert hash(dataclasses.replace(light, cached=99)) == hash(light)
    assert dataclasses.replace(light, count=-1) != light
    assert light != twin  # another class, even with equal fields
    assert (light == ("a", 1)) is False


@pytest.mark.parametrize("Light", [Light, Hot])
def test_a_record_is_frozen(Light: type[Light]) -> None:  # noqa: N803
    light = Light("a", 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        light.name = "b"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        light.other = 1  # type: ignore[attr-defined]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del light.name  # type: ignore[misc]
    assert light.name == "a"
    assert {light: 1}[Light("a", 1)] == 1
    assert pickle.loads(pickle.dumps(light)) == light


@pytest.mark.parametrize("Light", [Light, Hot])
def test_a_record_refuses_the_calls_a_dataclass_refuses(Light: type[Light]) -> None:  # noqa: N803
    for args, kwargs in [
        ((), {}),  # nothing for `name` and `count`
        (("a",), {}),
        (("a", 1), {"nope": 1}),
        (("a", 1), {"name": "b"}),
        (("a", 1, (), [], "", "", 0, 2.0), {}),  # `extra` is keyword-only
    ]:
        with pytest.raises(TypeError):
            Twin(*args, **kwargs)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match=rf"{Light.__name__}\.__init__\(\)"):
            Light(*args, **kwargs)  # type: ignore[arg-type]


def test_defaults_made_by_a_factory_are_not_shared() -> None:
    one, two = Light("a", 1), Light("a", 1)
    assert one.tags == [] and one.tags is not two.tags


def test_a_subclass_adds_its_fields_and_shows_its_own_name() -> None:
    child = Child("a", 1, more="y")
    assert repr(child) == (
        "Child(name='a', count=1, sizes=(1, 2), tags=[], note='', cached=0, extra=0.5, more='y')"
    )
    assert child != Light("a", 1)
    assert child == Child("a", 1, more="y")


@pytest.mark.parametrize("Mutable", [Mutable, HotMutable])
def test_a_mutable_record_runs_post_init_and_is_not_hashable(Mutable: type[Mutable]) -> None:  # noqa: N803
    made = Mutable([1, 2])
    assert made.later == [2] and made.done is False
    made.done = True
    assert made == Mutable([1, 2], True)
    assert repr(made) == f"{Mutable.__name__}(items=[1, 2], done=True, later=[2])"
    with pytest.raises(TypeError):
        hash(made)
    with pytest.raises(TypeError):
        Mutable(later=[])  # type: ignore[call-arg]


def test_post_init_sees_the_fields() -> None:
    assert Checked(1).value == 1
    with pytest.raises(ValueError, match="negative"):
        Checked(-1)


def test_a_record_without_fields() -> None:
    assert Empty() == Empty() and repr(Empty()) == "Empty()" and hash(Empty()) == hash(())


def test_a_record_generates_no_code() -> None:
    for cls in (Light, Child, Mutable, Empty):
        for name in ("__init__", "__repr__", "__eq__"):
            code = getattr(cls, name).__code__
            assert code.co_filename.endswith("records.py"), (cls, name)
    # what it replaces: a dataclass compiles its methods from generated text
    assert Twin.__init__.__code__.co_filename == "<string>"


def test_a_hot_record_compiles_a_dataclass_s_init_when_first_made() -> None:
    @record(hot=True)
    class Point:
        x: float
        y: float = 0.0
        tags: list[str] = field(default_factory=list, compare=False)

    shared = Point.__init__
    assert shared.__code__.co_filename.endswith("records.py")  # nothing compiled yet
    first = Point(1.0)
    compiled = Point.__init__
    assert compiled is not shared and compiled.__code__.co_filename.startswith("<record ")
    assert compiled.__qualname__.endswith("<locals>.Point.__init__")
    assert first == Point(1.0, 0.0) and first.tags == [] and first.tags is not Point(1.0).tags
    assert Point(y=2.0, x=1.0) == Point(1.0, 2.0) != first
    assert Point.__init__ is compiled  # compiled once
    with pytest.raises(TypeError, match=r"Point\.__init__\(\) missing 1 required"):
        Point()  # type: ignore[call-arg]


def test_a_record_keeps_a_dataclass_s_doc_and_match_args() -> None:
    assert Light.__doc__ == "Light(name, count, sizes, tags, note, secret, cached, extra)"
    assert Checked.__doc__ == "Checked(value)"
    assert Light.__match_args__ == Twin.__match_args__
    match Light("a", 1):
        case Light(name, count):
            assert (name, count) == ("a", 1)


def test_what_a_record_cannot_be() -> None:
    with pytest.raises(TypeError, match="defines __eq__"):

        @record
        class Own:
            value: int

            def __eq__(self, other: object) -> bool:
                return True

    with pytest.raises(TypeError, match="InitVar"):

        @record
        class WithInitVar:
            value: dataclasses.InitVar[int]
