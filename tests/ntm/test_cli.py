"""`ntm search --json` and `ntm eval` as scripts and people call them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.auxil.paths import EVAL, REPO

pytestmark = pytest.mark.slow
HIT_KEYS = {"rank", "score", "doc_id", "passage_id", "title", "source", "date", "text"}


def run_ntm(settings, *args, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NTM_DATA_DIR=str(settings.data_dir), NTM_EMBEDDING_MODEL=settings.model_path)
    return subprocess.run(
        [sys.executable, "-m", "ntm", *args], cwd=REPO, env=env, input=stdin,
        capture_output=True, text=True, timeout=300,
    )


def test_batch_json_schema(corpus_settings):
    queries = "Hải Dương 2025 thêm bao nhiêu xã NTM nâng cao?\nThời tiết Hà Nội ngày mai thế nào?\n"
    out = run_ntm(corpus_settings, "search", "--json", "-k", "3", "-", stdin=queries)
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [line["query"] for line in lines] == queries.splitlines()
    hits = lines[0]["hits"]
    assert 1 <= len(hits) <= 3 and all(set(h) == HIT_KEYS for h in hits)
    assert [h["rank"] for h in hits] == list(range(1, len(hits) + 1))
    assert isinstance(hits[0]["score"], float) and hits[0]["doc_id"] == "hai-duong-ntm-2025"
    assert hits[0]["passage_id"].startswith("hai-duong-ntm-2025#")
    assert lines[1]["hits"] == []


def test_eval_prints_summary_line(corpus_settings):
    out = run_ntm(corpus_settings, "eval", str(EVAL / "dev.jsonl"))
    assert out.stdout.strip().splitlines()[-1] == "15 passed, 0 failed", out.stdout[-3000:]
    assert out.returncode == 0


def test_search_without_index_explains(tmp_path):
    from tests.auxil.settings import make_settings

    out = run_ntm(make_settings(tmp_path), "search", "xã nông thôn mới")
    assert out.returncode == 2 and "ntm index" in out.stderr


def test_bench_reports_every_measure(tmp_path):
    """`ntm bench` on a small corpus: the real pipeline end to end, search in its own process."""
    from tests.auxil.settings import make_settings

    work = tmp_path / "work"
    out = run_ntm(make_settings(tmp_path / "data"), "bench", "-n", "120", "-q", "12", "--json", "--work", str(work))
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["passages"] >= 120 and result["queries"] == 12  # a long synthetic text may split in two
    assert result["dense_index"] == "flat"
    assert 0 < result["query_ms_p50"] <= result["query_ms_p95"]
    assert result["index_passages_per_s"] > 0 and result["index_size_mb"] > 0
    assert set(result["stage_s"]) >= {"split", "embed", "write"}
    # Both processes load the model; the search process measures its own peak, not its parent's
    # (ru_maxrss would carry the build's over fork + exec): it holds no passage workers.
    assert result["peak_rss_search_mb"] > 100
    assert result["peak_rss_build_mb"] > result["peak_rss_search_mb"]
    assert (work / "index").is_dir()


@pytest.mark.parametrize("command", [["index"], ["search", "xã nông thôn mới"], ["eval", "knowledge/eval/dev.jsonl"]])
def test_missing_configured_model_is_one_clear_line(tmp_path, command):
    """A wrong NTM_EMBEDDING_MODEL: exit 2 and what to do, no traceback (the default is prepared instead)."""
    env = dict(os.environ, NTM_DATA_DIR=str(tmp_path / "data"), NTM_EMBEDDING_MODEL=str(tmp_path / "no-such-model"))
    out = subprocess.run([sys.executable, "-m", "ntm", *command], cwd=REPO, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2, out.stderr[-2000:]
    assert "Không tìm thấy mô hình nhúng" in out.stderr and "NTM_EMBEDDING_MODEL" in out.stderr
    assert "Traceback" not in out.stderr
