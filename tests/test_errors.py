"""The error model is one list: every code the package raises is documented, and only those."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from helpers import ROOT

import moroccodigital
from moroccodigital.errors import Error, MissingExtra, extra_for

PACKAGE = Path(moroccodigital.__file__).parent


def codes_in_the_package() -> set[str]:
    """Codes written as literals: Problem(..., code), problem(..., code), code=..., class code = ..."""
    found = set()
    for file in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                position = {"Problem": 4, "problem": 3}.get(name)
                starred = any(isinstance(arg, ast.Starred) for arg in node.args)
                if position is not None and (len(node.args) > position or (starred and node.args)):
                    found.add(getattr(node.args[-1], "value", None))
                found |= {getattr(kw.value, "value", None) for kw in node.keywords if kw.arg == "code"}
            if isinstance(node, ast.ClassDef):
                for statement in node.body:
                    targets = getattr(statement, "targets", None) or [getattr(statement, "target", None)]
                    if getattr(targets[0], "id", "") == "code":
                        found.add(getattr(statement.value, "value", None))  # type: ignore[attr-defined]
    return {code for code in found if isinstance(code, str)}


def documented_codes() -> set[str]:
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    return {
        code
        for row in re.findall(r"^\| (`[^|]+`) \|", text, re.M)
        for code in re.findall(r"`([a-z0-9-]+)`", row)
    }


def test_every_code_the_package_raises_is_documented() -> None:
    assert codes_in_the_package() - documented_codes() == set()


def test_every_documented_code_is_raised_somewhere() -> None:
    assert documented_codes() - codes_in_the_package() == set()


def test_an_error_carries_its_code_and_exit_code() -> None:
    err = Error("something", code="quote-not-found")
    assert (str(err), err.code, err.exit_code) == ("something", "quote-not-found", 1)


def test_a_missing_extra_is_named_by_the_package_metadata() -> None:
    assert extra_for("networkx") == "figures"
    assert extra_for("tqdm") == "scan"  # the smallest extra that brings it
    assert extra_for("numpy") is None
    err = MissingExtra("figures", "networkx")
    assert "pip install 'moroccodigital[figures]'" in str(err) and err.exit_code == 3
