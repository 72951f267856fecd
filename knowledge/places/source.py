"""The administrative units as shipped by `vietnamadminunits` (MIT), read offline.

Two tables of its bundled SQLite (`admin_units`: 34 provinces / 3,321 communes
since 1 July 2025; `admin_units_legacy`: 63 / 10,040 before; the same tables its
`database.get_data` serves) and its converter table (`converter_2025.json`) for
the old-to-new links. The files are read in place, without importing the
package (its import parses 3 MB of parser data): every link in milliseconds,
where calling `convert_address` 10,040 times takes seconds. A test checks the
links agree with `convert_address`. `read_provinces` and `read_districts` read
only their few rows (milliseconds), for callers that need no communes.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

_KINDS = {"Xã": "xã", "Phường": "phường", "Thị trấn": "thị trấn", "Đặc khu": "đặc khu"}


@dataclass(frozen=True, slots=True)
class SourceProvince:
    key: str  # the package's key, e.g. "tinhbacgiang"
    code: str
    name: str
    short_name: str
    is_current: bool
    successor_key: str | None


@dataclass(frozen=True, slots=True)
class SourceDistrict:
    """A district (huyện, quận, thị xã, thành phố thuộc tỉnh) before 1 July 2025, when districts ended."""

    key: str  # the package's key, e.g. "huyentanyen"
    code: str
    name: str
    short_name: str
    province_key: str


@dataclass(frozen=True, slots=True)
class SourceCommune:
    key: str  # "<provinceKey>_<districtKey>_<wardKey>" (old) or "<provinceKey>_<wardKey>" (current)
    code: str
    name: str
    short_name: str
    kind: str
    province_key: str
    is_current: bool
    district_code: str | None
    district_name: str | None
    aliases: tuple[str, ...]  # the package's folded keywords


@dataclass(frozen=True, slots=True)
class SourceLink:
    old_key: str
    new_key: str
    is_whole: bool
    is_default: bool


@dataclass(frozen=True)
class Source:
    version: str
    provinces: tuple[SourceProvince, ...]
    communes: tuple[SourceCommune, ...]
    links: tuple[SourceLink, ...]


def _json_list(value: str | None) -> tuple[str, ...]:
    return tuple(json.loads(value)) if value else ()


_COLUMNS = ("province, provinceShort, provinceCode, provinceKey, ward, wardShort, wardType, wardCode, "
            "wardKey, wardAlias, wardKeywords")
_LEGACY_COLUMNS = _COLUMNS + (", district, districtShort, districtCode, districtKey, districtAlias, "
                              "districtKeywords")


def package_data_dir() -> Path:
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("vietnamadminunits is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _query(db: Path, sql: str) -> list[sqlite3.Row]:
    with sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True) as conn:
        conn.row_factory = sqlite3.Row
        return conn.execute(sql).fetchall()


def _converter(data: Path) -> dict:
    return json.loads((data / "converter_2025.json").read_text("utf-8"))


def _successors(converter: dict) -> dict[str, str]:
    return {old: new for new, olds in converter["DICT_PROVINCE"].items() for old in olds}


def _read_provinces(data: Path, converter: dict) -> tuple[SourceProvince, ...]:
    db = data / "dataset.db"
    successor = _successors(converter)
    columns = "province, provinceShort, provinceCode, provinceKey"
    current = _query(db, f"SELECT DISTINCT {columns} FROM admin_units ORDER BY provinceCode")
    legacy = _query(db, f"SELECT DISTINCT {columns} FROM admin_units_legacy ORDER BY provinceCode")
    return (
        *(SourceProvince(r["provinceKey"], r["provinceCode"], r["province"], r["provinceShort"], True, None)
          for r in current),
        *(SourceProvince(r["provinceKey"], r["provinceCode"], r["province"], r["provinceShort"], False,
                         successor[r["provinceKey"]]) for r in legacy),
    )


def read_provinces() -> tuple[SourceProvince, ...]:
    """The 34 current provinces (by code), then the 63 old ones (by code)."""
    data = package_data_dir()
    return _read_provinces(data, _converter(data))


def read_districts() -> tuple[SourceDistrict, ...]:
    """The 696 districts before the reform, by province and district code."""
    sql = ("SELECT DISTINCT provinceKey, district, districtShort, districtCode, districtKey "
           "FROM admin_units_legacy ORDER BY provinceCode, districtCode")
    return tuple(SourceDistrict(r["districtKey"], r["districtCode"], r["district"], r["districtShort"],
                                r["provinceKey"]) for r in _query(package_data_dir() / "dataset.db", sql))


def read_source() -> Source:
    data = package_data_dir()
    converter = _converter(data)
    db = data / "dataset.db"
    provinces = _read_provinces(data, converter)

    communes: list[SourceCommune] = []
    for row in _query(db, f"SELECT {_COLUMNS} FROM admin_units ORDER BY provinceCode, wardCode"):
        aliases = set(_json_list(row["wardKeywords"])) | set(_json_list(row["wardAlias"]))
        communes.append(SourceCommune(
            key=f"{row['provinceKey']}_{row['wardKey']}", code=row["wardCode"], name=row["ward"],
            short_name=row["wardShort"], kind=_KINDS[row["wardType"]], province_key=row["provinceKey"],
            is_current=True, district_code=None, district_name=None, aliases=tuple(sorted(aliases))))

    legacy = f"SELECT {_LEGACY_COLUMNS} FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode"
    for row in _query(db, legacy):
        key = f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey'] or ''}"
        if row["wardKey"]:
            aliases = set(_json_list(row["wardKeywords"])) | set(_json_list(row["wardAlias"]))
            communes.append(SourceCommune(
                key=key, code=row["wardCode"], name=row["ward"], short_name=row["wardShort"],
                kind=_KINDS[row["wardType"]], province_key=row["provinceKey"], is_current=False,
                district_code=row["districtCode"], district_name=row["district"],
                aliases=tuple(sorted(aliases))))
        else:  # island districts without communes, now special zones (đặc khu)
            aliases = set(_json_list(row["districtKeywords"])) | set(_json_list(row["districtAlias"]))
            communes.append(SourceCommune(
                key=key, code=row["districtCode"], name=row["district"], short_name=row["districtShort"],
                kind="huyện", province_key=row["provinceKey"], is_current=False,
                district_code=row["districtCode"], district_name=None, aliases=tuple(sorted(aliases))))

    links: list[SourceLink] = []
    for new_province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, olds in wards.items():
            links.extend(SourceLink(old, f"{new_province}_{new_ward}", True, True) for old in olds)
    for new_province, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, parts in olds.items():
            links.extend(SourceLink(old, f"{new_province}_{part['newWardKey']}", False,
                                    bool(part["isDefaultNewWard"])) for part in parts)

    return Source(version=metadata.version("vietnamadminunits"),
                  provinces=provinces, communes=tuple(communes), links=tuple(links))
