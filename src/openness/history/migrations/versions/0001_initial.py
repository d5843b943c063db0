"""The first schema: records, and their dimension scores, verdicts and component licences.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "records",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("target_kind", sa.String(32), nullable=False),
        sa.Column("target_id", sa.String(512), nullable=False),
        sa.Column("revision", sa.String(255)),
        sa.Column("recorded_at", sa.String(32), nullable=False),
        sa.Column("tool_version", sa.String(64), nullable=False),
        sa.Column("profile", sa.String(255), nullable=False),
        sa.Column("criteria_digest", sa.String(64), nullable=False),
        sa.Column("overall", sa.Float),
        sa.Column("grade", sa.String(8), nullable=False),
        sa.Column("coverage", sa.Float, nullable=False),
        sa.Column("report", sa.Text, nullable=False),
    )
    op.create_index("ix_records_target_time", "records", ["target_kind", "target_id", "recorded_at"])
    op.create_index("ix_records_overall", "records", ["overall"])
    op.create_table(
        "dimension_scores",
        sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("dimension", sa.String(64), primary_key=True),
        sa.Column("score", sa.Float),
        sa.Column("coverage", sa.Float, nullable=False),
    )
    op.create_index("ix_dimension_scores_dimension", "dimension_scores", ["dimension", "score"])
    op.create_table(
        "verdicts",
        sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("lens", sa.String(64), primary_key=True),
        sa.Column("verdict", sa.String(255), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("rank", sa.Float),
    )
    op.create_index("ix_verdicts_lens", "verdicts", ["lens", "verdict"])
    op.create_table(
        "component_licences",
        sa.Column("record_id", sa.Integer, sa.ForeignKey("records.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("component", sa.String(64), primary_key=True),
        sa.Column("slot", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("license_id", sa.String(255)),
        sa.Column("access", sa.String(16)),
    )


def downgrade() -> None:
    for table in ("component_licences", "verdicts", "dimension_scores", "records"):
        op.drop_table(table)
