"""A digest of each stored report, and an index to find every record of a licence.

Revision ID: 0002
Revises: 0001

Records made before this revision keep a NULL digest: it is only a way to spot identical reports,
and nothing is computed from it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("records") as batch:
        batch.add_column(sa.Column("report_digest", sa.String(64)))
    op.create_index("ix_component_licences_license", "component_licences", ["license_id"])


def downgrade() -> None:
    op.drop_index("ix_component_licences_license", "component_licences")
    with op.batch_alter_table("records") as batch:
        batch.drop_column("report_digest")
