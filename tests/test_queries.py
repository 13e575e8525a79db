"""Every named query answers with the exact rows an analyst should get from the built graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.queries import catalogue, resolve_query, rows, run
from kg.store import KgStore

LEG = "http://www.legislation.gov.uk/id/ukpga/"
ID = "https://w3id.org/csckg/id/"


def _rows(store: KgStore, name: str, **params: str) -> list[dict[str, str | None]]:
    return rows(run(store, resolve_query(name), params))[1]


def test_every_query_is_documented() -> None:
    queries = catalogue()
    assert len(queries) >= 8
    for query in queries.values():
        assert query.title and query.description, query.name
        for param in query.params:
            assert param.description, f"{query.name}: parameter {param.name} is undocumented"


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_query_runs_on_the_built_graph(built_store: KgStore, name: str) -> None:
    columns, _ = rows(run(built_store, resolve_query(name), {}))
    assert columns


def test_duties_by_act_lists_sections_1_to_3_with_bearer_beneficiary_and_modality(built_store: KgStore) -> None:
    got = _rows(built_store, "duties-by-act")
    first = [
        (r["section_number"], r["duty_label"], r["bearer_label"], r["beneficiary_label"], r["modality"])
        for r in got[:4]
    ]
    assert first == [
        ("1", "Corporate parenting principles", "local authority in England",
         "former relevant child; looked-after child; relevant child", "have-regard"),
        ("2", "Consult before publishing the local offer for care leavers", "local authority in England", "care leaver", "duty"),
        ("2", "Publish a local offer for care leavers", "local authority in England", "care leaver", "duty"),
        ("3", "Personal adviser for care leavers up to 25", "local authority in England", "former relevant child", "duty"),
    ]
    assert got[3]["section"] == LEG + "2017/16/section/3"
    assert got[3]["duty"] == ID + "duty/ukpga-2017-16-s3-personal-adviser-to-25"
    assert [r["section_number"] for r in got] == [
        "1", "2", "2", "3", "4", "4", "5", "6", "8", "9", "12", "13", "13", "14", "16", "17", "18",
        "24", "25", "26", "33", "34", "35", "37", "39", "39", "40", "41", "42", "44", "44", "64",
    ]


def test_duties_by_act_takes_another_act(built_store: KgStore) -> None:
    got = _rows(built_store, "duties-by-act", act=LEG + "1989/41")
    assert [(r["section_number"], r["modality"]) for r in got] == [
        ("17", "duty"), ("20", "duty"), ("22", "duty"), ("22", "duty"), ("22", "duty"),
        ("23C", "duty"), ("23CZA", "duty"), ("47", "duty"),
    ]


def test_duties_in_force_before_the_2017_act_commenced(built_store: KgStore) -> None:
    got = _rows(built_store, "duties-in-force", as_of="2018-01-01")
    assert [(r["act_label"], r["section_number"], r["in_force_from"]) for r in got] == [
        ("Children Act 1989", "17", "1991-10-14"),
        ("Children Act 1989", "20", "1991-10-14"),
        ("Children Act 1989", "22", "1991-10-14"),
        ("Children Act 1989", "23CZA", "2014-05-13"),
        ("Children Act 1989", "47", "1991-10-14"),
        ("Children and Social Work Act 2017", "8", "2017-10-31"),
        ("Children and Social Work Act 2017", "9", "2017-10-31"),
        ("Children and Social Work Act 2017", "33", "2017-10-31"),
        ("Children and Social Work Act 2017", "42", "2017-10-31"),
    ]


def test_personal_adviser_duty_applies_from_1_april_2018(built_store: KgStore) -> None:
    duty = ID + "duty/ukpga-2017-16-s3-personal-adviser-to-25"
    assert duty not in {r["duty"] for r in _rows(built_store, "duties-in-force", as_of="2018-03-31")}
    assert duty in {r["duty"] for r in _rows(built_store, "duties-in-force", as_of="2018-04-01")}


def test_body_lifecycle(built_store: KgStore) -> None:
    got = [
        (r["body_label"], r["event"], r["date"], r["provision"], r["successor_label"])
        for r in _rows(built_store, "body-lifecycle")
    ]
    assert got == [
        ("General Social Care Council", "transfer of functions", "2012-08-01", LEG + "2012/7/section/213",
         "Health and Care Professions Council"),
        ("General Social Care Council", "abolition", "2012-10-01", LEG + "2012/7/section/212", None),
        ("Adoption Counts", "establishment", "2017-07-03", LEG + "2002/38/section/3ZA", None),
        ("Social Work England", "establishment", "2018-04-01", LEG + "2017/16/section/36", None),
        ("Child Safeguarding Practice Review Panel", "establishment", "2018-06-29", LEG + "2004/31/section/16A", None),
        ("Local Safeguarding Children Boards", "replacement", "2019-09-29", LEG + "2017/16/section/30",
         "Safeguarding partner arrangements"),
        ("Health and Care Professions Council", "transfer of functions", "2019-12-02", LEG + "2017/16/section/36",
         "Social Work England"),
        ("Clinical Commissioning Groups", "replacement", "2022-07-01", LEG + "2022/31", "Integrated Care Boards"),
    ]


def test_amendments_made_by_the_2017_act(built_store: KgStore) -> None:
    got = [
        (r["provision"].rsplit("/", 1)[-1], r["effect"], r["target"].removeprefix(LEG), r["target_act_label"])
        for r in _rows(built_store, "amendments", act=LEG + "2017/16")
    ]
    inserted_2004 = [(str(12 + i), "inserts", f"2004/31/section/16{c}", "Children Act 2004") for i, c in enumerate("ABCDEFGHIJKLMNOPQ")]
    assert got == [
        ("3", "inserts", "1989/41/section/23CZB", "Children Act 1989"),
        ("4", "inserts", "1989/41/section/23ZZA", "Children Act 1989"),
        ("7", "amends", "2008/23/section/20", "Children and Young Persons Act 2008"),
        ("7", "inserts", "2008/23/section/20/2A", "Children and Young Persons Act 2008"),
        ("8", "amends", "1989/41/section/31", "Children Act 1989"),
        ("9", "amends", "2002/38/section/1", "Adoption and Children Act 2002"),
        *inserted_2004,
        ("29", "amends", "2004/31/section/66", "Children Act 2004"),
        ("30", "repeals", "2004/31/section/13", "Children Act 2004"),
        ("30", "repeals", "2004/31/section/14", "Children Act 2004"),
        ("30", "repeals", "2004/31/section/15", "Children Act 2004"),
        ("30", "repeals", "2004/31/section/16", "Children Act 2004"),
    ]


def test_posts_and_holders_of_cheshire_east_on_the_meeting_date(built_store: KgStore) -> None:
    got = [
        (r["post_label"], r["unit_label"], r["holder_label"], r["reports_to_label"], r["observed_on"])
        for r in _rows(built_store, "posts-and-holders", council="Cheshire East Council", as_of="2017-07-04")
    ]
    assert got == [
        ("Cabinet Member for Children and Families, Cheshire East Council", "Cabinet, Cheshire East Council",
         "George Hayes", None, "2017-07-04"),
        ("Director of Children's Services, Cheshire East Council", "Cheshire East Council", None, None, None),
        ("Director of Children's Social Care, Cheshire East Council", "Cheshire East Council",
         "Nigel Moorhouse", None, "2017-07-04"),
        ("Head of Children's Developments & Partnerships, Cheshire East Council", "Cheshire East Council",
         "Gill Betton", None, "2017-07-04"),
        ("Lead Member for Children's Services, Cheshire East Council", "Cheshire East Council", None, None, None),
        # Kerry Birtles joins in August 2017, so on 4 July the post has no holder.
        ("Head of Service, Cared for Children, Cheshire East Council", "Children and Families Service, Cheshire East Council",
         None, "Director of Children's Social Care, Cheshire East Council", None),
    ]


def test_posts_and_holders_after_the_new_head_of_service_joined(built_store: KgStore) -> None:
    got = _rows(built_store, "posts-and-holders", council="Cheshire East", as_of="2017-09-01")
    holders = {r["post"].rsplit("/", 1)[-1]: r["holder_label"] for r in got}
    assert holders["head-of-service-cared-for-children"] == "Kerry Birtles"
    assert [r["start"] for r in got if r["holder_label"] == "Kerry Birtles"] == ["2017-08"]


def test_duties_in_the_shape_of_the_tna_dataset(built_store: KgStore) -> None:
    got = _rows(built_store, "duties-tna")
    s3 = [r for r in got if r["duty"] == ID + "duty/ukpga-2017-16-s3-personal-adviser-to-25"]
    assert [(r["section"], r["actor"], r["modality"], r["inference"]) for r in s3] == [
        (LEG + "2017/16/section/3", "local authority in England", "duty", "explicit")
    ]
    assert {r["modality"] for r in got} == {"duty", "power"}


def test_query_files_are_the_catalogue() -> None:
    names = sorted(p.stem for p in (Path(__file__).parents[1] / "queries").glob("*.rq"))
    assert names == sorted(catalogue())
