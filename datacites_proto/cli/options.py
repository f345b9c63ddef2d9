"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of the screen.")
]
BuiltinOption = Annotated[
    bool, typer.Option("--builtin", help="Only this package's components, not plugins'.")
]
