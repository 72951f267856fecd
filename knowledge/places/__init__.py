"""Places: provinces, districts and communes before and after the 1 July 2025 reform.

The one source of place names for the whole project, built on
`vietnamadminunits` (63 provinces before the reform, 34 after, the districts
and communes of both) plus the spellings it does not list (`aliases`). Ask it
for records (`Province`), then show the spelling the context needs:
`.name` in document metadata ("Thành phố Hồ Chí Minh"), `.display` in target
tables ("TP. Hồ Chí Minh"), `.official` ("Tỉnh Hải Dương"). Nothing is read
until first asked: importing this package loads no data (and never imports
`vietnamadminunits`, whose import alone takes half a second).

- `lookup(field)`: a whole field that names a province ("TPHCM", "tỉnh hai duong").
- `match(question)`, `find_in_query`, `resolve` (also forgives a typo): a question.
- `find_mentions(text)`, `count_mentions`, `most_mentioned`: running text.
- `old_provinces()`, `new_provinces()`, `Province.since_2025`, `.predecessors`: the merger both ways.
- `forms(tier)`: every spelling, for a caller keeping its own index (communes lookup).
- `districts()`; communes: `source.read_source()`; name keys: `names`.
"""

from knowledge.places.matching import QueryMatch, find_in_query, lookup, match, resolve
from knowledge.places.mentions import Mention, count_mentions, find_mentions, most_mentioned
from knowledge.places.registry import District, Province, districts, new_provinces, old_provinces, province
from knowledge.places.spellings import forms

__all__ = [
    "District", "Mention", "Province", "QueryMatch", "count_mentions", "districts", "find_in_query",
    "find_mentions", "forms", "lookup", "match", "most_mentioned", "new_provinces", "old_provinces",
    "province", "resolve",
]
