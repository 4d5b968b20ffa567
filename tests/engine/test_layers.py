"""The engine's shape, checked on its import graph (grimp, import-linter's graph builder): no module of the engine
imports, directly or through others, a module that imports it back — lazy imports inside functions included —
and the layers' order holds. `lint-imports` checks the same contracts from pyproject.toml in CI."""
from pathlib import Path

import grimp
import pytest

import tensordesk.engine


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("tensordesk", include_external_packages=True)


def _engine_modules(graph) -> set[str]:
    return {m for m in graph.modules if m.startswith("tensordesk.engine.")}


def _cycles(graph, modules: set[str]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each a list of module names."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.find_modules_directly_imported_by(v) & modules:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for m in sorted(modules):
        if m not in index:
            visit(m)
    return found


def test_no_import_circle_between_engine_modules(graph):
    modules = _engine_modules(graph) - {"tensordesk.engine"}
    assert len(modules) > 40
    assert _cycles(graph, modules) == []


def test_the_cycle_finder_sees_a_circle():
    class Fake:
        edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}

        def find_modules_directly_imported_by(self, m):
            return set(self.edges.get(m, ()))

    assert _cycles(Fake(), {"a", "b", "c", "d"}) == [["a", "b", "c"]]


def _layers_contract() -> list[str]:
    """The layers of pyproject.toml's import-linter contract, top first."""
    tomllib = pytest.importorskip("tomllib")
    config = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    (layers,) = [c["layers"] for c in contracts if c["type"] == "layers" and c["containers"] == ["tensordesk.engine"]]
    return layers


def test_every_engine_package_has_a_layer_and_imports_only_below_it(graph):
    rank = {name.strip(): i for i, layer in enumerate(_layers_contract()) for name in layer.split("|")}
    engine = Path(tensordesk.engine.__file__).parent
    assert set(rank) == {p.name for p in engine.iterdir() if (p / "__init__.py").is_file()}
    assert {p.name for p in engine.glob("*.py")} == {"__init__.py"}   # every module lives in a layer's package
    upward = []
    for m in _engine_modules(graph):
        layer = m.split(".")[2]
        for target in graph.find_modules_directly_imported_by(m):
            parts = target.split(".")
            if target.startswith("tensordesk.engine.") and parts[2] != layer and rank[parts[2]] <= rank[layer]:
                upward.append(f"{m} -> {target}")
    assert upward == []


def test_the_engine_imports_no_qt_and_no_window(graph):
    for m in _engine_modules(graph):
        imported = graph.find_modules_directly_imported_by(m)
        assert not {t for t in imported if t.split(".")[0] in ("PySide6", "pyqtgraph")
                    or t.startswith("tensordesk.gui")}, m
