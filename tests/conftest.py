"""Shared test fixtures: where the real official list files are, when they are there."""

from __future__ import annotations

from pathlib import Path

import pytest

#: The real list files, beside the project's root (never copied into it).
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The ../shared/data folder; skips the test, saying why, when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real list files not found at {SHARED_DATA} (../shared/data): skipped")
    return SHARED_DATA
