"""Long work shown in the terminal: a rich progress bar per step, on standard error.

Shown only to a person (standard error is a terminal), never in pipes, logs or CI; the
display is transient: once the work is done, only the command's own output remains.
"""

from __future__ import annotations

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

from datacites_proto.i18n.progress_words import step_amount, step_words
from datacites_proto.progress import Step


class ProgressBar:
    """A `progress.Listener`: each running step is a line with its bar and what is left."""

    def __init__(self, console: Console, lang: str) -> None:
        self.lang = lang
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
        return step_words(step.code, step.params, self.lang)

    def amount(self, step: Step) -> str:
        """How much is done, of how much: « 12,5 / 40 Mo », « 2/3 »."""
        return step_amount(step.done, step.total, step.unit, self.lang)

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
