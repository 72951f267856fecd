"""Commune registry: provinces, communes (old and current), links, aliases, imports, recognitions.

Revision ID: 0001_commune_registry
Revises:
Create Date: 2025-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_commune_registry"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "provinces",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("short_name", sa.String(length=100), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("successor_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["successor_id"], ["provinces.id"],
                                name=op.f("fk_provinces_successor_id_provinces")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provinces")),
        sa.UniqueConstraint("is_current", "code", name=op.f("uq_provinces_is_current_code")),
    )
    op.create_table(
        "communes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("short_name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("province_id", sa.Integer(), nullable=False),
        sa.Column("district_code", sa.String(length=8), nullable=True),
        sa.Column("district_name", sa.String(length=120), nullable=True),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("folded", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(["province_id"], ["provinces.id"],
                                name=op.f("fk_communes_province_id_provinces")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_communes")),
        sa.UniqueConstraint("is_current", "code", name=op.f("uq_communes_is_current_code")),
    )
    op.create_index(op.f("ix_communes_folded"), "communes", ["folded"])
    op.create_index(op.f("ix_communes_is_current"), "communes", ["is_current"])
    op.create_index(op.f("ix_communes_province_id"), "communes", ["province_id"])
    op.create_table(
        "commune_aliases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.String(length=150), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["commune_id"], ["communes.id"],
                                name=op.f("fk_commune_aliases_commune_id_communes")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commune_aliases")),
        sa.UniqueConstraint("commune_id", "alias", name=op.f("uq_commune_aliases_commune_id_alias")),
    )
    op.create_index(op.f("ix_commune_aliases_alias"), "commune_aliases", ["alias"])
    op.create_index(op.f("ix_commune_aliases_commune_id"), "commune_aliases", ["commune_id"])
    op.create_table(
        "commune_links",
        sa.Column("old_id", sa.Integer(), nullable=False),
        sa.Column("new_id", sa.Integer(), nullable=False),
        sa.Column("is_whole", sa.Boolean(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["new_id"], ["communes.id"], name=op.f("fk_commune_links_new_id_communes")),
        sa.ForeignKeyConstraint(["old_id"], ["communes.id"], name=op.f("fk_commune_links_old_id_communes")),
        sa.PrimaryKeyConstraint("old_id", "new_id", name=op.f("pk_commune_links")),
    )
    op.create_index(op.f("ix_commune_links_new_id"), "commune_links", ["new_id"])
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("replaced", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imports")),
    )
    op.create_index(op.f("ix_imports_sha256"), "imports", ["sha256"])
    op.create_table(
        "recognitions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("commune_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("decision_number", sa.String(length=120), nullable=True),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("criteria_met", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("level IN ('ntm', 'ntm_nang_cao', 'ntm_kieu_mau')",
                           name=op.f("ck_recognitions_level")),
        sa.CheckConstraint("year >= 2010 AND year <= 2100", name=op.f("ck_recognitions_year")),
        sa.ForeignKeyConstraint(["commune_id"], ["communes.id"],
                                name=op.f("fk_recognitions_commune_id_communes")),
        sa.ForeignKeyConstraint(["import_id"], ["imports.id"], name=op.f("fk_recognitions_import_id_imports")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recognitions")),
        sa.UniqueConstraint("commune_id", "level", name=op.f("uq_recognitions_commune_id_level")),
    )
    op.create_index(op.f("ix_recognitions_commune_id"), "recognitions", ["commune_id"])
    op.create_index(op.f("ix_recognitions_import_id"), "recognitions", ["import_id"])


def downgrade() -> None:
    op.drop_table("recognitions")
    op.drop_table("imports")
    op.drop_table("commune_links")
    op.drop_table("commune_aliases")
    op.drop_table("communes")
    op.drop_table("provinces")
