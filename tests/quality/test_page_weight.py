"""A first visit to a playbook page stays under a committed byte budget, with nothing from outside."""

import pytest

# Bytes a first visit may load (HTML, CSS, JS, fonts, images, search data). Raise it only on purpose.
BUDGET = {"playbooks/after-hours-contact/": 650_000, "zh/playbooks/after-hours-contact/": 650_000}


@pytest.mark.parametrize("path", sorted(BUDGET))
def test_first_visit_fits_the_budget(page, site_url, path):
    loaded = {}

    def count(response):
        try:
            loaded[response.url] = len(response.body())
        except Exception:  # redirects and aborted requests have no body
            loaded[response.url] = 0

    page.on("response", count)
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    total = sum(loaded.values())
    print(f"{path}: {total} bytes in {len(loaded)} requests")
    assert total <= BUDGET[path], sorted(loaded.items(), key=lambda item: -item[1])[:8]
    assert page.outside_requests == []
