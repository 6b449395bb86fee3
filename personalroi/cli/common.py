"""What every command shares: error handling, output options and atomic writes."""

from __future__ import annotations

import functools
import os
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from personalroi.errors import DataError, PersonalroiError
from personalroi.i18n import Lang, from_locale
from personalroi.report.formats import DocumentFormat, Format

if TYPE_CHECKING:
    from personalroi.config.model import Config

F = TypeVar("F", bound=Callable[..., Any])
# A command's JSON document (a TypedDict of personalroi.document, or the like).
Document = TypeVar("Document", bound=Mapping[str, object])

EXIT_OK, EXIT_GATE, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
FILE_WIDTH = 140  # columns of a table written to a file or a pipe
# Seconds to pause halfway through writing --output; only the kill tests set it.
SLOW_WRITE_ENV = "PERSONALROI_TEST_SLOW_WRITE"

FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
DocumentFormatOption = Annotated[
    DocumentFormat, typer.Option("--format", "-f", help="Output format.")
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="YAML config (default: the bundled example)."),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write the result to this file (atomically)."),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or notes on stderr.")]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="No colour (NO_COLOR is honoured).")
]
LangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        case_sensitive=False,
        help="Report language: en, de or sv (default: from LC_ALL/LC_MESSAGES/LANG, else en). "
        "JSON keys and CSV headers stay English.",
        show_default=False,
    ),
]


def report_language(lang: Lang | None) -> Lang:
    """--lang, else the locale's language when personalroi speaks it, else English."""
    return lang if lang is not None else from_locale()


def _check_memory_limit(value: str | None) -> str | None:
    if value is not None:
        from personalroi.data.memory import parse_size

        try:
            parse_size(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
    return value


MemoryLimitOption = Annotated[
    str | None,
    typer.Option(
        "--memory-limit",
        metavar="SIZE",
        callback=_check_memory_limit,
        help="Memory DuckDB may use before it spills to disk, e.g. 1GB or 850MB "
        "(default: $PERSONALROI_MEMORY_LIMIT, else half of this machine's memory, "
        "at least 512MB).",
    ),
]


def user_errors(func: F) -> F:
    """Turn user-caused errors into one stderr paragraph and exit code 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PersonalroiError as exc:
            typer.echo(f"personalroi: error: {exc}", err=True)
            raise typer.Exit(EXIT_USAGE) from None
        except (typer.Exit, typer.Abort, typer.BadParameter, KeyboardInterrupt):
            # Click reports its own usage errors (exit 2) and exits.
            raise
        except MemoryError:
            typer.echo("personalroi: error: out of memory reading the input.", err=True)
            raise typer.Exit(EXIT_USAGE) from None
        except Exception as exc:  # a bug, not the user's fault: say so, briefly
            if type(exc).__name__ == "OutOfMemoryException":
                # DuckDB's, from a query no duckdb_errors block wraps: the limit's fault.
                # Matched by name, not class: importing duckdb here would slow every command.
                from personalroi.data.progress import out_of_memory

                typer.echo(f"personalroi: error: {out_of_memory(str(exc))}", err=True)
                raise typer.Exit(EXIT_USAGE) from None
            if os.environ.get("PERSONALROI_DEBUG"):
                raise
            typer.echo(
                f"personalroi: internal error: {type(exc).__name__}: {exc}. "
                "Please report it with the command you ran (PERSONALROI_DEBUG=1 shows details).",
                err=True,
            )
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper  # type: ignore[return-value]


def memory_limited(func: F) -> F:
    """Run a command with its `memory_limit` option (--memory-limit) as DuckDB's limit.

    A decorator rather than a `with` block in each command: the limit holds for every
    connection the command opens, and is reset afterwards (tests invoke many commands
    in one process).
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from personalroi.data.memory import parse_size
        from personalroi.data.progress import LIMIT

        value = kwargs.get("memory_limit")
        token = LIMIT.set(None if value is None else parse_size(value))
        try:
            return func(*args, **kwargs)
        except Exception as exc:
            if type(exc).__name__ != "OutOfMemoryException":  # see user_errors
                raise
            # Said here, while the limit the message names is still the command's own.
            from personalroi.data.progress import out_of_memory

            raise DataError(out_of_memory(str(exc))) from None
        finally:
            LIMIT.reset(token)

    return wrapper  # type: ignore[return-value]


def bundled_config() -> Path:
    """configs/example.yaml: inside the installed package, or in the source checkout."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (
        here / "_bundled" / "configs" / "example.yaml",
        here.parent / "configs" / "example.yaml",
    ):
        if candidate.is_file():
            return candidate
    raise PersonalroiError("the bundled example config is missing; pass --config PATH.")


def write_atomic(path: Path, text: str) -> None:
    """Write to a temp file in the same folder, fsync, then rename over `path`.

    A failed or killed run leaves any existing file untouched.
    """
    path = path.expanduser()
    try:
        folder = path.resolve().parent
    except (OSError, RuntimeError):  # a symlink loop
        raise PersonalroiError(f"{path}: cannot write: a symbolic link loop.") from None
    if not folder.is_dir():
        raise PersonalroiError(f"{path}: folder {folder} does not exist.")
    if path.is_dir():
        raise PersonalroiError(f"{path}: is a folder; give a file name for --output.")
    try:
        _write_atomic(path, folder, text)
    except OSError as exc:
        # A full disk, a read-only or special folder (/proc), no permission: the user's to fix.
        reason = exc.strerror or str(exc)
        raise PersonalroiError(
            f"{path}: cannot write: {reason}. Nothing was written; choose another --output."
        ) from None


def _write_atomic(path: Path, folder: Path, text: str) -> None:
    if path.exists() and not path.is_file():
        # /dev/null, a FIFO, /dev/stdout: renaming over them would replace the device itself.
        with path.open("w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        # mkstemp creates 0600; give the file the mode a plain open() would (or the old one's).
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            delay = float(os.environ.get(SLOW_WRITE_ENV) or 0)
            if delay > 0:  # tests kill a run mid-write: half the text, a pause, the rest
                fh.write(text[: len(text) // 2])
                fh.flush()
                time.sleep(delay)
                text = text[len(text) // 2 :]
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def exit_cleanly_on_sigterm() -> None:
    """Make SIGTERM (a CI timeout, `kill`) unwind like Ctrl-C, so temp files are removed.

    The default action ends the process on the spot and leaves a half-written
    temp file next to the output; SystemExit runs `write_atomic`'s cleanup.
    """

    def handler(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, handler)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def emit(rendered: Any, output: Path | None, no_color: bool) -> None:
    """Send a rendered result to --output (atomically) or stdout."""
    if output is not None:
        write_atomic(output, rendered if isinstance(rendered, str) else _plain(rendered))
        return
    try:
        _to_stdout(rendered, no_color)
    except (OSError, ValueError) as exc:  # ValueError: a closed sys.stdout
        _silence_stdout()
        reason = getattr(exc, "strerror", None) or "it is closed"
        raise PersonalroiError(
            f"<stdout>: cannot write the result: {reason}. Use -o FILE to write it to a file."
        ) from None


def _plain(rendered: Any) -> str:
    """A rich renderable as plain text as wide as it needs (at least FILE_WIDTH)."""
    import io

    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=_wide_enough(rendered), no_color=True, color_system=None).print(
        rendered
    )
    return buffer.getvalue()


def _wide_enough(rendered: Any) -> int:
    """FILE_WIDTH, or wider when the table needs it: its minimum width fits the longest
    word or figure of every column; narrower, rich would cut figures ('62,…'). A file
    or a pipe has no edge to respect, but long text still wraps at FILE_WIDTH."""
    from rich.console import Console
    from rich.measure import Measurement

    probe = Console(width=10_000, no_color=True, color_system=None)
    try:
        needed = Measurement.get(probe, probe.options, rendered).minimum
    except Exception:  # not measurable (plain text): the default width
        return FILE_WIDTH
    return max(FILE_WIDTH, min(needed, 1_000))


def _to_stdout(rendered: Any, no_color: bool) -> None:
    if sys.stdout is None:
        raise ValueError("closed")
    if isinstance(rendered, str):
        sys.stdout.write(rendered)
        sys.stdout.flush()
        return
    from rich.console import Console

    # A pipe or a cron log has no width: rich would assume 80 columns and cut figures
    # (COLUMNS, when set, still decides).
    terminal = sys.stdout.isatty()
    width = None if terminal or os.environ.get("COLUMNS") else _wide_enough(rendered)
    Console(no_color=no_color or None, soft_wrap=False, width=width).print(rendered)
    sys.stdout.flush()


def _silence_stdout() -> None:
    """After a failed write, point stdout at /dev/null: Python's own flush at exit would
    fail again and print a second, unlocated message."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def refuse_inputs(output: Path | None, inputs: Iterable[Path]) -> None:
    """--output must not name a file the command reads: the report would replace it."""
    if output is None:
        return
    target = output.expanduser()
    for source in inputs:
        if _same_file(target, source):
            raise PersonalroiError(
                f"{output}: --output names {source}, which this command reads; "
                "nothing was written. Choose another file name."
            )


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
        return a.resolve() == b.expanduser().resolve()
    except (OSError, RuntimeError):
        return False


def config_inputs(config_path: Path, cfg: Any) -> list[Path]:
    """The config file and every data file it names (an engine's tables are no files)."""
    from personalroi.data.inputs import input_files
    from personalroi.plan.compile import compile_plan

    return [config_path, *input_files(compile_plan(cfg))]


def section_config(
    config: Path | None, output: Path | None, section: str, example: str
) -> tuple[Path, Config]:
    """A one-section command's config (the bundled one without --config): loaded, its files
    kept from --output, and refused (exit 2) without `section`, with an `example` of one."""
    from personalroi.config import load_config
    from personalroi.errors import ConfigError

    path = Path(config or bundled_config())
    cfg = load_config(path)
    refuse_inputs(output, config_inputs(path, cfg))
    if getattr(cfg, section) is None:
        raise ConfigError(f"{path}: no {section} section; add one, e.g.\n{example}")
    return path, cfg


def emit_document(
    doc: Document,
    format: DocumentFormat,
    renderers: Mapping[DocumentFormat, Callable[[Document], Any]],
    output: Path | None,
    no_color: bool,
    lang: Lang = Lang.en,
) -> None:
    """A command's JSON document as JSON, or through the command's renderer for `format`
    (table and markdown in `lang`; JSON and CSV stay English)."""
    from personalroi.i18n import using
    from personalroi.report.json_format import render_json

    if format is DocumentFormat.json:
        emit(render_json(doc), output, no_color)
        return
    human = format in (DocumentFormat.table, DocumentFormat.markdown)
    with using(lang if human else Lang.en):
        emit(renderers[format](doc), output, no_color)


def note(message: str, quiet: bool) -> None:
    """A diagnostic line on stderr, unless --quiet."""
    if not quiet:
        typer.echo(message, err=True)
