"""The runtime's database: the question log, and commune status answers from the same engine.

Optional by design: when the database cannot be opened the bot still
answers from the documents, only without its log and commune cards.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from knowledge.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Database:
    engine: Any | None = None  # sqlalchemy Engine; None: no database
    usage: Any | None = None  # knowledge.domain.db.usage.UsageLog

    @classmethod
    def open(cls, settings: Settings) -> Database:
        """The engine and usage log with the schema at head; an empty Database when it is unusable."""
        try:
            from knowledge.domain.db import get_engine
            from knowledge.domain.db.usage import UsageLog

            engine = get_engine(settings.sqlalchemy_url)
            return cls(engine, UsageLog(engine))
        except Exception:  # noqa: BLE001 - the bot answers without its log rather than not at all
            log.exception("Không mở được cơ sở dữ liệu %s: bot vẫn trả lời nhưng không ghi nhật ký",
                          settings.sqlalchemy_url)
            return cls()

    def answerers(self) -> list:
        """Answerers from the database: commune status questions ("xã X đạt NTM năm nào?") and counts
        of communes at a level ("Bắc Giang có bao nhiêu xã đạt NTM nâng cao?")."""
        if self.engine is None:
            return []
        from knowledge.application.answer.commune_stats import CommuneStatsAnswerer
        from knowledge.application.answer.communes import CommuneAnswerer

        return [CommuneAnswerer.for_engine(self.engine), CommuneStatsAnswerer.for_engine(self.engine)]


NO_DATABASE = Database()
