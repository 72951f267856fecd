"""The Telegram bot: translates between Telegram and the answer engine (knowledge.application.answer).

Modules: config (settings, checked), services (model/index/DB loaded once),
application (PTB Application, handler order), handlers and callbacks
(updates -> replies), keyboards (buttons), outgoing (flood limits and
retries), throttle (per-user limit), webhook, main (`python -m bot`).
"""
