"""Usage logs: every question asked (answered or not) and 👍/👎 feedback (knowledge/domain/db/usage.py).

Revision ID: 0002_usage_logs
Revises: 0001_commune_registry
Create Date: 2025-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_usage_logs"
down_revision = "0001_commune_registry"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "question_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("asked_at", sa.DateTime(), nullable=False),
        sa.Column("interface", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("user_id", sa.BigInteger(), nullable=True),
        sa.Column("chat_type", sa.String(length=16), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("query", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("answered", sa.Boolean(), nullable=False),
        sa.Column("doc_ids", sa.Text(), nullable=False),
        sa.Column("passage_ids", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_logs")),
    )
    with op.batch_alter_table("question_logs") as batch_op:
        batch_op.create_index(batch_op.f("ix_question_logs_answered"), ["answered"], unique=False)
        batch_op.create_index(batch_op.f("ix_question_logs_asked_at"), ["asked_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_question_logs_chat_id"), ["chat_id"], unique=False)

    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=True),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("given_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["question_id"], ["question_logs.id"],
                                name=op.f("fk_feedback_question_id_question_logs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
        sa.UniqueConstraint("question_id", "user_id", name=op.f("uq_feedback_question_id_user_id")),
    )
    with op.batch_alter_table("feedback") as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_question_id"), ["question_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("feedback") as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_question_id"))
    op.drop_table("feedback")
    with op.batch_alter_table("question_logs") as batch_op:
        batch_op.drop_index(batch_op.f("ix_question_logs_chat_id"))
        batch_op.drop_index(batch_op.f("ix_question_logs_asked_at"))
        batch_op.drop_index(batch_op.f("ix_question_logs_answered"))
    op.drop_table("question_logs")
