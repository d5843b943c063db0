"""``criteria/components.yaml``: one table of the 17 MOF components, read by the inventory and every lens."""

from __future__ import annotations

import pytest

from openness.components_table import component_table, parse_table
from openness.errors import CriteriaError
from openness.frameworks import mof, osai, osaid
from openness.inventory.components import COMPONENTS, DETECTORS
from openness.inventory.model import SLOT_COMPONENTS

ROW = """components:
  - key: architecture
    mof_id: 9
    name: Model architecture
    content_type: code
    license_slot: code
    mof_class: III
    osaid: code
    osai: [hardware_architecture]
"""


def test_the_shipped_table_has_the_tools_17_components_in_class_order():
    rows = component_table().components
    assert len(rows) == 17 and len({r.mof_id for r in rows}) == 17
    required = [r.mof_class for r in rows if r.mof_class]
    assert required == sorted(required, key=("III", "II", "I").index)
    assert sum(r.mof_class == "III" for r in rows) == 6 and len(required) == 14


def test_inventory_mof_lens_and_slots_all_read_the_table():
    rows = component_table().components
    assert [(s.key, s.mof_id, s.name, s.content_type, s.license_slot) for s in COMPONENTS] == \
        [(r.key, r.mof_id, r.name, r.content_type, r.license_slot) for r in rows]
    assert set(DETECTORS) == {r.key for r in rows}
    assert mof.SPECS == rows
    assert sorted(key for keys in SLOT_COMPONENTS.values() for key in keys) == sorted(r.key for r in rows)
    assert "sample_outputs" in SLOT_COMPONENTS["documents"]  # the copy it replaces had lost it


def test_osaid_and_osai_take_their_component_lists_from_the_table():
    assert set(osaid.CODE_COMPONENTS) == {"architecture", "training_code", "inference_code", "evaluation_code",
                                          "preprocessing_code", "supporting_libraries"}
    assert osai._KINDS == {"code": ("architecture", "training_code", "inference_code"),
                           "weights": ("final_parameters",), "data": ("datasets",)}


@pytest.mark.parametrize("bad, message", [
    (ROW.replace("content_type: code", "content_type: weights"), "components.0.content_type"),
    (ROW.replace("mof_class: III", "mof_class: IV"), "components.0.mof_class"),
    (ROW.replace("    osai: [hardware_architecture]\n", ""), "components.0.osai"),
    (ROW + ROW[len("components:\n"):], "key repeated: architecture"),
    (ROW.replace("osaid: code", "osaid: code\n    extra: 1"), "components.0.extra"),
    ("components: [unclosed", "not valid YAML"),
])
def test_a_malformed_table_names_the_file_and_the_field(bad, message):
    with pytest.raises(CriteriaError) as error:
        parse_table(bad, "criteria/components.yaml")
    assert str(error.value).startswith("criteria/components.yaml: ") and message in str(error.value)
