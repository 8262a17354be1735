"""The layering the README promises, checked on the code itself."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The modules of the extraction package that load no spaCy; the apps may import only these.
LIGHT_EXTRACTION_MODULES = {
    "extraction",
    "extraction.config",
    "extraction.furniture",
    "extraction.normalize",
    "extraction.output",
    "extraction.types",
    "extraction.version",
}


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_loading_the_urlconf_imports_no_spacy():
    code = (
        "import sys, django; django.setup(); import conflict_tracker.urls; "
        "print(sorted(m for m in ('spacy', 'thinc', 'extraction.extractor') if m in sys.modules))"
    )
    env = {"DJANGO_SETTINGS_MODULE": "conflict_tracker.settings", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]", result.stdout + result.stderr


def test_extraction_imports_no_django_and_no_app():
    for path in (ROOT / "extraction").rglob("*.py"):
        if "tests" in path.relative_to(ROOT).parts:
            continue
        for module in _imported_modules(path):
            top = module.split(".")[0]
            assert top not in {"django", "rest_framework", "articles", "entities"}, (path, module)


def test_the_apps_import_only_the_light_extraction_modules_at_module_level():
    """spaCy-backed modules are imported inside the functions that extract, never at import."""
    for app in ("articles", "entities", "conflict_tracker"):
        for path in (ROOT / app).rglob("*.py"):
            if "tests" in path.relative_to(ROOT).parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in tree.body:
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "extraction"
                ):
                    assert node.module in LIGHT_EXTRACTION_MODULES, (path, node.module)


def test_article_and_mention_each_name_one_class():
    """`Article` and `Mention` are the Django models; the extractor's parse of a text and the
    names it finds have names of their own (`Document`, `NameMention`)."""
    defined: dict[str, list[str]] = {"Article": [], "Mention": []}
    for package in ("articles", "entities", "extraction", "conflict_tracker", "bench"):
        for path in (ROOT / package).rglob("*.py"):
            if {"tests", "migrations"} & set(path.relative_to(ROOT).parts):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ClassDef) and node.name.strip("_") in defined:
                    defined[node.name.strip("_")].append(str(path.relative_to(ROOT)))
    assert defined == {"Article": ["articles/models.py"], "Mention": ["entities/models.py"]}
