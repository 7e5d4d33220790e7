"""gmmatch: link sanctions recommendation lists to official sanctions lists.

The public API is the one of shared/API.md (readers, link, compare, train, parse_dob,
country_code, DEFAULT_THRESHOLD); `gmmatch.normalize` is public in its own right.
"""

from gmmatch import normalize
from gmmatch.fetch import fetch_list
from gmmatch.link import DEFAULT_THRESHOLD, LinkResult, PairScore, compare, link, train
from gmmatch.model import Model
from gmmatch.normalize import PartialDate, country_code, parse_dob
from gmmatch.readers import read_any, read_canada, read_records, read_sdn, read_un
from gmmatch.records import Problem, ReadError, RecordSet, Source
from gmmatch.report import designation_history, fiscal_year, load_designations

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_THRESHOLD",
    "LinkResult",
    "Model",
    "PairScore",
    "PartialDate",
    "Problem",
    "ReadError",
    "RecordSet",
    "Source",
    "compare",
    "country_code",
    "designation_history",
    "fetch_list",
    "fiscal_year",
    "link",
    "load_designations",
    "normalize",
    "parse_dob",
    "read_any",
    "read_canada",
    "read_records",
    "read_sdn",
    "read_un",
    "train",
]
