"""A document's structure: headings by offset, the units passages keep to, and where a passage stands.

`legal` and `plans` find headings, `recognise` picks the grammar, `locate`
turns headings into units and places. Import from the modules: this package
stays empty because the cleaner (imported by the readers) needs `legal`
while `locate` reads the table row format of the readers.
"""
