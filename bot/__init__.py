"""The Telegram bot: translates between Telegram and the answer engine (knowledge.application.answer).

Modules: config (settings, checked), application (PTB Application, handler
order), handlers and callbacks (updates -> replies), keyboards (buttons),
outgoing (flood limits and retries), question_queue (each person's questions
in order), throttle (per-user pace), token_bucket (the rate both limits use),
webhook, main (`python -m bot`). Model, index and database come loaded from
knowledge.application.runtime, shared with `ntm chat`.
"""
