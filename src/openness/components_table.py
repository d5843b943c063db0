"""The Model Openness Framework's component table (``criteria/components.yaml``), loaded once.

One row per component: its inventory key, the Model Openness Tool's id and name, content
type, licence slot, the weakest MOF class requiring it, and the OSAID element and OSAI index
dimensions it is evidence for. The inventory, the lenses and the reporters all read this
table; none keeps a list of its own. It imports nothing of the package's analysis, so any
layer may read it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import CriteriaError, first_problem
from .yaml_loading import safe_load

ContentType = Literal["code", "data", "document"]
LicenseSlot = Literal["code", "weights", "data", "documents"]
MofClass = Literal["I", "II", "III"]
OsaidElement = Literal["code", "parameters", "data information"]
OsaiDimension = Literal["datasources_basemodel", "datasources_endmodel", "weights_basemodel", "weights_endmodel",
                        "trainingcode", "code", "hardware_architecture", "preprint", "paper", "modelcard",
                        "datasheet", "licenses"]
SLOTS: tuple[LicenseSlot, ...] = ("code", "weights", "data", "documents")
TABLE_FILE = "criteria/components.yaml"


class ComponentRow(BaseModel):
    """One component of the table."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(pattern=r"^[a-z][a-z_]*$", description="The inventory's name for it, used in JSON reports.")
    mof_id: int = Field(description="The Model Openness Tool's component id.")
    name: str = Field(min_length=1, description="The Tool's name, exactly: records are matched on it.")
    content_type: ContentType
    license_slot: LicenseSlot
    mof_class: MofClass | None = Field(description="Weakest MOF class that requires it; None = optional.")
    osaid: OsaidElement | None = Field(description="The OSAID 1.0 required element it evidences, if any.")
    osai: tuple[OsaiDimension, ...] = Field(description="OSAI index dimensions it is evidence for.")


class ComponentTable(BaseModel):
    """The whole table, in the Model Openness Tool's order (classes III, II, I)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    components: tuple[ComponentRow, ...]

    @model_validator(mode="after")
    def _unique(self) -> ComponentTable:
        for field in ("key", "mof_id", "name"):
            values = [getattr(row, field) for row in self.components]
            repeated = sorted({str(v) for v in values if values.count(v) > 1})
            if repeated:
                raise ValueError(f"{field} repeated: {', '.join(repeated)}")
        return self

    def keys(self, *, slot: LicenseSlot | None = None, osaid: OsaidElement | None = None,
             osai: OsaiDimension | None = None) -> tuple[str, ...]:
        """Keys of the components matching every filter given, in table order."""
        return tuple(row.key for row in self.components
                     if (slot is None or row.license_slot == slot) and (osaid is None or row.osaid == osaid)
                     and (osai is None or osai in row.osai))


def parse_table(text: str, where: str = TABLE_FILE) -> ComponentTable:
    """A table from YAML text; a malformed one raises ``CriteriaError`` naming the file and the field."""
    try:
        data = safe_load(text)
    except yaml.YAMLError as error:
        raise CriteriaError(f"{where}: not valid YAML ({error})") from None
    try:
        return ComponentTable.model_validate(data)
    except ValidationError as error:
        field, message = first_problem(error)
        raise CriteriaError(f"{where}: {field}: {message}") from None


@cache
def component_table() -> ComponentTable:
    """The table shipped with the package."""
    text = resources.files("openness").joinpath(TABLE_FILE).read_text(encoding="utf-8")
    return parse_table(text)


def slot_components() -> dict[LicenseSlot, tuple[str, ...]]:
    """Which components each licence slot covers."""
    table = component_table()
    return {slot: table.keys(slot=slot) for slot in SLOTS}
