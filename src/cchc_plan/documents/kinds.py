"""The kinds of document `cchc report` writes, listed once."""

from __future__ import annotations

from enum import StrEnum


class ReportKind(StrEnum):
    """A kind of document; its value names its template (`bao-cao` → `bao-cao.md.j2`)."""

    bao_cao = "bao-cao"  # the progress report
    phu_luc = "phu-luc"  # the plan's appendix
    don_vi = "don-vi"  # one unit's sheet

    @property
    def needs_unit(self) -> bool:
        """Whether the document is about one unit, named with --unit."""
        return self is ReportKind.don_vi


class Audience(StrEnum):
    """Whom a progress report is written to; it sets the header, the addressee, the
    signer and what the report may name."""

    lanh_dao = "lanh-dao"  # the office to the head of the body
    cap_tren = "cap-tren"  # the body to the province
