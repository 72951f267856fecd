"""The answer engine: question -> answer with cited passages, for Telegram, the console and the CLI.

    engine = AnswerEngine(SearchEngine.open(settings))
    answer = engine.ask("bac giang 2024 them bao nhieu xa ntm kieu mau", chat=chat_id)
    html = render_html(answer)          # Telegram HTML within 4,096 characters
"""

from knowledge.answer.engine import AnswerEngine, clean_question, format_date
from knowledge.answer.followup import FollowUps
from knowledge.answer.model import Answer, Citation, Lead
from knowledge.answer.render import render_html

__all__ = ["Answer", "AnswerEngine", "Citation", "FollowUps", "Lead", "clean_question", "format_date",
           "render_html"]
