"""The answer engine: question -> answer with cited passages, for Telegram, the console and the CLI.

    engine = AnswerEngine(SearchEngine.open(settings))
    answer = engine.ask("bac giang 2024 them bao nhieu xa ntm kieu mau", chat=chat_id)
    html = render_html(answer)          # Telegram HTML within 4,096 characters
"""

from knowledge.application.answer.engine import AnswerEngine, clean_question
from knowledge.application.answer.followup import FollowUps
from knowledge.application.answer.model import Answer, Citation, Lead

__all__ = ["Answer", "AnswerEngine", "Citation", "FollowUps", "Lead", "clean_question"]
