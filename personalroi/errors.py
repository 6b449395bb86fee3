"""Exceptions a user can cause. Each carries the context needed to fix the input.

Only the CLI turns them into a one-paragraph message and exit code 2.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class PersonalroiError(Exception):
    """Base of every error caused by the user's input (exit code 2)."""


class ConfigError(PersonalroiError):
    """The YAML config is unreadable or invalid."""


class DataError(PersonalroiError):
    """A data file is missing, unreadable or inconsistent with the config."""


class ResultError(PersonalroiError):
    """A saved JSON result cannot be read back."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ' (did you mean "x"?)' for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""
