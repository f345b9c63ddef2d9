"""Long work shown in the terminal: a rich progress bar per step, on standard error.

Shown only to a person (standard error is a terminal), never in pipes, logs or CI; the
display is transient: once the work is done, only the command's own output remains.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from datacites_proto.i18n import translate
from datacites_proto.i18n.formatting import Formatter
from datacites_proto.progress import Step


class ProgressBar:
    """A `progress.Listener`: each running step is a line with its bar and what is left."""

    def __init__(self, console: Console, lang: str) -> None:
        self.lang = lang
        self.numbers = Formatter(lang)
        self.megabytes = "Mo" if lang == "fr" else "MB"
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[amount]}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self.tasks: dict[int, TaskID] = {}
        self.live = False  # drawn only while a step runs: a server's logs stay untouched

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live:
            self.progress.stop()
            self.live = False

    def describe(self, step: Step) -> str:
        """The step in words, its numbers written the locale's way (« 10 000 000 »)."""
        params: dict[str, Any] = {
            k: self.numbers.number(v) if isinstance(v, int) and not isinstance(v, bool) else v
            for k, v in step.params.items()
        }
        return translate(step.code, self.lang, **params)

    def amount(self, step: Step) -> str:
        """How much is done, of how much: « 12,5 / 40 Mo », « 2/3 »."""
        if step.unit == "bytes":
            done = self.numbers.number(step.done / 1e6, 1)
            if step.total:
                return f"{done} / {self.numbers.number(step.total / 1e6, 1)} {self.megabytes}"
            return f"{done} {self.megabytes}"
        if step.total:
            return f"{self.numbers.number(int(step.done))}/{self.numbers.number(int(step.total))}"
        return ""

    def started(self, step: Step) -> None:
        if not self.live:
            self.progress.start()
            self.live = True
        task = self.progress.add_task(self.describe(step), total=step.total, amount="")
        self.tasks[id(step)] = task

    def advanced(self, step: Step) -> None:
        task = self.tasks.get(id(step))
        if task is not None:
            self.progress.update(task, completed=step.done, amount=self.amount(step))

    def finished(self, step: Step) -> None:
        task = self.tasks.pop(id(step), None)
        if task is not None:
            self.progress.remove_task(task)
        if not self.tasks and self.live:
            self.progress.stop()
            self.live = False
