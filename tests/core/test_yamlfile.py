"""Reading YAML that may be hostile: every input ends as values or one clear Problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from stretchapp.core import yamlfile
from stretchapp.core.yamlfile import Located, YamlError

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "yaml-test-suite"


def parse(text: str) -> object:
    return yamlfile.parse(text, "f.yaml")


def error_of(text: str) -> str:
    with pytest.raises(YamlError) as caught:
        parse(text)
    return str(caught.value.problem)


def test_values_keep_their_lines() -> None:
    data = parse("a: 1\nb:\n  - x\n  - y\nc: {d: true}\n")
    assert isinstance(data, Located)
    assert data == {"a": 1, "b": ["x", "y"], "c": {"d": True}}
    assert data.line_of("a") == 1
    assert data.line_of("b") == 2
    assert data["b"].line_of(1) == 4
    assert data.line_of("c") == 5


def test_billion_laughs_is_refused_at_once() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    message = error_of(bomb)
    assert message.startswith("f.yaml:1: ")  # where the anchor is
    assert "aliases" in message


def test_scalar_alias_is_refused_too() -> None:
    assert "aliases" in error_of("a: &x hello\nb: *x\n")


def test_duplicate_key_names_both_lines() -> None:
    message = error_of("name: a\nhold: 3\nname: b\n")
    assert message == (
        "f.yaml:3: name: appears twice in one mapping (first on line 1) (each key once)"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("!!python/object/apply:os.system ['echo hi']\n", "is not allowed"),
        ("a: !custom 3\n", "is not allowed"),
        ("a: !!binary aGVsbG8=\n", "binary values are not allowed"),
        ("<<: {a: 1}\n", "merge keys"),
        ("a: 1\n---\nb: 2\n", "more than one YAML document"),
        ("a: [1, 2\n", "not valid YAML"),
        ("? [a, b]\n: 1\n", "a key must be plain text"),
        ("a: " + "[" * 200 + "]" * 200 + "\n", "nested too deeply"),
    ],
)
def test_hostile_yaml_gets_a_clear_message(text: str, expected: str) -> None:
    assert expected in error_of(text)


def test_odd_scalars_do_not_crash() -> None:
    data = parse("a: .nan\nb: 2001-13-45\nc: 0x1F\nd: 1e400\ne: ~\n")
    assert isinstance(data, dict)
    assert data["a"] == ".nan"
    assert data["b"] == "2001-13-45"
    assert data["c"] == "0x1F"  # YAML 1.1 hex is kept as written (issue 12)
    assert data["d"] == "1e400"
    assert data["e"] is None


def test_huge_integer_is_kept_as_text_not_a_crash() -> None:
    value = parse("a: " + "9" * 5000 + "\n")["a"]
    assert isinstance(value, yamlfile.NumberText)
    assert yamlfile.number_problem(value) == "out of range"


def test_file_too_large_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (yamlfile.MAX_FILE_BYTES + 10))
    with pytest.raises(YamlError) as caught:
        yamlfile.load(big)
    assert "at most 1,048,576 bytes" in str(caught.value)


def test_not_utf8(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"a: 1\nb: \xff\xfe\n")
    with pytest.raises(YamlError) as caught:
        yamlfile.load(bad)
    assert str(caught.value) == f"{bad}:2: is not UTF-8 text (save it as UTF-8)"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(YamlError) as caught:
        yamlfile.load(tmp_path / "nope.yaml")
    assert "cannot be read" in str(caught.value)


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.yaml")) if CORPUS.is_dir() else []


@pytest.mark.skipif(
    not corpus_files(), reason="shared/corpus/yaml-test-suite is not beside the repo"
)
def test_whole_yaml_test_suite_loads_or_fails_cleanly() -> None:
    loaded = failed = 0
    for path in corpus_files():
        try:
            yamlfile.load(path)
            loaded += 1
        except YamlError as exc:
            assert str(exc).startswith(str(path))
            failed += 1
    assert loaded + failed == len(corpus_files())
    assert loaded > 50 and failed > 50  # the corpus has plenty of both
