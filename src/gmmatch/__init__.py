"""gmmatch: link sanctions recommendation lists to official sanctions lists.

The public API is the one of shared/API.md; everything else is internal.
"""

from gmmatch.readers import read_sdn
from gmmatch.records import Problem, ReadError, RecordSet, Source

__version__ = "0.1.0"

__all__ = [
    "Problem",
    "ReadError",
    "RecordSet",
    "Source",
    "read_sdn",
]
