"""Every code example in README.md and docs/*.md runs.

- ```` ```python ```` blocks of one file run in order, in one namespace, in a
  fresh working folder. A block with ``>>>`` prompts is a doctest: its shown
  output must match (``...`` matches anything). Other blocks must just run.
- ```` ```console ```` blocks are shell sessions: each ``$ command`` runs in
  bash (with the virtual environment's ``bin`` first on ``PATH``), in the same
  folder, and its output (standard output and error, as a terminal interleaves
  them) must be the lines that follow, exactly.

Other blocks (``text``, ``json``, ``yaml``, ``bash``) are shown, not run. A
block that cannot run here (it needs Spark, or a file the reader brings) is
skipped only when the line just before it says so, with the reason:
``<!-- docs-test: skip (needs pyspark and an S3 bucket) -->``.
"""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md")])
BIN = Path(sys.executable).parent

_FENCE = re.compile(
    r"^(?:[ ]*<!-- docs-test: skip\b(?P<skip>[^>]*)-->\n)?"
    r"(?P<indent>[ ]*)```(?P<info>[\w-]*)[^\n]*\n(?P<body>.*?)^(?P=indent)```[ ]*$",
    re.MULTILINE | re.DOTALL,
)


@attrs.frozen
class Block:
    """A fenced code block: its language, its text and the line it starts on."""

    info: str
    text: str
    line: int
    skip: bool = False


def blocks(markdown: str) -> list[Block]:
    """The fenced code blocks of `markdown`, in order (indentation removed)."""
    found = []
    for match in _FENCE.finditer(markdown):
        indent = len(match["indent"])
        text = "".join(line[indent:] for line in match["body"].splitlines(keepends=True))
        line = markdown.count("\n", 0, match.start("indent")) + 1
        if match["skip"] is not None and not match["skip"].strip(" ()"):
            raise AssertionError(
                f"line {line}: a skipped block needs a reason: <!-- docs-test: skip (why) -->"
            )
        found.append(Block(match["info"], text, line, skip=match["skip"] is not None))
    return found


def run_python(page: Path, found: list[Block]) -> dict[str, object]:
    """Run the python blocks of `page` in one namespace (returned); doctest blocks are checked."""
    namespace: dict[str, object] = {"__name__": "__docs__"}
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for block in found:
        where = f"{page.name}, line {block.line}"
        if ">>>" in block.text:
            test = parser.get_doctest(block.text, namespace, where, str(page), block.line)
            test.globs = namespace  # share names with the other blocks (get_doctest copies)
            runner.run(test, clear_globs=False)
        else:
            exec(compile(block.text, where, "exec"), namespace)  # noqa: S102 - running the docs is the test
    results = runner.summarize(verbose=False)
    assert results.failed == 0, (
        f"{results.failed} doctest example(s) failed in {page.name} (see above)"
    )
    return namespace


def sessions(text: str) -> list[tuple[str, str]]:
    """The ``$ command`` lines of a console block, each with the output lines after it."""
    pairs: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("$ "):
            pairs.append((line[2:], []))
        elif pairs:
            pairs[-1][1].append(line)
        else:
            raise AssertionError(f"console output before any command: {line!r}")
    return [(command, "".join(f"{line}\n" for line in output)) for command, output in pairs]


def run_console(page: Path, found: list[Block], folder: Path) -> None:
    """Run every command of the console blocks of `page` and compare its output."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "COLUMNS": "80"}
    for block in found:
        for command, expected in sessions(block.text):
            result = subprocess.run(
                ["/bin/bash", "-c", command],
                cwd=folder,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                encoding="utf-8",
                check=False,
                timeout=120,
            )
            assert result.stdout == expected, f"{page.name}, line {block.line}: $ {command}"


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_page(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The python and console examples of the page run and show their real output."""
    found = blocks(page.read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    run_python(page, [b for b in found if b.info == "python" and not b.skip])
    run_console(page, [b for b in found if b.info == "console" and not b.skip], tmp_path)


class TestHarness:
    def test_blocks(self) -> None:
        """Fenced blocks are found with their language, text and line; indented ones too."""
        text = "intro\n```python\nx = 1\n```\n\n- item\n\n    ```console\n    $ echo hi\n    hi\n    ```\n"
        assert blocks(text) == [
            Block("python", "x = 1\n", 2),
            Block("console", "$ echo hi\nhi\n", 8),
        ]

    def test_skip_marker(self) -> None:
        """A block right after a skip comment with a reason is marked; one without a reason is an error."""
        text = "<!-- docs-test: skip (needs Spark) -->\n```python\nimport pyspark\n```\n"
        assert blocks(text) == [Block("python", "import pyspark\n", 2, skip=True)]
        with pytest.raises(AssertionError, match="line 2: a skipped block needs a reason"):
            blocks("<!-- docs-test: skip -->\n```python\nx\n```\n")

    def test_doctest_failure_is_reported(self, tmp_path: Path) -> None:
        """A doctest block whose output differs fails the page."""
        page = tmp_path / "page.md"
        with pytest.raises(AssertionError, match="1 doctest example"):
            run_python(page, [Block("python", "x = 2\n", 1), Block("python", ">>> x\n3\n", 5)])

    def test_console_mismatch_is_reported(self, tmp_path: Path) -> None:
        """A console command whose output differs fails the page."""
        with pytest.raises(AssertionError, match=r"page.md, line 1: \$ echo hi"):
            run_console(Path("page.md"), [Block("console", "$ echo hi\nbye\n", 1)], tmp_path)

    def test_console_needs_a_command_first(self) -> None:
        """Output lines before any command are a mistake in the page."""
        with pytest.raises(AssertionError, match="before any command"):
            sessions("hi\n$ echo hi\n")

    def test_every_page_is_collected(self) -> None:
        """The README and the pages of this project are among the tested pages."""
        names = {p.name for p in PAGES}
        assert {"README.md", "index.md", "tutorial.md", "cli.md"} <= names
