"""Readers: one module per source format, each returning a canonical RecordSet."""

from gmmatch.readers.ofac_csv import read_sdn

__all__ = ["read_sdn"]
