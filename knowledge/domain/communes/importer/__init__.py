"""Import a list of NTM recognitions: all or nothing, idempotent.

A list with one wrong row is usually a wrong list (a shifted column, another
province's sheet), so any bad row rejects the whole file with every bad row's
number and reason, and nothing is written. Rows are keyed by (unit, level): the
same file imported twice changes nothing; a later list with other values for a
key replaces them. An optional column absent from the file keeps what is
stored (a list without decision numbers does not erase them); present but empty
means "none". Criteria met (count and/or list, `criteria_met.py`) are one fact
checked against the set of the recognition's time. Plan columns (`Mức phấn đấu`,
`Năm phấn đấu`) set each listed unit's planned targets to exactly those in the file.

Modules: `cells` (one cell -> a checked value), `matching` (place names -> a
unit), `rows` (the table checked row by row), `write` (the transaction),
`result` (what the import reports), `run` (the steps in order).
"""

from knowledge.domain.communes.importer.result import ImportResult, PlanCounts, RowError
from knowledge.domain.communes.importer.run import import_bytes, import_file

__all__ = ["ImportResult", "PlanCounts", "RowError", "import_bytes", "import_file"]
