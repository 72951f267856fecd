"""Excel exports (.xlsx, openpyxl) of the /chitieu and /thongke tables, each row with its source.

- `targets_workbook(targets, titles=, dates=)`: one row per figure of the targets table.
- `stats_workbook(stats, provinces)`: a scope's counts (and the provinces side by side for the country).
"""

from knowledge.application.exports.communes import stats_workbook
from knowledge.application.exports.targets import targets_workbook

__all__ = ["stats_workbook", "targets_workbook"]
