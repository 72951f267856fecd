"""Question understanding: text -> one typed `Query` (places linked, years, level, criteria, form, focus)."""
