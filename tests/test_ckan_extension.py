"""ckanext-pgsearch on its own, against the real CKAN it is pinned to.

The extension replaces CKAN internals (there is no search-backend interface), so these tests are
what fails first when CKAN is upgraded: the pinned version is the one running, the internals it
replaces still exist, and datasets are indexed, found by organization, and hidden when private.
"""

from __future__ import annotations

import re
import stat
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ckanapi  # type: ignore[import-untyped]
import pytest
from ckan_site import REQUIREMENTS, Site, running_site


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    with running_site() as running:
        yield running


def _name(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def orgs(site: Site) -> dict[str, dict[str, Any]]:
    """Two organizations, each with one public dataset; the first also with a private one."""
    api = site.api()
    made: dict[str, dict[str, Any]] = {}
    for key in ("a", "b"):
        org = api.action.organization_create(name=_name(f"org-{key}"), title=f"Organization {key.upper()}")
        dataset = api.action.package_create(
            name=_name(f"public-{key}"),
            title=f"Public dataset {key.upper()} about falcons",
            notes="Indexed through PostgreSQL.",
            owner_org=org["name"],
            tags=[{"name": f"tag-{key}"}, {"name": "shared"}],
            extras=[{"key": "colour", "value": "sand" if key == "a" else "sea"}],
        )
        made[key] = {"org": org, "public": dataset}
    made["a"]["private"] = api.action.package_create(
        name=_name("private-a"),
        title="Private dataset about falcons",
        owner_org=made["a"]["org"]["name"],
        private=True,
    )
    return made


def _names(result: dict[str, Any]) -> set[str]:
    return {d["name"] for d in result["results"]}


def test_the_pinned_ckan_runs_with_the_extension_loaded(site: Site) -> None:
    pinned = re.search(r"^ckan\[requirements\]==(\S+)$", REQUIREMENTS.read_text(), re.M)
    assert pinned, "ckan/requirements.txt must pin ckan[requirements]==X.Y.Z"
    status = site.api(token=False).action.status_show()
    assert status["ckan_version"] == pinned.group(1)
    assert "pgsearch" in status["extensions"]


def test_the_ckan_internals_it_replaces_still_exist(site: Site) -> None:
    check = "from ckanext.pgsearch.plugin import check_internals; check_internals()"
    result = subprocess.run([str(site.venv_python), "-c", check], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_new_dataset_is_indexed_and_found_by_search(site: Site, orgs: dict[str, Any]) -> None:
    found = site.api().action.package_search(q="falcons", rows=100)
    assert {orgs["a"]["public"]["name"], orgs["b"]["public"]["name"]} <= _names(found)
    # Results are whole dataset dicts, as CKAN returns them from Solr.
    result = next(d for d in found["results"] if d["name"] == orgs["a"]["public"]["name"])
    assert result["organization"]["name"] == orgs["a"]["org"]["name"]
    assert {t["name"] for t in result["tags"]} == {"tag-a", "shared"}


def test_an_update_is_reindexed_and_a_deletion_unindexed(site: Site, orgs: dict[str, Any]) -> None:
    api = site.api()
    dataset = api.action.package_create(
        name=_name("changing"), title="Kestrels", owner_org=orgs["b"]["org"]["name"]
    )
    assert _names(api.action.package_search(q="kestrels")) == {dataset["name"]}
    api.action.package_patch(id=dataset["id"], title="Ospreys")
    assert _names(api.action.package_search(q="kestrels")) == set()
    assert _names(api.action.package_search(q="ospreys")) == {dataset["name"]}
    api.action.package_delete(id=dataset["id"])
    assert _names(api.action.package_search(q="ospreys")) == set()


def test_search_by_organization_returns_only_its_datasets(site: Site, orgs: dict[str, Any]) -> None:
    for key, other in (("a", "b"), ("b", "a")):
        found = site.api(token=False).action.package_search(fq=f"organization:{orgs[key]['org']['name']}")
        assert _names(found) == {orgs[key]["public"]["name"]}
        assert orgs[other]["public"]["name"] not in _names(found)


def test_facets_count_datasets_per_organization_and_tag(site: Site, orgs: dict[str, Any]) -> None:
    names = " OR ".join(orgs[k]["org"]["name"] for k in ("a", "b"))
    found = site.api(token=False).action.package_search(
        fq=f"organization:({names})", **{"facet.field": '["organization", "tags"]'}
    )
    counts = {f: {i["name"]: i["count"] for i in v["items"]} for f, v in found["search_facets"].items()}
    assert counts["organization"] == {orgs["a"]["org"]["name"]: 1, orgs["b"]["org"]["name"]: 1}
    assert counts["tags"] == {"shared": 2, "tag-a": 1, "tag-b": 1}


def test_private_datasets_are_hidden_from_anonymous_users(site: Site, orgs: dict[str, Any]) -> None:
    private = orgs["a"]["private"]["name"]
    anonymous = site.api(token=False).action
    assert private not in _names(anonymous.package_search(q="falcons", include_private=True, rows=100))
    with pytest.raises(ckanapi.errors.NotAuthorized):
        anonymous.package_show(id=private)
    assert private in _names(site.api().action.package_search(q="falcons", include_private=True, rows=100))
    assert private not in _names(site.api().action.package_search(q="falcons", rows=100))


def test_private_datasets_are_visible_to_members_only(site: Site, orgs: dict[str, Any]) -> None:
    api = site.api()
    user = api.action.user_create(
        name=_name("reader"), email=f"{_name('reader')}@example.invalid", password=uuid.uuid4().hex
    )
    token = api.action.api_token_create(user=user["name"], name="tests")["token"]
    reader = ckanapi.RemoteCKAN(site.url, apikey=token).action
    private = orgs["a"]["private"]["name"]
    assert private not in _names(reader.package_search(q="falcons", include_private=True, rows=100))
    api.action.organization_member_create(id=orgs["a"]["org"]["id"], username=user["name"], role="member")
    assert private in _names(reader.package_search(q="falcons", include_private=True, rows=100))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": '"public dataset a"'}, {"a"}),
        ({"q": "falcons -tags:tag-a"}, {"b"}),
        ({"q": "tags:tag-a OR tags:tag-b"}, {"a", "b"}),
        ({"q": "colour:sand"}, {"a"}),
        ({"q": "title:Public*"}, {"a", "b"}),
        ({"q": "metadata_created:[2000-01-01T00:00:00Z TO *]", "fq": "tags:shared"}, {"a", "b"}),
        ({"q": "metadata_created:[* TO 2000-01-01T00:00:00Z]", "fq": "tags:shared"}, set()),
        ({"q": "metadata_modified:[NOW-1DAY TO NOW+1DAY]", "fq": "tags:shared"}, {"a", "b"}),
        ({"q": "metadata_modified:[* TO NOW-1DAY]", "fq": "tags:shared"}, set()),
    ],
)
def test_solr_query_syntax_is_understood(
    site: Site, orgs: dict[str, Any], query: dict[str, str], expected: set[str]
) -> None:
    ours = {orgs[k]["public"]["name"]: k for k in ("a", "b")}
    found = site.api().action.package_search(rows=1000, **query)
    assert {ours[n] for n in _names(found) if n in ours} == expected


def test_sorting_and_paging(site: Site, orgs: dict[str, Any]) -> None:
    fq = "tags:shared"
    ascending = site.api().action.package_search(fq=fq, sort="name asc", rows=1)
    descending = site.api().action.package_search(fq=fq, sort="name desc", rows=1, start=0)
    second = site.api().action.package_search(fq=fq, sort="name asc", rows=1, start=1)
    assert ascending["count"] == descending["count"] == 2
    assert [d["name"] for d in ascending["results"]] == [orgs["a"]["public"]["name"]]
    assert [d["name"] for d in descending["results"]] == [orgs["b"]["public"]["name"]]
    assert second["results"][0]["name"] == orgs["b"]["public"]["name"]


def test_an_invalid_query_is_a_client_error(site: Site) -> None:
    with pytest.raises(ckanapi.errors.CKANAPIError):
        site.api().action.package_search(q="title:(unbalanced")


def test_dataset_and_organization_pages_render(site: Site, orgs: dict[str, Any]) -> None:
    import requests

    for path in (
        "/dataset/?q=falcons",
        f"/dataset/{orgs['a']['public']['name']}",
        f"/organization/{orgs['a']['org']['name']}",
    ):
        response = requests.get(site.url + path, timeout=30)
        assert response.status_code == 200, path
        assert orgs["a"]["public"]["title"] in response.text, path


def test_the_config_holding_the_token_signing_secret_is_readable_by_its_owner_only(site: Site) -> None:
    ini = Path(site.info["ckan_ini"])
    assert re.search(r"^SECRET_KEY = \S+", ini.read_text(), re.MULTILINE)  # signs the API tokens
    assert stat.S_IMODE(ini.stat().st_mode) == 0o600
