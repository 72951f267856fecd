"""Question understanding: text -> one typed `Query` (places linked, years, level, criteria, form, focus).

Modules, one job each: `query` (the Query), `words` (folded words with their
spans), `linking` (places against the registries), `focus` (the content
words), `parse` (`understand`: every slot), `merge` (follow-ups inherit the
previous turn's slots).
"""
