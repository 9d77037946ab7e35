"""A commune is a xã, a phường or a đặc khu: set on the form and by an import, generated in the country's
proportion, and named by its kind on the pages that list communes."""

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.urls import reverse

from xaso import demo_documents as dd
from xaso.accounts.models import ApiToken
from xaso.core import communes
from xaso.extract.model import ExtractedPlan
from xaso.plans.demo import kinds_of
from xaso.plans.importing import import_warnings
from xaso.plans.models import Commune, Province

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind,text,upper,label", [
    ("xa", "Xã Bình Minh", "XÃ BÌNH MINH", "xã"),
    ("phuong", "Phường Bình Minh", "PHƯỜNG BÌNH MINH", "phường"),
    ("dac_khu", "Đặc khu Bình Minh", "ĐẶC KHU BÌNH MINH", "đặc khu"),
])
def test_a_commune_is_named_by_its_kind(commune, kind, text, upper, label):
    named = Commune.objects.create(province=commune.province, name="Bình Minh", kind=kind)
    assert (str(named), named.title, named.title_upper, named.kind_label) == (text, text, upper, label)
    assert named.phrase == f"{label} Bình Minh" and named.get_kind_display() == text.split(" Bình")[0]


@pytest.mark.parametrize("kind,police", [("xa", ("Công an xã", "CA xã")), ("phuong", ("Công an phường", "CA phường")),
                                         ("dac_khu", ("Công an đặc khu", "CA đặc khu"))])
def test_a_new_commune_has_its_police_named_by_its_kind(commune, kind, police):
    named = Commune.objects.create(province=commune.province, name="Bình Minh", kind=kind)
    assert named.units.filter(kind="police").values_list("name", "short_name").get() == police
    assert named.units.count() == 7


FORMS = [  # what the province officer posts → (kind stored, name stored) or the error's code
    ({"name": "Bến Nghé", "kind": "phuong"}, ("phuong", "Bến Nghé")),
    ({"name": "Phường Bến Nghé", "kind": "phuong"}, ("phuong", "Bến Nghé")),
    ({"name": "Phường Bến Nghé"}, ("phuong", "Bến Nghé")),  # no kind sent: the name's
    ({"name": "đặc khu Côn Đảo"}, ("dac_khu", "Côn Đảo")),
    ({"name": "Xã Phúc Điền"}, ("xa", "Phúc Điền")),
    ({"name": "Phúc Điền"}, ("xa", "Phúc Điền")),
    ({"name": "Phường Bến Nghé", "kind": "xa"}, "kind_mismatch"),  # the name and the choice disagree
    ({"name": "Bến Nghé", "kind": "thi_tran"}, "invalid_choice"),  # thị trấn no longer exist (2025)
]


@pytest.mark.parametrize("data,expected", FORMS)
def test_the_commune_form_takes_the_kind(province_client, commune, data, expected):
    response = province_client.post(reverse("commune_create", args=[commune.province_id]), data)
    if isinstance(expected, str):
        assert response.status_code == 400
        assert expected in [e.code for e in response.context["form"].errors.as_data()["kind"]]
        assert Commune.objects.count() == 1
        return
    assert response.status_code == 302
    created = Commune.objects.exclude(pk=commune.pk).get()
    assert (created.kind, created.name) == expected


def test_editing_a_commune_changes_its_kind_and_keeps_it_when_not_sent(province_client, commune):
    url = reverse("commune_edit", args=[commune.pk])
    page = province_client.get(url).content.decode()
    assert 'name="kind"' in page and "Đặc khu" in page
    assert province_client.post(url, {"name": "Yên Lập", "kind": "phuong"}).status_code == 302
    commune.refresh_from_db()
    assert commune.kind == "phuong"
    assert province_client.post(url, {"name": "Yên Lập"}).status_code == 302
    commune.refresh_from_db()
    assert commune.kind == "phuong" and commune.history.first().kind == "phuong"


def test_the_province_page_lists_each_commune_with_its_kind(province_client, commune):
    Commune.objects.create(province=commune.province, name="Bến Nghé", kind="phuong")
    Commune.objects.create(province=commune.province, name="Côn Đảo", kind="dac_khu")
    page = province_client.get(reverse("province_detail", args=[commune.province_id])).content.decode()
    assert "Phường Bến Nghé" in page and "Đặc khu Côn Đảo" in page and "Xã Yên Lập" in page
    assert "Xã Bến Nghé" not in page and "Xã Côn Đảo" not in page


def test_the_api_gives_the_kind(client, province_officer, commune):
    Commune.objects.create(province=commune.province, name="Bến Nghé", kind="phuong")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {ApiToken.issue(province_officer, 'thử')}"
    listed = {c["name"]: (c["kind"], c["title"]) for c in client.get("/api/communes").json()["items"]}
    assert listed == {"Bến Nghé": ("phuong", "Phường Bến Nghé"), "Yên Lập": ("xa", "Xã Yên Lập")}


IMPORTS = [  # the document's title word, --commune as given → the kind of the commune created
    ("phường", None, "phuong"),
    ("đặc khu", None, "dac_khu"),
    ("xã", None, "xa"),
    ("xã", "Phường Phúc Điền", "phuong"),  # the officer's word wins
    ("phường", "Tân An", "xa"),  # the document's kind is its own commune's, not another's
]


@pytest.mark.parametrize("word,given,kind", IMPORTS)
def test_an_import_creates_the_commune_of_the_kind_named(tmp_path, word, given, kind):
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(dd.to_docx(dd.make_plan(kind=word)))
    call_command("import_plan", str(path), commune=given, province="Minh Sơn", create_commune=True,
                 stdout=io.StringIO())
    created = Commune.objects.get()
    assert created.kind == kind and created.name == (given.split()[-2] + " " + given.split()[-1] if given else "Phúc Điền")
    assert created.plans.get().title == f"Kế hoạch chuyển đổi số {created.phrase} năm 2027"


KIND_WARNINGS = [  # the stored commune's kind, the kind the document gives it → does the officer get a warning
    ("phuong", "xa", True),  # a phường's plan saying "UBND XÃ …": copied from a xã's template
    ("xa", "dac_khu", True),
    ("phuong", "phuong", False),
    ("phuong", None, False),  # the document names no kind
]


@pytest.mark.parametrize("stored,written,warned", KIND_WARNINGS)
def test_an_import_says_when_the_document_names_another_kind(commune, stored, written, warned):
    commune.kind = stored
    commune.save()
    extracted = ExtractedPlan(source="ke-hoach.docx", commune="Yên Lập", commune_kind=written, plan_year=2027)
    found = [w for w in import_warnings(extracted, commune) if "trong hệ thống là" in w]
    assert len(found) == (1 if warned else 0)
    if warned:
        assert found[0].startswith(f"Văn bản ghi “{'xã' if written == 'xa' else 'đặc khu'} Yên Lập”")


@pytest.mark.parametrize("count,expected", [
    (1, {"xa": 1}),
    (2, {"xa": 1, "phuong": 1}),  # a small demo shows a phường
    (4, {"xa": 3, "phuong": 1}),  # `xaso demo`
    (200, {"xa": 158, "phuong": 41, "dac_khu": 1}),
    (1000, {"xa": 789, "phuong": 207, "dac_khu": 4}),
    (3321, {"xa": 2621, "phuong": 687, "dac_khu": 13}),  # the country, exactly
])
def test_the_generator_spreads_kinds_as_the_country_does(count, expected):
    kinds = kinds_of(count, 2026)
    assert Counter(kinds) == expected and kinds[0] == "xa"
    assert kinds == kinds_of(count, 2026) and (count < 10 or kinds != kinds_of(count, 7))  # fixed by the seed


def test_the_demo_has_a_phuong_and_a_country_spreads_its_kinds():
    call_command("demo_data", communes=4, year=2026, no_history=True, stdout=io.StringIO(), stderr=io.StringIO())
    assert Counter(Commune.objects.values_list("kind", flat=True)) == {"xa": 3, "phuong": 1}
    phuong = Commune.objects.get(kind="phuong")
    assert phuong.units.count() == 7 and phuong.plans.get().tasks.filter(lead_unit__short_name="CA phường").exists()
    assert phuong.plans.get().title.startswith("Kế hoạch chuyển đổi số phường ")
    plan = phuong.plans.get()  # its texts say "UBND phường", "Ngân sách phường"; "xã hội số" stays
    texts = [*plan.indicators.values_list("text", flat=True)] + [
        value for task in plan.tasks.all() for value in (task.name, task.output, task.budget_source, task.overseer)]
    assert all(communes.in_kind(text, "phuong") == text for text in texts), [t for t in texts if "xã" in t]
    assert plan.tasks.filter(budget_source="Ngân sách phường").exists()
    call_command("demo_data", provinces=3, communes=12, year=2026, no_history=True, province="Tỉnh Ba Miền",
                 seed=5, stdout=io.StringIO(), stderr=io.StringIO())
    country = Commune.objects.exclude(province__name="Tỉnh Minh Sơn")
    assert Counter(country.values_list("kind", flat=True)) == Counter(kinds_of(12, 5)) == {"xa": 9, "phuong": 3}
    assert Province.objects.count() == 4
    assert all(c.units.count() == 7 for c in country) and country.filter(units__short_name="CA phường").count() == 3
