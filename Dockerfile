# NTM Assistant: the Telegram bot with its embedding model baked in.
#   docker build -t ntm-assistant .
#   docker run -e TELEGRAM_BOT_TOKEN=... -v ntm-data:/data ntm-assistant
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    NTM_DATA_DIR=/data \
    NTM_EMBEDDING_MODEL=/opt/ntm/model \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1

WORKDIR /app

# Scanned PDFs (OCR with Vietnamese data) and legacy Word .doc (antiword, LibreOffice as fallback).
# libreoffice-writer-nogui: only Writer's converter is used, without the GUI and Java (hundreds of MB less).
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-vie antiword libreoffice-writer-nogui \
 && rm -rf /var/lib/apt/lists/*

# CPU-only torch first, so nothing pulls a multi-gigabyte CUDA build.
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY pyproject.toml README.md ./
COPY knowledge ./knowledge
COPY indexer ./indexer
COPY bot ./bot
COPY ntm ./ntm
RUN pip install --no-deps . \
 && python -c "from pathlib import Path; from knowledge.retrieval.embedding.prepare import prepare_default_model; prepare_default_model(Path('/opt/ntm/model'))"

RUN useradd --create-home --uid 10001 ntm && mkdir -p /data && chown ntm:ntm /data
USER ntm
VOLUME ["/data"]

# Polls at once and builds the index into the volume in the background on first start (or when
# documents changed), answering from the last published index, or "đang chuẩn bị dữ liệu", meanwhile.
CMD ["python", "-m", "bot"]
