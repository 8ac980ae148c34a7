"""Property: whatever a data file holds, the loader returns a valid checklist or raises KbError.

Never another exception (a traceback in the writer's build log), and the error is
always one line that starts with the file's name.
"""

import os
import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.checklists import Checklist, load_checklist
from kb.errors import KbError

SHOWN_AS = "data/checklists/demo.yml"
PAGES = {"onboarding", "playbooks/after-hours-contact"}
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "300"))  # more for a deeper local run
KEYS = ["id", "version", "playbook", "title", "intro", "items", "sections", "text", "note", "link", "page", "anchor", "ja", "zh"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(["demo", "onboarding", "a", "a-b", "Bad_Id", "", " ", "<script>x</script>", "2024-13-45", "1:2:3"]),
)
keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=8), st.integers(), st.booleans(), st.none())
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=6)),
    max_leaves=40,
)
localized = st.one_of(st.fixed_dictionaries({"ja": st.text(max_size=5), "zh": st.text(max_size=5)}), structures)
item = st.fixed_dictionaries(
    {"id": st.one_of(st.sampled_from(["a", "b", "a"]), structures), "text": localized},
    optional={"note": localized, "link": st.fixed_dictionaries({"page": st.sampled_from(["onboarding", "nope"]), "text": localized})},
)
checklist_shaped = st.fixed_dictionaries(
    {"id": st.sampled_from(["demo", "other", "Demo"]), "version": st.one_of(st.integers(0, 3), structures)},
    optional={
        "playbook": st.sampled_from(["onboarding", "playbooks/after-hours-contact", "nowhere", "A/B"]),
        "title": localized,
        "intro": localized,
        "items": st.lists(item, max_size=4),
        "sections": st.lists(
            st.fixed_dictionaries({"id": st.sampled_from(["s", "t"]), "title": localized, "items": st.lists(item, max_size=3)}), max_size=3
        ),
        "extra": structures,
    },
)


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "demo.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    try:
        result = load_checklist(path, SHOWN_AS, PAGES)
    except KbError as error:
        line = str(error)
        assert line.startswith(SHOWN_AS), line
        assert "\n" not in line and "\r" not in line, line
        return error
    assert isinstance(result, Checklist)
    return result


fast = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@fast
@given(data=st.one_of(structures, checklist_shaped))
def test_any_yaml_structure_loads_or_raises_kb_error(tmp_path, data):
    load(tmp_path, yaml.safe_dump(data, allow_unicode=True))


@fast
@given(text=st.text(alphabet=st.sampled_from(list(string.printable) + list("\x00\x07\u3042\u200b\ufeff{}[]:-#&*!|>'\"%@`")), max_size=200))
def test_any_text_loads_or_raises_kb_error(tmp_path, text):
    load(tmp_path, text)


@fast
@given(raw=st.binary(max_size=100))
def test_any_bytes_load_or_raise_kb_error(tmp_path, raw):
    load(tmp_path, raw)


def test_a_self_referencing_alias_is_an_error_not_a_crash(tmp_path):
    error = load(tmp_path, "id: demo\nloop: &a [*a]\n")
    assert isinstance(error, KbError)


def test_an_impossible_date_is_an_error_not_a_crash(tmp_path):
    error = load(tmp_path, "id: demo\nversion: 2024-13-45\n")
    assert str(error) == f"{SHOWN_AS}:2: invalid value '2024-13-45': month must be in 1..12"
