"""The runtime both interfaces share: model, index, answer engine and database, loaded once per process.

    services = Services.load(settings)        # bot (`ntm bot`) and console chat (`ntm chat`)
    answer = await services.ask(text, chat)   # in the worker pool, never on the event loop

Modules, one job each: `loading` (model and index, reloading a newly
published one), `database` (question log, commune answers), `questions`
(what each logged answer showed, for its buttons), `targets` (the index's
numeric targets), `services` (the object the interfaces receive).
"""

from knowledge.application.runtime.loading import ensure_index
from knowledge.application.runtime.services import Services

__all__ = ["Services", "ensure_index"]
