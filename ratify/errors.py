"""One exception type for every problem a site's author can cause, printed as 'path:line: message'."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable


# Not frozen: Python's exception machinery sets __traceback__ on an exception that passes through a `with` block
# (contextlib does it with a plain assignment), which a frozen dataclass refuses. Hashable all the same: errors
# are gathered in sets, and nothing changes one once it is made.
@dataclass(unsafe_hash=True)
class SiteError(Exception):
    """A mistake in the site's files, located so that a person can go and fix it."""

    message: str
    path: str | None = None  # relative to the site root, as the person sees it
    line: int | None = None  # 1-based; None when the problem is the whole file
    hint: str | None = None  # what to do about it, in plain words

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = where + self.message
        if self.hint:
            text += f"\n    {self.hint}"
        return text

    def __reduce__(self) -> tuple[type, tuple[str, str | None, int | None, str | None]]:
        # An exception pickles as its class and `args`, which a dataclass leaves empty; a SiteError raised in a
        # worker process must come back whole, hint included.
        return (SiteError, (self.message, self.path, self.line, self.hint))

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path or "", self.line or 0, self.message)


class SiteErrors(Exception):
    """Every problem found in one stage, so that a person sees them all at once."""

    def __init__(self, errors: Iterable[SiteError]) -> None:
        self.errors = sorted(set(errors), key=SiteError.sort_key)
        super().__init__("\n".join(str(e) for e in self.errors))

    def __reduce__(self) -> tuple[type, tuple[list[SiteError]]]:
        return (SiteErrors, (self.errors,))


def problems_of(failure: SiteError | SiteErrors) -> list[SiteError]:
    """The located errors a failure carries: itself, or each of the errors it gathered."""
    return failure.errors if isinstance(failure, SiteErrors) else [failure]


def raise_all(errors: list[SiteError]) -> None:
    """Raise the collected errors together, or do nothing when there are none."""
    if errors:
        raise SiteErrors(errors)


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """A hint naming the closest known word, for typos like 'ratifed' or 'titel'."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None


def relative_name(path: Path, root: Path) -> str:
    """The path as the site's author knows it: relative to the site root when it is inside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
