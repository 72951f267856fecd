"""The embedding model the settings name, loaded once per process.

The bundled default is prepared into NTM_DATA_DIR on first use (offline,
about a minute), so every entry point (bot, `ntm index`, `ntm search`, ...)
works on a new data dir; a missing NTM_EMBEDDING_MODEL raises ModelNotFound.
"""

from __future__ import annotations

import logging

from knowledge.settings import Settings

log = logging.getLogger(__name__)


def load_encoder(settings: Settings):
    if not settings.index.embedding_model:
        from knowledge.retrieval.embedding.prepare import is_prepared, prepare_default_model

        if not is_prepared(settings.default_model_dir):
            log.warning("Đang chuẩn bị mô hình nhúng mặc định vào %s (lần đầu, khoảng 1 phút) ...",
                        settings.default_model_dir)
            prepare_default_model(settings.default_model_dir)
    from knowledge.retrieval.embedding.encoder import Encoder

    return Encoder.load(settings.model_path)
