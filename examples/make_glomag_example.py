"""Write examples/glomag/: five dated snapshots of a tiny list in OFAC's legacy CSV format.

Run from the repository root: `python examples/make_glomag_example.py`. The files it writes are
committed; this script says how they were made and keeps the snapshots consistent when an entry
is added. See examples/README.md for what is public and what is invented.

No line here is copied from an official file: each row is written from the facts below.
Public entries carry only facts published in OFAC's press releases of their designation
(name, date of birth, nationality, gender); their ids (95001...) are not OFAC's ent_nums.
"""

from __future__ import annotations

from pathlib import Path

FICTIONAL = "Fictional entry written for gmmatch examples."
EMPTY = "-0- "

# id: (name, SDN type, remarks)
ENTRIES = {
    # public: Global Magnitsky designations of 2017-12-21 and 2018-11-15, and two Zimbabwean
    # officials moved from the ZIMBABWE program to GLOMAG on 2024-03-04
    "95001": ("JAMMEH, Yahya", "individual",
              "DOB 25 May 1965; nationality The Gambia; Gender Male."),
    "95002": ("KARIMOVA, Gulnara", "individual",
              "DOB 08 Jul 1972; nationality Uzbekistan; Gender Female."),
    "95003": ("GERTLER, Dan", "individual",
              "DOB 23 Dec 1973; nationality Israel; Gender Male."),
    "95004": ("AL-QAHTANI, Saud", "individual",
              "DOB 07 Jul 1978; nationality Saudi Arabia; Gender Male."),
    "95005": ("MUTREB, Maher Abdulaziz M.", "individual",
              "DOB 23 May 1971; nationality Saudi Arabia; Gender Male."),
    "95006": ("MNANGAGWA, Emmerson Dambudzo", "individual",
              "DOB 15 Sep 1942; alt. DOB 15 Sep 1946; nationality Zimbabwe; Gender Male."),
    "95007": ("CHIWENGA, Constantino Guveya", "individual",
              "DOB 25 Aug 1956; nationality Zimbabwe; Gender Male."),
    # invented
    "90001": ("EXAMPLOV, Ivan Petrovich", "individual",
              f"DOB 12 Mar 1961; nationality Russia; Gender Male; {FICTIONAL}"),
    "90002": ("FICTIVO TRADING LLC", "", f"Linked To: EXAMPLOV, Ivan Petrovich; {FICTIONAL}"),
    "90004": ("SAMPLE-GARCIA, Maria Elena", "individual",
              f"DOB 1962 to 1965; citizen Nicaragua; Gender Female; {FICTIONAL}"),
    "90005": ("EXAMPLE STAR", "vessel", f"Vessel Registration Identification IMO 9000001; "
              f"{FICTIONAL}"),
    "90006": ("EX-AMP", "aircraft", f"Aircraft Manufacturer's Serial Number (MSN) 001; "
              f"{FICTIONAL}"),
    "90008": ("KIM, Example Chol", "individual",
              f"DOB Sep 1975; nationality Korea, North; Gender Male; {FICTIONAL}"),
    "90010": ("INVENTADO RIVAS, Carlos", "individual",
              f"DOB 1958; nationality Nicaragua; Gender Male; {FICTIONAL}"),
    "90011": ("FICTIONAL SECURITY SERVICES", "", f"{FICTIONAL}"),
    "90012": ("NOMBRE-FALSO, Diego", "individual",
              f"DOB 03 Feb 1977; nationality Honduras; Gender Male; {FICTIONAL}"),
}

# snapshot date: {id: programs}
SNAPSHOTS = {
    "2017-12-20": {"90001": "GLOMAG", "90006": "SDGT", "90008": "DPRK3",
                   "95006": "ZIMBABWE", "95007": "ZIMBABWE"},
}
SNAPSHOTS["2018-09-28"] = SNAPSHOTS["2017-12-20"] | {
    "95001": "GLOMAG", "95002": "GLOMAG", "95003": "GLOMAG", "90010": "GLOMAG", "90011": "GLOMAG"}
SNAPSHOTS["2018-11-30"] = SNAPSHOTS["2018-09-28"] | {"95004": "GLOMAG", "95005": "GLOMAG"}
SNAPSHOTS["2023-10-02"] = SNAPSHOTS["2018-11-30"] | {"90004": "GLOMAG] [NICARAGUA"}
SNAPSHOTS["2024-05-03"] = SNAPSHOTS["2023-10-02"] | {
    "90002": "GLOMAG] [RUSSIA-EO14024", "90005": "GLOMAG", "90012": "GLOMAG",
    "95006": "GLOMAG", "95007": "GLOMAG"}


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def sdn_line(list_id: str, programs: str) -> str:
    """One SDN.CSV row: ent_num, name, type, program, then eight empty fields and remarks."""
    name, kind, remarks = ENTRIES[list_id]
    cells = [list_id, _quote(name), _quote(kind) if kind else EMPTY, _quote(programs)]
    cells += [EMPTY] * 7 + [_quote(remarks)]
    return ",".join(cells)


ROOT = Path(__file__).resolve().parent / "glomag"


def main(root: Path = ROOT) -> None:
    for day, listed in SNAPSHOTS.items():
        folder = root / day
        folder.mkdir(parents=True, exist_ok=True)
        lines = [sdn_line(i, listed[i]) for i in sorted(listed)]
        (folder / "SDN.CSV").write_bytes(("\r\n".join(lines) + "\r\n").encode("ascii") + b"\x1a")


if __name__ == "__main__":
    main()
