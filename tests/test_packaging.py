"""What a non-editable install holds: every package and every data file the code reads."""
from __future__ import annotations

import fnmatch
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

ROOT = Path(__file__).resolve().parent.parent


def _setuptools() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def _directory(package: str, package_dir: dict) -> Path:
    """Where a dotted package lives, following package-dir (kg.loaders -> loaders/)."""
    for prefix in sorted(package_dir, key=len, reverse=True):
        if package == prefix or package.startswith(prefix + "."):
            rest = package[len(prefix):].lstrip(".").replace(".", "/")
            return ROOT / package_dir[prefix] / rest
    return ROOT / package.replace(".", "/")


def test_every_package_directory_is_listed():
    config = _setuptools()
    listed = set(config["packages"])
    for package in listed:
        assert (_directory(package, config["package-dir"]) / "__init__.py").is_file(), package
    for init in (ROOT / "kg").rglob("__init__.py"):
        dotted = ".".join(init.parent.relative_to(ROOT).parts)
        assert dotted in listed, f"{dotted} is a package but not in pyproject.toml: pip install . would leave it out"


def test_every_data_file_is_package_data():
    config = _setuptools()
    globs = config["package-data"]["kg"]
    for path in (ROOT / "kg" / "data").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            relative = path.relative_to(ROOT / "kg").as_posix()
            assert any(fnmatch.fnmatch(relative, g) for g in globs), f"{relative} would not be installed"
