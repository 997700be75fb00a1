"""`record`: a dataclass whose methods are shared functions rather than generated code.

`@dataclasses.dataclass(frozen=True)` writes the source of each class's `__init__`, `__repr__`,
`__eq__`, `__hash__`, `__setattr__` and `__delattr__` and compiles it with `exec` when the
module is imported: about 0.5 ms a class, some 20 ms of the start-up for the 40-odd classes
the library window's data is made of. `@record` asks `dataclasses` for the fields only (no
code generated: under 0.05 ms) and gives the class the same behaviour through closures made
from functions compiled once, with this module:

- `__init__(...)`: the fields in order, positional or by name (`kw_only` by name only),
  defaults and `default_factory`, `init=False` fields set from their factory, then
  `__post_init__` when the class has one; the same `TypeError`s for a missing, unknown or
  repeated argument;
- `__repr__`: `Name(field=value!r, ...)` over the `repr=True` fields, as a dataclass's;
- `__eq__` and `__hash__`: over the `compare=True` fields (`hash=` honoured), only between
  instances of the very same class, as a dataclass's;
- frozen (the default): assigning or deleting any attribute raises
  `dataclasses.FrozenInstanceError`.

The class stays a dataclass: `dataclasses.fields`, `replace`, `asdict` and `is_dataclass`
work on it unchanged, and type checkers read it as one (`typing.dataclass_transform`).
InitVar fields, slots and ordering are not supported (a class needing them uses
`dataclasses.dataclass`). tests/core/test_records.py holds it to a real dataclass twin.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")

_MISSING: Any = dataclasses.MISSING


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(*, frozen: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def record(cls: type[T] | None = None, /, *, frozen: bool = True) -> Any:
    """Make `cls` a dataclass (frozen unless `frozen=False`) without generating code."""

    def wrap(cls: type[T]) -> type[T]:
        return _build(cls, frozen)

    return wrap if cls is None else wrap(cls)


def _build(cls: type[T], frozen: bool) -> type[T]:
    for name in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"):
        if name in cls.__dict__:
            raise TypeError(f"{cls.__qualname__} defines {name}; use dataclasses.dataclass")
    documented = bool(cls.__doc__)
    if not documented:
        cls.__doc__ = cls.__name__  # (else `dataclass` would ask `inspect` for a signature)
    cls = dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
    every = getattr(cls, "__dataclass_fields__", {}).values()
    if any(f._field_type is dataclasses._FIELD_INITVAR for f in every):  # type: ignore[attr-defined]
        raise TypeError(f"{cls.__qualname__}: InitVar fields are not supported")
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if not documented:
        cls.__doc__ = f"{cls.__name__}({', '.join(f.name for f in fields if f.init)})"
    compared = _key(tuple(f.name for f in fields if f.compare))
    hashed = _key(tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash)))
    methods: dict[str, object] = {
        "__init__": _init(cls, fields),
        "__repr__": _repr(tuple(f.name for f in fields if f.repr)),
        "__eq__": _eq(compared),
        "__hash__": None,  # as a mutable dataclass that compares: unhashable
    }
    if frozen:
        methods |= {
            "__hash__": _hash(hashed),
            "__setattr__": _frozen_setattr,
            "__delattr__": _frozen_delattr,
        }
    for name, method in methods.items():
        if callable(method):
            method.__qualname__ = f"{cls.__qualname__}.{name}"  # type: ignore[attr-defined]
        setattr(cls, name, method)
    return cls


def _key(names: tuple[str, ...]) -> Callable[[object], tuple[object, ...]]:
    """The tuple of the fields `names` of an instance (what a dataclass compares)."""
    if not names:
        return lambda _obj: ()
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return attrgetter(*names)


def _init(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> Callable[..., None]:
    qualname = cls.__qualname__
    taken = tuple(f for f in fields if f.init)
    positional = tuple(f.name for f in taken if not f.kw_only)
    names = frozenset(f.name for f in taken)
    plan: tuple[tuple[str, Any, Any], ...] = tuple(
        (f.name, f.default, f.default_factory) for f in taken
    )
    later: tuple[tuple[str, Any], ...] = tuple(
        (f.name, f.default_factory)
        for f in fields
        if not f.init and f.default_factory is not _MISSING
    )
    post_init = hasattr(cls, "__post_init__")
    setter = object.__setattr__

    order = tuple(name for name, _default, _factory in plan)
    everything = len(order) if positional == order else -1

    def init(self: object, *args: object, **kwargs: object) -> None:
        if len(args) == everything and not kwargs:  # every field given in order: the quick way
            for name, value in zip(order, args, strict=True):
                setter(self, name, value)
        else:
            _fill(self, qualname, plan, _arguments(qualname, positional, names, args, kwargs))
        for name, factory in later:
            setter(self, name, factory())
        if post_init:
            self.__post_init__()  # type: ignore[attr-defined]

    return init


def _fill(
    obj: object,
    qualname: str,
    plan: tuple[tuple[str, Any, Any], ...],
    values: dict[str, object],
) -> None:
    """Set each field of `obj` to its value in `values`, else to its default."""
    for name, default, factory in plan:
        if name in values:
            object.__setattr__(obj, name, values[name])
        elif default is not _MISSING:
            object.__setattr__(obj, name, default)
        elif factory is not _MISSING:
            object.__setattr__(obj, name, factory())
        else:
            raise TypeError(f"{qualname}.__init__() missing required argument: {name!r}")


def _arguments(
    qualname: str,
    positional: tuple[str, ...],
    names: frozenset[str],
    args: tuple[object, ...],
    kwargs: dict[str, object],
) -> dict[str, object]:
    """The values an `__init__` call gives, by field name; the `TypeError`s Python raises."""
    if len(args) > len(positional):
        raise TypeError(
            f"{qualname}.__init__() takes {len(positional) + 1} positional arguments "
            f"but {len(args) + 1} were given"
        )
    values = dict(zip(positional, args, strict=False))
    for name, value in kwargs.items():
        if name not in names:
            raise TypeError(f"{qualname}.__init__() got an unexpected keyword argument {name!r}")
        if name in values:
            raise TypeError(f"{qualname}.__init__() got multiple values for argument {name!r}")
        values[name] = value
    return values


def _repr(shown: tuple[str, ...]) -> Callable[[object], str]:
    def repr_(self: object) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{type(self).__qualname__}({inner})"

    return repr_


def _eq(key: Callable[[object], tuple[object, ...]]) -> Callable[[object, object], bool]:
    def eq(self: object, other: object) -> bool:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    return eq


def _hash(key: Callable[[object], tuple[object, ...]]) -> Callable[[object], int]:
    def hash_(self: object) -> int:
        return hash(key(self))

    return hash_


def _frozen_setattr(self: object, name: str, value: object) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: object, name: str) -> None:
    raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
