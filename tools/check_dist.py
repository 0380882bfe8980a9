"""Check the built sdist and wheel: metadata, what they hold and what they must not hold.

Run by ``make dist`` (and so by CI) after ``python -m build``:

    python tools/check_dist.py dist

Exits 1, listing every problem, when a check fails. ``twine check --strict``
has already checked that the metadata renders; this checks what only this
project knows: the version, the two runtime dependencies, the data files, the
typing marker, the console script, and that no test or cache file is shipped.
"""

from __future__ import annotations

import re
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WHEEL_MUST_HOLD = (
    "diplo_events/__init__.py",
    "diplo_events/py.typed",
    "diplo_events/reference/article.txt",
    "diplo_events/reference/reference.json",
    "diplo_events/codes/_cameo_table.py",
    "diplo_events/codes/_plover_table.py",
    "diplo_events/report/report.css",
    "diplo_events/report/report.html",
    "diplo_events/report/report.js",
)
SDIST_MUST_HOLD = (
    "pyproject.toml",
    "README.md",
    "CHANGELOG.md",
    "LICENSE",
    "Makefile",
    "mkdocs.yml",
)
SDIST_MUST_HOLD_DIRS = ("src/diplo_events/", "tests/", "docs/", "examples/")
NEVER = re.compile(
    r"(__pycache__|\.pyc$|\.pytest_cache|\.mypy_cache|\.ruff_cache|/\.venv/|\.coverage)"
)
RUNTIME = ["attrs", "python-dateutil"]


def _version() -> str:
    text = (ROOT / "src" / "diplo_events" / "_version.py").read_text(encoding="utf-8")
    found = re.search(r'__version__\s*=\s*"([^"]+)"', text)
    if found is None:
        sys.exit("tools/check_dist.py: no __version__ in src/diplo_events/_version.py")
    return found.group(1)


def check_wheel(path: Path, version: str) -> list[str]:
    """The problems of one wheel."""
    problems = []
    with zipfile.ZipFile(path) as whl:
        names = whl.namelist()
        info = f"diplo_events-{version}.dist-info"
        meta = Parser().parsestr(whl.read(f"{info}/METADATA").decode("utf-8"))
        entry_points = whl.read(f"{info}/entry_points.txt").decode("utf-8")
    problems += [f"{path.name}: missing {name}" for name in WHEEL_MUST_HOLD if name not in names]
    problems += [f"{path.name}: ships {name}" for name in names if NEVER.search(name)]
    outside = sorted({n.split("/")[0] for n in names} - {"diplo_events", info})
    problems += [f"{path.name}: ships a top-level {name!r}" for name in outside]
    if meta["Version"] != version:
        problems.append(f"{path.name}: version {meta['Version']} is not _version.py's {version}")
    runtime = sorted(
        re.split(r"[<>=!~;\[ ]", req, maxsplit=1)[0]
        for req in meta.get_all("Requires-Dist") or []
        if "extra ==" not in req
    )
    if runtime != RUNTIME:
        problems.append(f"{path.name}: runtime dependencies {runtime}, want {RUNTIME}")
    if meta["Requires-Python"] != ">=3.10":
        problems.append(f"{path.name}: Requires-Python is {meta['Requires-Python']!r}")
    if "diplo-events = diplo_events.cli:main" not in entry_points:
        problems.append(f"{path.name}: no diplo-events console script")
    return problems


def check_sdist(path: Path, version: str) -> list[str]:
    """The problems of one sdist."""
    top = f"diplo_events-{version}/"
    with tarfile.open(path) as sdist:
        names = [n.removeprefix(top) for n in sdist.getnames()]
    problems = [f"{path.name}: missing {name}" for name in SDIST_MUST_HOLD if name not in names]
    problems += [
        f"{path.name}: no {folder}"
        for folder in SDIST_MUST_HOLD_DIRS
        if not any(n.startswith(folder) for n in names)
    ]
    problems += [f"{path.name}: ships {name}" for name in names if NEVER.search(name)]
    return problems


def main(folder: str) -> int:
    """Check the one wheel and one sdist in `folder`; print problems; return the exit code."""
    version = _version()
    wheels = sorted(Path(folder).glob("*.whl"))
    sdists = sorted(Path(folder).glob("*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        print(f"check_dist: want one wheel and one sdist in {folder}, got {wheels + sdists}")
        return 1
    problems = check_wheel(wheels[0], version) + check_sdist(sdists[0], version)
    for problem in problems:
        print(f"check_dist: {problem}")
    if not problems:
        print(f"check_dist: {wheels[0].name} and {sdists[0].name} hold what they should")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "dist"))
