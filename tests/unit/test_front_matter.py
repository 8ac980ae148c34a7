"""The front-matter check reads well-formed pages with libyaml and anything else with the careful parser."""

import datetime

import pytest

from kb.errors import KbError
from kb.front_matter import check_front_matter
from kb.yaml_source import plain_yaml

TOP = "---\ntitle: 折り返し\ndescription: d\nowner: 担当\nreviewed: 2026-11-01\n"


def test_a_well_formed_page_is_read_by_the_fast_path():
    assert plain_yaml(TOP.removeprefix("---\n"))["reviewed"] == datetime.date(2026, 11, 1)
    meta = check_front_matter(TOP + "---\n\n# 折り返し\n", "docs/ja/x.md", "ja")
    assert (meta.title, meta.owner, meta.reviewed) == ("折り返し", "担当", datetime.date(2026, 11, 1))


@pytest.mark.parametrize(
    "text",
    [
        "title: a\ntitle: b\n",  # libyaml keeps the last of two keys
        "base: &base {a: 1}\nother:\n  <<: *base\n",  # a merge key
        "loop: &loop [*loop]\n",  # a value that contains itself
        "? [a, b]\n: c\n",  # a key that is not text
        "reviewed: 2026-13-01\n",  # a date that does not exist
        "title: [unclosed\n",
        "",
    ],
)
def test_what_the_fast_path_would_read_differently_goes_to_the_careful_parser(text):
    assert plain_yaml(text) is None


@pytest.mark.parametrize(
    "extra,message",
    [
        ("title: again\n", r"docs/ja/x.md:6: duplicate key 'title'"),
        ("loop: &loop [*loop]\n", r"docs/ja/x.md:6: an alias \(\*name\) refers to a value that contains it"),
        ("reviewed_by: [unclosed\n", r"docs/ja/x.md:\d+: YAML syntax error"),
        ("review_interval_months: many\n", r"docs/ja/x.md:6: review_interval_months: "),
    ],
)
def test_a_problem_is_reported_with_its_line_as_before(extra, message):
    with pytest.raises(KbError, match=message):
        check_front_matter(TOP + extra + "---\n", "docs/ja/x.md", "ja")
