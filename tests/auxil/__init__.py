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
"""
