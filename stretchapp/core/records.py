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

A class made by the hundred for every frame of a moving figure is a `record(hot=True)`: the
shared `__init__` costs about 1 µs an object more than a dataclass's (a loop over the fields
where a dataclass's sets each by name), which made working out a moving figure's drawing 15 %
slower. A hot record's first `__init__` call compiles the very `__init__` a dataclass would
write (one short text, about 0.07 ms) and puts it on the class, so the cost is paid when the
first object is made, often after the window has painted, not when the module is imported.
Comparing and hashing need no such help: they read the fields with one `attrgetter`.
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
def record(*, frozen: bool = True, hot: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def record(cls: type[T] | None = None, /, *, frozen: bool = True, hot: bool = False) -> Any:
    """Make `cls` a dataclass (frozen unless `frozen=False`) without generating code when
    it is made; a `hot` one compiles its `__init__` when its first object is made."""

    def wrap(cls: type[T]) -> type[T]:
        return _build(cls, frozen, hot)

    return wrap if cls is None else wrap(cls)


def _build(cls: type[T], frozen: bool, hot: bool = False) -> type[T]:
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
        "__init__": _first_init(cls, fields) if hot else _init(cls, fields),
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


def _first_init(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> Callable[..., None]:
    """An `__init__` that, called the first time, puts the compiled one on `cls` and runs it."""

    def init(self: object, *args: object, **kwargs: object) -> None:
        compiled = _compiled_init(cls, fields)
        type.__setattr__(cls, "__init__", compiled)
        compiled(self, *args, **kwargs)

    return init


def _compiled_init(cls: type, fields: tuple[dataclasses.Field[Any], ...]) -> Callable[..., None]:
    """The `__init__` a dataclass writes for these fields: each argument set by name, in the
    fields' order, defaults bound once, factories called for what was not given, then
    `__post_init__`; Python's own `TypeError`s for a call that does not fit."""
    env: dict[str, Any] = {"__r_set": object.__setattr__, "__r_missing": _MISSING}
    positional: list[str] = []
    keyword: list[str] = []
    body: list[str] = []
    for i, f in enumerate(fields):
        if f.default_factory is not _MISSING:
            env[f"__r_f{i}"] = f.default_factory
        if not f.init:
            if f.default_factory is not _MISSING:
                body.append(f"__r_set(__r_self, {f.name!r}, __r_f{i}())")
            continue
        if f.default is not _MISSING:
            env[f"__r_d{i}"] = f.default
            default = f"=__r_d{i}"
        elif f.default_factory is not _MISSING:
            default = "=__r_missing"
            body.append(f"if {f.name} is __r_missing: {f.name} = __r_f{i}()")
        else:
            default = ""
        (keyword if f.kw_only else positional).append(f.name + default)
        body.append(f"__r_set(__r_self, {f.name!r}, {f.name})")
    if hasattr(cls, "__post_init__"):
        body.append("__r_self.__post_init__()")
    params = ", ".join(["__r_self", *positional, *(["*", *keyword] if keyword else [])])
    lines = "".join(f"\n  {line}" for line in body or ["pass"])
    text = f"def __r_make({', '.join(env)}):\n def __init__({params}):{lines}\n return __init__\n"
    namespace: dict[str, Any] = {}
    exec(compile(text, f"<record {cls.__qualname__}>", "exec"), namespace)
    init: Callable[..., None] = namespace["__r_make"](*env.values())
    qualname = f"{cls.__qualname__}.__init__"
    init.__qualname__ = qualname
    init.__code__ = init.__code__.replace(co_qualname=qualname)  # (named so in its errors)
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
