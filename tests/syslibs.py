"""What Qt's files link to, as Debian packages: the check behind
packaging/linux/system-packages.txt.

Walks the shared libraries that a set of starting files needs (their ELF `DT_NEEDED` entries),
following those that come with PySide6 (or the bundle) and stopping at those that the system must
provide; each of these is resolved with `ldd` and mapped to its package with `dpkg -S`.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import REPO

PACKAGE_LIST = REPO / "packaging" / "linux" / "system-packages.txt"


def package_groups() -> dict[str, set[str]]:
    groups: dict[str, set[str]] = {}
    for line in PACKAGE_LIST.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            group, package = line.split()
            groups.setdefault(group, set()).add(package)
    return groups


def missing_tools() -> str | None:
    """Why the check cannot run here, or None."""
    for tool, package in (("ldd", "libc-bin"), ("dpkg", "dpkg")):
        if shutil.which(tool) is None:
            return f"{tool} is not available (it comes with {package} on Debian/Ubuntu)"
    return None


def needed(path: Path) -> list[str]:
    """The DT_NEEDED names of a 64-bit little-endian ELF file ([] for anything else)."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return []
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)
    ]
    names: list[str] = []
    for _name, kind, _flags, _addr, offset, size, link, _info, _align, entsize in sections:
        if kind != 6:  # SHT_DYNAMIC
            continue
        strtab_offset = sections[link][4]
        for i in range(size // (entsize or 16)):
            tag, value = struct.unpack_from("<qQ", data, offset + i * 16)
            if tag == 0:
                break
            if tag == 1:  # DT_NEEDED
                end = data.index(b"\0", strtab_offset + value)
                names.append(data[strtab_offset + value : end].decode())
    return names


def ldd(path: Path) -> dict[str, str | None]:
    """soname -> resolved path (None: not found), as the dynamic linker sees it."""
    out = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=False).stdout
    found: dict[str, str | None] = {}
    for line in out.splitlines():
        name, arrow, rest = line.strip().partition(" => ")
        if not arrow and name.startswith("/"):  # the dynamic linker itself: "/lib64/ld-… (0x…)"
            target = name.split(" (", 1)[0]
            found[Path(target).name] = target
        elif arrow:
            target = rest.split(" (", 1)[0].strip()
            found[name] = None if target.startswith("not found") else target
    return found


def owning_package(library: str) -> str | None:
    resolved = str(Path(library).resolve())
    candidates = [library, resolved]
    for path in (library, resolved):
        if path.startswith("/usr/lib/"):
            candidates.append(path.removeprefix("/usr"))
        elif path.startswith("/lib/"):
            candidates.append("/usr" + path)
    for candidate in dict.fromkeys(candidates):
        out = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True, check=False)
        if out.returncode == 0 and out.stdout:
            package = out.stdout.split(":", 1)[0].split(",")[0].strip()
            return package
    return None


@dataclass
class Report:
    packages: dict[str, set[str]] = field(default_factory=dict)  # package -> what needs it
    not_found: dict[str, set[str]] = field(default_factory=dict)  # soname -> what needs it
    unowned: dict[str, set[str]] = field(default_factory=dict)  # path no package owns


def system_needs(start: Iterable[Path], own_dirs: Iterable[Path]) -> Report:
    """Follow `start` through the libraries found in `own_dirs`; report what the system gives."""
    own: dict[str, Path] = {}
    for folder in own_dirs:
        for item in folder.rglob("*.so*"):
            if item.is_file():
                own.setdefault(item.name, item)
    report = Report()
    queue = list(start)
    seen: set[Path] = set()
    resolved_cache: dict[str, str | None] = {}
    while queue:
        current = queue.pop()
        if current in seen:
            continue
        seen.add(current)
        names = needed(current)
        external = [n for n in names if n not in own]
        queue += [own[n] for n in names if n in own]
        if not external:
            continue
        where = ldd(current)
        for name in external:
            target = where.get(name)
            who = current.name
            if target is None:
                report.not_found.setdefault(name, set()).add(who)
                continue
            if target not in resolved_cache:
                resolved_cache[target] = owning_package(target)
            package = resolved_cache[target]
            if package is None:
                report.unowned.setdefault(target, set()).add(who)
            else:
                report.packages.setdefault(package, set()).add(f"{name} ({who})")
    return report


def uncovered(report: Report, listed: set[str]) -> list[str]:
    """Lines describing every need the list does not cover (t64 renames count as the same)."""
    names = {p.removesuffix("t64") for p in listed} | listed
    problems = [
        f"{package} is needed by {', '.join(sorted(who))}"
        for package, who in sorted(report.packages.items())
        if package.split(":")[0].removesuffix("t64") not in names
    ]
    problems += [
        f"{name} is needed by {', '.join(sorted(who))} but not installed here "
        "(run scripts/install-system-deps; if it still is missing, add its package to the list)"
        for name, who in sorted(report.not_found.items())
    ]
    problems += [
        f"{path} (needed by {', '.join(sorted(who))}) belongs to no Debian package"
        for path, who in sorted(report.unowned.items())
    ]
    return problems
