"""Generated site-level pages and files: the comparison across plans, each plan's data as
JSON with the schemas beside it, and a one-page print version of each plan."""

from __future__ import annotations

import json
from pathlib import Path

from ..web.i18n import msg
from ..web.registry import GeneratedFile, fragment, generator
from ..text import localized
from .common import actors, derived, front_matter, page


def _plans(dataset):
    return [(plan_id, docs) for plan_id, docs in sorted(dataset.plans.items()) if "plan" in docs]


@generator
def site_pages(state):
    dataset = state.dataset
    yield GeneratedFile("vertailu.md", front_matter(
        "Suunnitelmien vertailu",
        "Hyvinvointialueiden järjestöyhteistyön suunnitelmat rinnakkain: toimielimet, "
        "järjestöpaikat, kokoontumisrytmit, avustusmuodot ja arvot.")
        + "<!-- data:plans-comparison -->\n")
    for plan_id, docs in _plans(dataset):
        plan = state.model(plan_id).plan
        county = localized(plan.county)
        # The document's own word for itself: Pohjois-Karjala's is an asiakirja.
        kind = plan.document_kind
        yield GeneratedFile(f"{plan_id}/tulosta.md", front_matter(
            f"Tulostettava versio – {county}",
            f"{county}: järjestöyhteistyön {msg(f'document.{kind}.gen', 'fi')} tiedot "
            "yhdellä tulostettavalla sivulla.",
            # Everything on it is on the plan's other pages: indexing it again would only
            # double the search index that every phone downloads.
            searchable=False)
            + "<!-- data:plan-print -->\n")
    for path in sorted((Path(dataset.root) / "schemas").glob("*.schema.json")):
        yield GeneratedFile(f"schemas/{path.name}", path.read_bytes())


def _open_data_paths(state):
    return [f"{plan_id}/data.json" for plan_id, _ in _plans(state.dataset)]


# No page reads the data files: the build may write them in another process meanwhile.
@generator(paths=_open_data_paths)
def open_data_files(state):
    for plan_id, docs in _plans(state.dataset):
        # The plan's data as one JSON document: exactly what the YAML files hold. Written
        # from the checked values, not the records: a record cannot tell a key the data
        # left out from one it gave with the default (plural: false, seasons: []), and
        # monitoring, cooperation and accessibility have no records; the open data
        # publishes the files as they are.
        data = {"plan": plan_id, "files": {kind: doc.value for kind, doc in sorted(docs.items())}}
        yield GeneratedFile(f"{plan_id}/data.json",
                            json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


@fragment("plans-comparison")
def plans_comparison(context, arg) -> str:
    plans = []
    for plan_id, _ in _plans(context.dataset):
        sub = context.for_plan(plan_id)
        found = actors(sub)
        model = sub.model()
        plans.append({
            "id": plan_id, "plan": model.plan,
            "bodies": model.bodies, "networks": model.networks,
            "link": lambda ident, f=found: f.link(ident),
            "grants": model.grants, "items": derived(sub)["items"],
            "has": {kind: model.has(kind) for kind in ("bodies", "networks", "grants", "calendar")},
        })
    return page("comparison.html", context, plans=plans, url=context.url)


@fragment("plan-print", reuses=True)
def plan_print(context, arg) -> str:
    """Everything of one plan in one page, in reading order, for printing."""
    names = ["plan-summary", "plan-aim", "plan-values", "bodies-index", "networks-index",
             "grants-overview", "grant-types", "calendar-rhythms", "calendar-list",
             "plan-contacts", "plan-channels", "goals", "plan-sources"]
    from ..web.render import _rebase_headings, fragment_html
    # The same output as on the plan's other pages, reused when they were rendered first.
    # Each part's heading: the catalogue's print.part.<fragment name>.
    parts = [(msg("print.part." + n.replace("-", "_")),
              _rebase_headings(fragment_html(context, n, None), 3)) for n in names]
    return page("plan_print.html", context, parts=parts, plan=context.plan())


@fragment("open-data-list")
def open_data_list(context, arg) -> str:
    plans = [context.for_plan(plan_id).model().plan for plan_id, _ in _plans(context.dataset)]
    return page("open_data.html", context, plans=plans, schemas=None, url=context.url)


@fragment("open-data-schemas")
def open_data_schemas(context, arg) -> str:
    schemas = []
    for path in sorted((Path(context.dataset.root) / "schemas").glob("*.schema.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        schemas.append({"file": path.name, "title": doc.get("title", path.name),
                        "description": doc.get("description", "")})
    return page("open_data.html", context, plans=None, schemas=schemas, url=context.url)
