"""The shell commands of README.md, docs/*.md and benchmarks/README.md run as a reader would type them (issue 18),
and the runner itself: see shell_runner.py and its NOT_RUN list."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.docs.doc_blocks import DOCS, SHELLS, all_blocks, commands
from tests.docs.shell_runner import NOT_RUN, pages_with_commands, report, run_page

# Each page is run as a reader would: seconds per page (datacites test, build, new).
pytestmark = pytest.mark.slow

PAGES = pages_with_commands("root")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_the_commands_of_the_page_run(page: Path, tmp_path: Path) -> None:
    outcomes = run_page(page, tmp_path)
    assert not report(outcomes), report(outcomes)


def test_every_command_left_out_is_still_in_the_docs_and_says_why() -> None:
    pages = [*DOCS, REPO / "benchmarks" / "README.md"]
    written = {c.text for b in all_blocks(SHELLS, pages) for c in commands(b)}
    assert not set(NOT_RUN) - written, "NOT_RUN names commands no page has any more"
    assert all(len(why) > 10 for why in NOT_RUN.values())
    assert len(written - set(NOT_RUN)) > 40  # most commands do run


PAGE = """\
# A page

```console
$ datacites validate .
✔ blueprint.yaml est valide (0 avertissement).
$ datacites run .
$ cd nowhere
```

Then:

```sh
datacites governance report examples/recharge -o registre.md
datacites describe examples/does-not-exist
```

```console
$ datacites --lang en validate .
✘ something the command never prints
```
"""


def test_a_failing_command_is_reported_with_its_page_and_line(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    outcomes = run_page(page, tmp_path)
    ran = [o.command.text for o in outcomes]
    assert "datacites run ." not in ran  # in NOT_RUN: it would serve until Ctrl-C
    problems = {o.command.text: (o.command.where, o.problem) for o in outcomes if o.problem}
    assert set(problems) == {
        "cd nowhere",
        "datacites describe examples/does-not-exist",
        "datacites --lang en validate .",
    }
    assert problems["cd nowhere"][0].endswith("page.md:3")
    assert problems["datacites describe examples/does-not-exist"][1].startswith("exit code 1")
    where, problem = problems["datacites --lang en validate ."]
    assert where.endswith("page.md:17")
    assert "does not print what the page shows" in problem
    assert "page.md:3: $ cd nowhere" in report(outcomes)
