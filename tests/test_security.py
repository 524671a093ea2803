"""No code path evaluates data: safe YAML only, no eval/exec/pickle, no shell strings."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from helpers import ROOT

SOURCES = sorted((ROOT / "moroccodigital").rglob("*.py"))
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_MODULES = {"pickle", "marshal", "shelve", "dill", "cloudpickle"}
SAFE_LOADERS = {"SafeLoader", "CSafeLoader", "_LOADER"}


def _calls(tree: ast.AST) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_no_module_evaluates_unpickles_or_shells_out(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] + (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
            )
            assert not {n.split(".")[0] for n in names} & FORBIDDEN_MODULES, f"{path.name}:{node.lineno}"
    for call in _calls(tree):
        if isinstance(call.func, ast.Name):
            assert call.func.id not in FORBIDDEN_CALLS, f"{path.name}:{call.lineno}"
        for keyword in call.keywords:
            if keyword.arg == "shell":
                assert isinstance(keyword.value, ast.Constant) and keyword.value.value is False, (
                    f"{path.name}:{call.lineno}"
                )
        if isinstance(call.func, ast.Attribute) and call.func.attr in {"unsafe_load", "full_load"}:
            pytest.fail(f"{path.name}:{call.lineno} uses yaml.{call.func.attr}")


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_yaml_is_loaded_only_with_a_safe_loader(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for call in _calls(tree):
        func = call.func
        if (
            isinstance(func, ast.Attribute)
            and func.attr in {"load", "load_all", "parse", "compose"}
            and (isinstance(func.value, ast.Name) and func.value.id == "yaml")
        ):
            loader = next((k.value for k in call.keywords if k.arg == "Loader"), None)
            name = loader.attr if isinstance(loader, ast.Attribute) else getattr(loader, "id", None)
            assert name in SAFE_LOADERS, f"{path.name}:{call.lineno} loads YAML with {name}"
