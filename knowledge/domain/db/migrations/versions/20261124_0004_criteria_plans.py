"""Criteria met per criterion on recognitions, and planned targets (knowledge/domain/db/communes.py).

Existing recognitions keep `criteria_set` empty: readers derive the set from
the year and decision date, the same rule the importer applies.

Revision ID: 0004_criteria_plans
Revises: 0003_admin
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_criteria_plans"
down_revision = "0003_admin"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("recognitions") as batch_op:
        batch_op.add_column(sa.Column("criteria_list", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("criteria_set", sa.String(length=16), nullable=True))
    op.create_table(
        "planned_targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("level IN ('ntm', 'ntm_nang_cao', 'ntm_kieu_mau')",
                           name=op.f("ck_planned_targets_level")),
        sa.CheckConstraint("year >= 2010 AND year <= 2100", name=op.f("ck_planned_targets_year")),
        sa.ForeignKeyConstraint(["commune_id"], ["communes.id"],
                                name=op.f("fk_planned_targets_commune_id_communes")),
        sa.ForeignKeyConstraint(["import_id"], ["imports.id"], name=op.f("fk_planned_targets_import_id_imports")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planned_targets")),
        sa.UniqueConstraint("commune_id", "level", name=op.f("uq_planned_targets_commune_id_level")),
    )
    with op.batch_alter_table("planned_targets") as batch_op:
        batch_op.create_index(batch_op.f("ix_planned_targets_commune_id"), ["commune_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_planned_targets_import_id"), ["import_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("planned_targets") as batch_op:
        batch_op.drop_index(batch_op.f("ix_planned_targets_import_id"))
        batch_op.drop_index(batch_op.f("ix_planned_targets_commune_id"))
    op.drop_table("planned_targets")
    with op.batch_alter_table("recognitions") as batch_op:
        batch_op.drop_column("criteria_set")
        batch_op.drop_column("criteria_list")
