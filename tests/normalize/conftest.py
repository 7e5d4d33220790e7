from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def data_dir(shared_data: Path) -> Path:
    """The real list files (the project-wide `shared_data` fixture: skips when absent)."""
    return shared_data
