"""The evidence rows with their text, a report at a time. A run's outputs hold the
evidence table without its long texts (quotes, sentences, sections, reasons: four
fifths of its bytes) and read each report's whole rows from the report's Parquet
part when an output shows them (the page, the workbook, first mentions, changes);
tables built in memory (matrix.build_tables) hold every column and are read from.
"""
from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from reformtrace.evidence_parts import part_name
from reformtrace.matrix import EVIDENCE_COLUMNS, Tables, evidence_frame

TEXT_COLUMNS = ("section", "region_surface", "evidence", "attribution", "sentence", "sentence_spans", "quote")  # left in the parts
KEPT_COLUMNS = [c for c in EVIDENCE_COLUMNS if c not in TEXT_COLUMNS]  # what a run's outputs hold of every row


def without_texts(evidence: pd.DataFrame) -> pd.DataFrame:
    """A report's rows without their long texts."""
    return evidence[KEPT_COLUMNS]


def report_spans(evidence: pd.DataFrame) -> list[tuple[str, int, int]]:
    """Each report's id, first and past-last row (the table holds a report's rows together)."""
    ids = evidence["report_id"].to_numpy()
    cuts = [0, *(np.flatnonzero(ids[1:] != ids[:-1]) + 1).tolist(), len(ids)] if len(ids) else []
    return [(ids[a], a, b) for a, b in zip(cuts[:-1], cuts[1:])]


def report_rows(tables: Tables, columns: Sequence[str] | None = None) -> Iterator[tuple[int, pd.DataFrame]]:
    """(first row, the report's whole rows) of each report in table order, with `columns`
    only where given (all of EVIDENCE_COLUMNS by default)."""
    for report_id, start, end in report_spans(tables.evidence):
        yield start, _rows(tables, report_id, start, end, columns)


def report_columns(tables: Tables, columns: Sequence[str], held: Collection[str] = ()) -> Iterator[tuple[int, list[list]]]:
    """(first row, each of `columns` as a list of Python values) of each report in table
    order: report_rows' values, read from a Parquet part without a pandas frame between
    (which costs as much again as the reading). For the reports in `held`, only what the
    table holds is read (its columns made contiguous once: a slice of a thousand reports'
    chunks costs more than the rows), and a column it does not hold is None throughout."""
    table = None
    for report_id, start, end in report_spans(tables.evidence):
        if tables.parts is None:
            rows = tables.evidence.iloc[start:end]
            yield start, [rows[c].tolist() for c in columns]
        elif report_id in held:
            if table is None:
                table = pa.Table.from_pandas(tables.evidence[[c for c in columns if c in tables.evidence.columns]], preserve_index=False).combine_chunks()
            rows = table.slice(start, end - start)
            yield start, [rows.column(c).to_pylist() if c in rows.column_names else [None] * (end - start) for c in columns]
        else:
            part = _part(tables, report_id, start, end, list(columns))
            yield start, [part.column(c).to_pylist() for c in columns]


def rows_at(tables: Tables, positions: Sequence[int], columns: Sequence[str] | None = None) -> pd.DataFrame:
    """The whole rows at these positions of the evidence table, in the order given (index: the positions)."""
    wanted = pd.Series(range(len(positions)), index=np.asarray(positions, dtype="int64"))
    found = []
    for report_id, start, end in report_spans(tables.evidence):
        mine = wanted[(wanted.index >= start) & (wanted.index < end)]
        if len(mine):
            rows = _rows(tables, report_id, start, end, columns).iloc[mine.index - start]
            found.append(rows.set_axis(mine.index).assign(_order=mine.to_numpy()))
    if not found:
        return evidence_frame([])[list(columns or EVIDENCE_COLUMNS)]
    return pd.concat(found).sort_values("_order", kind="stable").drop(columns="_order")


def _rows(tables: Tables, report_id: str, start: int, end: int, columns: Sequence[str] | None) -> pd.DataFrame:
    columns = list(columns or EVIDENCE_COLUMNS)
    if tables.parts is None:
        return tables.evidence.iloc[start:end][columns]
    return _part(tables, report_id, start, end, columns).to_pandas().set_axis(pd.RangeIndex(start, end))


def _part(tables: Tables, report_id: str, start: int, end: int, columns: list[str]):
    """The report's Parquet part (its `columns`), checked against the run's count of its rows."""
    table = pq.read_table(Path(tables.parts) / part_name(report_id), columns=columns)
    if table.num_rows != end - start:
        raise RuntimeError(f"the evidence part of {report_id} holds {table.num_rows} rows, the run {end - start}")
    return table
