"""Turn text copied from a web page or extracted from a file into article text.

Pages copied from Vietnamese news and government sites carry menus, rating
and comment widgets, visit counters, SharePoint field lists and footers with
addresses. Passages built from that junk would be retrieved and cited, so it
is removed here, before splitting.

The rules work on lines and on the article's shape, not on a list of sites:

1. Unambiguous junk lines (a line that is only "Rate this post", a visit
   counter, a date line with a weekday, an image file name...) are dropped
   anywhere (`chrome`, `datelines`).
2. Hard-wrapped lines are joined into paragraphs (`paragraphs`).
3. Each paragraph is "content" (a sentence or a long line, `lines`), "weak"
   (a menu word, a category name, a footer label such as "Địa chỉ:",
   `chrome`) or "short" (a subheading, a byline); `article` keeps the
   article's paragraphs by their position among these.

Attribution ("Nguồn: ...", "(Thanhuytphcm.vn) -") is removed from the text;
`indexer.metadata` reads it from the raw text, which is why cleaning and
metadata extraction both take the raw text.
"""

from indexer.clean.article import clean_text, repeats_title
from indexer.clean.chrome import is_junk_line, is_weak_line
from indexer.clean.datelines import is_dateline
from indexer.clean.fold import fold_line
from indexer.clean.lines import DOC_NUMBER_RE, LEAD_MARKER_RE, ends_sentence, is_content, is_list_item
from indexer.clean.paragraphs import Paragraph, normalized, paragraphs

__all__ = [
    "DOC_NUMBER_RE", "LEAD_MARKER_RE", "Paragraph", "clean_text", "ends_sentence", "fold_line",
    "is_content", "is_dateline", "is_junk_line", "is_list_item", "is_weak_line", "normalized", "paragraphs",
    "repeats_title",
]
