"""Write the data files of tests/data/french_csv/ and tests/data/malformed/.

Run `python tests/data/make_files.py` after changing it; the files are committed, so
the tests never depend on this script (Excel and Parquet files embed write dates, so
their bytes change at each run, their content does not).

french_csv/: one table of communes written the ways French collectivités publish it
(`;`, `,`, tab or `|`; UTF-8 with or without BOM, or Windows-1252; decimal comma and
thousands spaces; quoted newlines; NA cells; INSEE codes with leading zeros).

malformed/: one thing wrong per file (its name says what), see
tests/integration/test_malformed_data.py for the blueprint each one is loaded with.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent
FRENCH = HERE / "french_csv"
MALFORMED = HERE / "malformed"

# ---------------------------------------------------------------- french_csv

HEADER = ["code_insee", "commune", "population", "surface_km2", "budget_eur", "date_releve",
          "horodatage", "labellisee", "remarque"]  # fmt: skip
# (code, name, population, surface, budget, date, moment, label, remark); None = NA cell
ROWS = [
    ("01004", "Ambérieu-en-Bugey", 14514, 24.6, 1234567.5, "2026-11-26", "2026-11-26T14:00:00", "oui", "Ain"),
    ("29233", "Quimperlé", 12330, 31.19, 987654.25, "26/11/2026", "26/11/2026 14:00", "non", "œuvre d’art, 5 €"),
    ("2A004", "Ajaccio", 73000, 82.03, None, "01/02/2026", "2026-02-01 08:30", "vrai", "Corse-du-Sud"),
    ("29019", "Brest", 139926, 49.51, 1000.0, "2026-03-15", "2026-03-15T09:05+01:00", "faux", "ligne 1\nligne 2; « guillemets »"),
    ("56121", "Lorient", None, 17.48, 0.5, None, None, None, None),
    ("06088", "Nice", 342669, 71.92, -2500.75, "2026-07-14", "2026-07-14 22:00:30", "1", "Côte d’Azur"),
]  # fmt: skip
NA_TOKENS = ["NA", "", "N/A", "-", "null", "NA", "", "n/a", "-"]


def _number(value: float | int, decimal: str) -> str:
    if isinstance(value, int):
        text = f"{value:,}".replace(",", "\u202f") if decimal == "," else str(value)
        return text
    whole, frac = f"{value:.2f}".rstrip("0").rstrip(".").partition(".")[::2]
    if decimal == ",":
        whole = f"{int(whole):,}".replace(",", "\u00a0")
        return whole + ("," + frac if frac else "")
    return whole + ("." + frac if frac else "")


def _quote(cell: str, sep: str) -> str:
    if any(ch in cell for ch in (sep, '"', "\n", "\r")):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def french_csv_text(sep: str, decimal: str) -> str:
    lines = [sep.join(HEADER)]
    for row in ROWS:
        cells = []
        for i, value in enumerate(row):
            if value is None:
                cells.append(NA_TOKENS[i])
            elif isinstance(value, int | float):
                cells.append(_number(value, decimal))
            else:
                cells.append(value)
        lines.append(sep.join(_quote(c, sep) for c in cells))
    return "\r\n".join(lines) + "\r\n"  # Windows line ends, as Excel writes them


def write_french_csv() -> None:
    FRENCH.mkdir(exist_ok=True)
    semicolon = french_csv_text(";", ",")
    (FRENCH / "communes_utf8.csv").write_bytes(semicolon.encode("utf-8"))
    (FRENCH / "communes_bom.csv").write_bytes(semicolon.encode("utf-8-sig"))
    # cp1252 has no narrow no-break space: Excel writes a plain one there
    (FRENCH / "communes_cp1252.csv").write_bytes(semicolon.replace("\u202f", " ").encode("cp1252"))
    (FRENCH / "communes_comma.csv").write_bytes(french_csv_text(",", ".").encode("utf-8"))
    (FRENCH / "communes_tab.tsv").write_bytes(french_csv_text("\t", ",").encode("utf-8"))
    (FRENCH / "communes_pipe.csv").write_bytes(french_csv_text("|", ",").encode("utf-8"))


# ---------------------------------------------------------------- malformed


def _text(name: str, text: str, encoding: str = "utf-8") -> None:
    (MALFORMED / name).write_bytes(text.encode(encoding))


def write_malformed() -> None:
    MALFORMED.mkdir(exist_ok=True)
    _text(
        "too_many_columns.csv",
        'code;nom;valeur\n29233;"Quimperlé\n(centre)";12\n29019;Brest;3;4\n29103;Lorient;5\n',
    )
    _text(
        "unterminated_quote.csv",
        'code;nom;valeur\n29233;Quimperlé;12\n29019;"Brest;3\n29103;Lorient;5\n',
    )
    _text("integer_with_decimal.csv", "code;nom;valeur\n29233;Quimperlé;12\n29019;Brest;12,5\n")
    _text(
        "integer_text.csv",
        "code;nom;valeur\n29233;Quimperlé;12\n29019;Brest;abc\n29103;Lorient;7\n",
    )
    _text("impossible_date.csv", "site;date_releve\nA;26/11/2026\nB;31/02/2026\nC;2026-02-28\n")
    _text("bad_boolean.csv", "site;ouvert\nA;oui\nB;non\nC;peut-être\n")
    _text("bad_datetime.csv", "site;debut\nA;2026-11-26T14:00\nB;2026-11-26 25:00\n")
    _text("below_min.csv", "channel_id;count\nc1;3\nc2;0\nc3;-5\nc4;8\n")
    _text("above_max.csv", "channel_id;taux\nc1;0,25\nc2;1,5\nc3;0,75\n")
    # the example of the issue: 37 rows outside [0, 10000], the first on line 12 with -5
    rows = ["channel_id;start;count"]
    bad = 0
    for i in range(2, 102):
        if i >= 12 and bad < 37 and i % 2 == 0:
            value = "-5" if i == 12 else "12000"
            bad += 1
        else:
            value = str(i * 10)
        rows.append(f"c{i};2026-11-{(i % 28) + 1:02d} 10:00;{value}")
    _text("out_of_range.csv", "\n".join(rows) + "\n")
    _text(
        "not_in_enum.csv",
        "channel_id;mobility_type\nc1;PEDESTRIAN\nc2;BIKE\nc3;CAR\nc4;CAR\n",
    )
    _text("required_empty.csv", "site_id;site_name\ns1;Halles\ns2;\ns3;NA\ns4;Gare\n")
    _text("duplicate_unique.csv", "site_id;site_name\ns1;Halles\ns2;Gare\ns3;Halles\n")
    _text(
        "duplicate_key.csv",
        "channel_id;start_datetime;count\n"
        "c1;2026-11-26 10:00;5\nc1;2026-11-26 11:00;6\nc2;2026-11-26 10:00;7\n"
        "c1;26/11/2026 10:00;8\n",
    )
    _text("empty_key.csv", "site_id;site_name\ns1;Halles\n;Gare\ns3;Port\n")
    _text("missing_column.csv", "code;nom;valeur\n29233;Quimperlé;12\n")
    _text(
        "cp1252_forced_utf8.csv",
        "code;nom\n29019;Brest\n29233;Quimperlé\n29103;Lorient\n",
        encoding="cp1252",
    )
    # valid UTF-8 through the sniffer's 64 KB sample, then one Windows-1252 byte
    filler = "".join(f"{i:05d};Commune {i}\n" for i in range(6000))
    (MALFORMED / "late_cp1252_byte.csv").write_bytes(
        b"code;nom\n" + filler.encode() + "99999;Quimperlé\n".encode("cp1252")
    )
    (MALFORMED / "empty.csv").write_bytes(b"")
    (MALFORMED / "binary.csv").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))
    )
    _text(
        "several_problems.csv",
        "channel_id;mobility_type;count;site\n"
        "c1;PEDESTRIAN;5;Halles\n"
        "c2;BIKE;abc;Gare\n"
        "c3;CAR;7;Port\n"
        "c4;BIKE;8;Port;en trop\n"
        "c1;BIKE;9;\n",
    )
    _text(
        "not_feature_collection.geojson",
        json.dumps(
            {
                "type": "Feature",
                "properties": {"nom": "Halles"},
                "geometry": {"type": "Point", "coordinates": [-3.55, 47.87]},
            },
            indent=2,
        ),
    )
    features = [
        {"type": "Feature", "properties": {"nom": n, "places": p},
         "geometry": {"type": "Point", "coordinates": [-3.5 - i / 100, 47.8]}}
        for i, (n, p) in enumerate([("Halles", 120), ("Gare", 80), ("Port", "beaucoup"), ("Mairie", 30)])
    ]  # fmt: skip
    _text(
        "bad_property.geojson",
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
    )
    _write_parquet_files()
    _write_workbook()


def _write_parquet_files() -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"channel_id": ["c1", "c2", "c3", "c4"], "count": ["12", "7", "x", "9"]})
    pq.write_table(table, MALFORMED / "string_as_integer.parquet")
    folder = MALFORMED / "parquet_mismatch"
    folder.mkdir(exist_ok=True)
    pq.write_table(
        pa.table({"channel_id": ["c1"], "count": pa.array([1], pa.int64())}),
        folder / "part-1.parquet",
    )
    pq.write_table(
        pa.table({"channel_id": ["c2"], "count": pa.array([1.5], pa.float64())}),
        folder / "part-2.parquet",
    )


def _write_workbook() -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    counts = workbook.active
    counts.title = "Comptages"
    counts.append(["channel_id", "count"])
    counts.append(["c1", 12])
    sites = workbook.create_sheet("Sites")
    sites.append([])  # the header is the first non-empty row
    sites.append(["site_id", "places"])
    sites.append(["s1", 120])
    sites.append(["s2", 80])
    sites.append(["s3", "beaucoup"])
    workbook.save(MALFORMED / "workbook.xlsx")


if __name__ == "__main__":
    write_french_csv()
    write_malformed()
    print(f"written: {FRENCH} and {MALFORMED}")
