"""The Telegram bot: translates between Telegram and the answer engine (knowledge.application.answer).

Modules: config (settings, checked), application (PTB Application, handler
order), handlers and callbacks (updates -> replies), keyboards (buttons),
outgoing (flood limits and retries), throttle (per-user limit), token_bucket
(the rate both limits use), webhook, main (`python -m bot`). Model, index and
database come loaded from knowledge.application.runtime, shared with `ntm chat`.
"""
