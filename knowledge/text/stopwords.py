"""Folded Vietnamese words that say nothing about a question's topic: one vocabulary, three named subsets.

Why subsets and not one list: each use was calibrated on its own, and the
words it must keep differ.

- `QUESTION_WORDS`, the relevance gate (knowledge.retrieval.search.relevance):
  question and function words, evidence of nothing. Never pronouns: folded,
  "chi", "minh", "ban" are also chỉ tiêu, Hồ Chí Minh, Ban chỉ đạo.
- `TOPICLESS`, the answer engine's sentence matcher: the same glue, plus the
  forms of address and chat words of a typed question ("anh ơi cho hỏi",
  "xin hỏi chị"), which never name what is asked about.
- `FOCUSLESS`, the focus of a question (knowledge.application.answer.coverage):
  glue, question and chat words, but neither pronouns nor "dau", "duoi",
  which fold from content too ("tiêu chí", "bình quân đầu người").
- `FOLLOWUP_FILLER`, follow-up detection ("còn tỉnh Long An thì sao?"): the
  words a follow-up may add without asking anything new, including "năm" and
  the words that introduce a province ("tỉnh", "thành phố", "TP").

No lexical index uses any of them (see knowledge.text.tokens: IDF already
makes these words cheap). Everything here is accent-folded, like the tokens
it is compared with.
"""

from __future__ import annotations

__all__ = ["FOCUSLESS", "FOLLOWUP_FILLER", "QUESTION_WORDS", "TOPICLESS"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Glue both the relevance gate and the answer matcher drop.
_GLUE = _words(
    """
    ai bao cac can cho co cua da dang de den do duoc gi ha hay khi khong kia la lam ma may mot nao nay
    nhe nhieu nhu nhung o ra sao se tai the thi tren trong tu va vay ve voi
    """
)
# Only the relevance gate drops these (the matcher counts them in the passage's favour).
_QUESTION_ONLY = _words("chua dau duoi hoac muon nen nhi phai theo vao")
# Forms of address: only the answer matcher drops them (see the module docstring).
_ADDRESS = _words("anh chi chu minh ong toi")
# Chat words and particles of a typed question.
_CHAT = _words("a ay bi boi cai con di gio hoi luc ne noi oi rang roi vi xin")

QUESTION_WORDS = _GLUE | _QUESTION_ONLY
TOPICLESS = _GLUE | _ADDRESS | _CHAT
FOCUSLESS = _GLUE | _CHAT | (_QUESTION_ONLY - _words("dau duoi"))
FOLLOWUP_FILLER = _words("a con ha nhi nao sao the thi vay o tai cua va voi") | _words("nam tinh thanh pho tp")
