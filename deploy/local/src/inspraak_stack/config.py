"""Where the stack keeps its files and which ports it uses.

Everything is read from the environment at call time (not import time) so tests can
monkeypatch variables and so `inspraak-stack env` output can be fed back in.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_PREFIX = "INSPRAAK_STACK_"


def env(name: str, default: str | None = None) -> str | None:
    """Value of ``INSPRAAK_STACK_<name>``; empty strings count as unset."""
    value = os.environ.get(ENV_PREFIX + name, "").strip()
    return value or default


def env_int(name: str, default: int) -> int:
    value = env(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ValueError(f"{ENV_PREFIX}{name} must be an integer, got {value!r}") from exc


def repo_root() -> Path:
    """The workspace root: the nearest dir with `.git`, else the topmost `pyproject.toml`.

    Walking up from this file (not the cwd) makes `make`, `pytest` and the CLI agree on
    one state dir no matter where they are started from.
    """
    topmost_pyproject: Path | None = None
    for parent in Path(__file__).resolve().parents:
        if (parent / ".git").exists():
            return parent
        if (parent / "pyproject.toml").is_file():
            topmost_pyproject = parent
    return topmost_pyproject or Path.cwd()


def state_dir() -> Path:
    configured = env("DIR")
    return Path(configured).expanduser().resolve() if configured else repo_root() / ".stack"


def _subdir(*parts: str) -> Path:
    path = state_dir().joinpath(*parts)
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_path(name: str) -> Path:
    return _subdir("logs") / f"{name}.log"


def pid_path(name: str) -> Path:
    return _subdir("pids") / f"{name}.pid"


def lock_path(name: str) -> Path:
    return _subdir("locks") / f"{name}.lock"


def data_dir(name: str) -> Path:
    return _subdir("data", name)


def downloads_dir() -> Path:
    return _subdir("downloads")
