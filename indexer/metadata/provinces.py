"""The provinces an article is about, from its text or from a field the editor filled in."""

from __future__ import annotations

import re

from knowledge import places
from knowledge.text.normalize import normalize


def rank_provinces(
    body: str, *, title: str | None = None, source: str | None = None, issuer: str | None = None
) -> list[str]:
    """Provinces the article is about, most relevant first.

    A mention in the title counts three times, one in a state document's
    header (issuer, place of signing) twice, one in the publisher's name
    half. A province is kept when it has at least a third of the leader's
    score and is either mentioned twice, in the title, or the article
    mentions no province twice (then every mentioned one is kept).
    """
    in_title = places.count_mentions(title or "")
    in_body = places.count_mentions(body)
    in_source = places.count_mentions(source or "")
    in_issuer = places.count_mentions(issuer or "")
    order = list(dict.fromkeys([*in_title, *in_issuer, *in_body, *in_source]))
    scores = {p: in_body[p] + 3 * in_title[p] + 2 * in_issuer[p] + 0.5 * in_source[p] for p in order}
    if not scores:
        return []
    top = max(scores.values())
    kept = [
        p for p in order
        if scores[p] >= top / 3 and (scores[p] >= 2 or top < 2 or in_title[p])
    ]
    return sorted(kept, key=lambda p: -scores[p])


def provinces_from_field(value: object) -> list[str]:
    """A JSONL 'province' field (a name, 'A, B' or a list) -> canonical names.

    Unknown names are kept as written: the field is the editor's statement.
    """
    items = value if isinstance(value, list) else re.split(r"[,;]", str(value))
    out: list[str] = []
    for item in items:
        name = normalize(str(item)).strip()
        if name:
            known = places.lookup(name)
            canonical = known.name if known else name
            if canonical not in out:
                out.append(canonical)
    return out
