"""The tables of the history store at the newest schema revision, for the queries.

The migrations in ``migrations/versions`` create and change these tables; they are written out
by hand there (never generated from this module), so an old revision stays what it was. A test
checks that upgrading to head gives exactly these columns.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Integer, MetaData, String, Table, Text

metadata = MetaData()

records = Table(
    "records", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target_kind", String(32), nullable=False),
    Column("target_id", String(512), nullable=False),
    Column("revision", String(255)),
    Column("recorded_at", String(32), nullable=False),
    Column("tool_version", String(64), nullable=False),
    Column("profile", String(255), nullable=False),
    Column("criteria_digest", String(64), nullable=False),
    Column("overall", Float),
    Column("grade", String(8), nullable=False),
    Column("coverage", Float, nullable=False),
    Column("report", Text, nullable=False),
    Column("report_digest", String(64)),  # revision 0002
)
"""One recorded report. ``recorded_at`` is the report's own ``generated_at`` (ISO 8601, UTC), which
sorts as text on every backend."""

dimension_scores = Table(
    "dimension_scores", metadata,
    Column("record_id", Integer, ForeignKey("records.id", ondelete="CASCADE"), primary_key=True),
    Column("dimension", String(64), primary_key=True),
    Column("score", Float),
    Column("coverage", Float, nullable=False),
)

verdicts = Table(
    "verdicts", metadata,
    Column("record_id", Integer, ForeignKey("records.id", ondelete="CASCADE"), primary_key=True),
    Column("lens", String(64), primary_key=True),
    Column("verdict", String(255), nullable=False),
    Column("status", String(16), nullable=False),
    Column("rank", Float),
)

component_licences = Table(
    "component_licences", metadata,
    Column("record_id", Integer, ForeignKey("records.id", ondelete="CASCADE"), primary_key=True),
    Column("component", String(64), primary_key=True),
    Column("slot", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("license_id", String(255)),
    Column("access", String(16)),
)
