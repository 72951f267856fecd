"""Test helpers shared by the suites (no tests here).

- `fake_bot_api.FakeBotApi`: a Telegram Bot API server on 127.0.0.1 (long
  polling, messages, edits, buttons, files, injected errors) with a test-side
  API to act as officials and read what the bot sent.
- `polling.builder_for(api)` / `polling.polling(app, api)`: a PTB Application
  pointed at it and run around a block.
- `bot_harness.running_bot(api, settings, search)`: the project's real bot
  (handlers, limits, database) around any search engine; `bot_settings`,
  `subprocess_env` for `python -m bot`.
- `fake_search.FakeSearch`: an in-memory stand-in for `SearchEngine` over the
  bundled corpus (no model), for fast handler tests.
- `paths`: REPO, FIXTURES, DOCUMENTS, COMMUNE_FILES, CORPUS, EVAL and
  `corpus_text(doc_id)`, so no test computes paths from its own place.
- `settings.make_settings(data_dir)`: Settings for a temp data dir that reuse
  the prepared model.
- `communes_db`: the loaded commune registry per backend (SQLite, PostgreSQL
  when NTM_TEST_DATABASE_URL is set), shared by the commune tests.
- `uploads`: one sample upload per file type and the admin bot's helpers for
  the end-to-end upload and reindex tests.
"""
