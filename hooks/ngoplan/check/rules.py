"""Rules JSON Schema cannot express: unique ids, references, date order, translations.

Each rule is a small generator yielding (document, path, message); its docstring states
the rule. Rules run on plans whose files all passed their schemas, so a reference into a
broken file is not reported twice.
"""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

from .findings import Finding, did_you_mean, format_path
from ..kinds import BY_NAMESPACE, ENTITY_LISTS
from .schemawalk import reference_paths, text_paths
from .schemas import raw_schema
from ..text import entries, plain

LANGUAGE_NAMES = MappingProxyType({"fi": "suomenkielinen", "sv": "ruotsinkielinen", "en": "englanninkielinen"})


def _all_mappings(value, path=()):
    """Every (path, mapping) in a value, depth first in document order."""
    found = []
    append = found.append
    stack = [(path, value)] if type(value) in (dict, list) else []
    pop, push = stack.pop, stack.append
    while stack:
        here, node = pop()
        if type(node) is dict:
            append((here, node))
            for key in reversed(node):  # reversed: the stack pops them in order
                child = node[key]
                if type(child) is dict or type(child) is list:
                    push((here + (key,), child))
        else:
            for index in range(len(node) - 1, -1, -1):
                child = node[index]
                if type(child) is dict or type(child) is list:
                    push((here + (index,), child))
    return found


def _mappings(doc):
    """_all_mappings of a loaded document, computed once per document (documents are cached)."""
    found = doc.memo.get("mappings")
    if found is None:
        found = doc.memo["mappings"] = _all_mappings(doc.value)
    return found


def _local(rule, doc, *args):
    """A rule's findings within one document, remembered with the document."""
    key = (rule.__name__,) + args
    if key not in doc.memo:
        doc.memo[key] = list(rule(doc, *args))
    return doc.memo[key]


def _namespaces(docs) -> dict[str, dict[str, tuple]]:
    """namespace -> id -> (document, path) of the entities of one plan (kinds.ENTITY_LISTS)."""
    spaces: dict[str, dict[str, tuple]] = {entry.namespace: {} for entry in ENTITY_LISTS}
    for entry in ENTITY_LISTS:
        doc = docs.get(entry.file)
        if doc is None:
            continue
        for index, entity in enumerate(entries(doc.value.get(entry.key))):
            spaces[entry.namespace][entity["id"]] = (doc, (entry.key, index))
    return spaces


def unique_ids(docs):
    """An id is used once within a plan, across all its files: ids become URLs and UIDs."""
    seen: dict[str, tuple] = {}
    for kind, doc in docs.items():
        for path, mapping in _mappings(doc):
            if not path or not isinstance(path[-1], int) or not isinstance(mapping.get("id"), str):
                continue
            ident = mapping["id"]
            if ident in seen:
                first_doc, first_path = seen[ident]
                line, _ = first_doc.position(first_path + ("id",))
                yield doc, path + ("id",), (
                    f"tunniste '{ident}' on jo käytössä ({first_doc.file} rivi {line}); "
                    "anna uusi tunniste, jota ei ole käytetty ennen")
            else:
                seen[ident] = (doc, path)


# What to say when a namespace is still empty: how to add the first one.
NONE_YET = MappingProxyType({
    "seasons": "Kausia ei ole vielä yhtään. Lisää kausi plan.yaml-tiedostoon muodossa "
               "seasons: [{id: kevat, name: kevät, months: [1, 2, 3, 4, 5]}] "
               "(data/README.md, kohta Kaudet).",
})


def references_resolve(docs):
    """Every reference names an id that exists in a namespace its schema allows (x-ref)."""
    spaces = _namespaces(docs)
    for kind, doc in docs.items():
        for path, targets, ident in _local(reference_paths, doc, kind):
            if any(ident in spaces[t] for t in targets):
                continue
            where = " tai ".join(BY_NAMESPACE[t].where_fi for t in targets)
            known = sorted({i for t in targets for i in spaces[t]})
            hint = did_you_mean(ident, known)
            if not known:
                hint += " " + " ".join(NONE_YET.get(t, "Niitä ei ole vielä yhtään.") for t in targets)
            hint += f" Tunnetut: {', '.join(known)}." if 0 < len(known) <= 25 else ""
            yield doc, path, (f"viittausta '{ident}' ei löydy {where}; korjaa tunniste "
                              f"tai lisää puuttuva kohde.{hint}")


def _parse(value):
    """A date, date-time or number to compare; None when it is none of them."""
    try:
        if isinstance(value, str) and "T" in value:
            return dt.datetime.fromisoformat(value)
        if isinstance(value, str):
            return dt.date.fromisoformat(value)
    except ValueError:
        return None
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _before(a, b) -> bool:
    """a < b when both are comparable values of one kind."""
    a, b = _parse(a), _parse(b)
    if a is None or b is None or type(a) is not type(b):
        return False
    return a < b


def ends_after_starts(docs):
    """An end is not before its start: times, day ranges, periods, counts, recurrences."""
    for doc in docs.values():
        yield from _local(_ends_after_starts, doc)


def _ends_after_starts(doc):
    for path, mapping in _mappings(doc):
        if not ("end" in mapping or "max" in mapping or "until" in mapping):
            continue
        start, end = mapping.get("start"), mapping.get("end")
        if start is not None and end is not None and type(start) is type(end):
            if _parse(end) < _parse(start):
                yield doc, path + ("end",), (
                    f"loppu ({end}) on ennen alkua ({start}); korjaa päivät")
        low, high = mapping.get("min"), mapping.get("max")
        if isinstance(low, int) and isinstance(high, int) and high < low:
            yield doc, path + ("max",), f"enimmäismäärä {high} on pienempi kuin vähimmäismäärä {low}"
        until = mapping.get("until")
        if isinstance(until, str) and isinstance(start, str):
            first = _parse(start).date() if "T" in start else _parse(start)
            if _parse(until) < first:
                yield doc, path + ("until",), (
                    f"toisto päättyy ({until}) ennen ensimmäistä kertaa ({start})")
            for index, skipped in enumerate(mapping.get("except", [])):
                if not first <= _parse(skipped) <= _parse(until):
                    yield doc, path + ("except", index), (
                        f"poikkeuspäivä {skipped} ei ole toiston aikana ({start} – {until})")


def approximate_is_one_period(docs):
    """An approximate time names a month or a season, not both."""
    calendar = docs.get("calendar")
    if calendar is None:
        return
    for index, item in enumerate(calendar.value.get("items", [])):
        approx = item["timing"].get("approximate")
        if approx and "month" in approx and "season" in approx:
            yield calendar, ("items", index, "timing", "approximate", "season"), (
                "anna joko kuukausi (month) tai kausi (season), ei molempia")


DATED_FORMS = ("exact", "all_day", "recurring")


def status_fits_timing(docs):
    """'scheduled' (sovittu) claims an agreed date: only an exact day, a date range or a
    recurrence with a start is one. 'practice' (a rhythm without dates) is only for rhythms."""
    calendar = docs.get("calendar")
    if calendar is None:
        return
    for index, item in enumerate(calendar.value.get("items", [])):
        form = next(iter(item["timing"]), None)
        if item.get("status") == "scheduled" and form not in DATED_FORMS:
            yield calendar, ("items", index, "status"), (
                "'scheduled' (sovittu) vaatii päivän, päivämääräjakson tai toiston alkupäivineen; "
                "kun lähde kertoo vain rytmin (esimerkiksi noin kuusi kertaa vuodessa), kirjoita "
                "'practice', ja kun se kertoo kuukauden tai kauden, 'tentative'")
        if item.get("status") == "practice" and form != "rhythm":
            yield calendar, ("items", index, "status"), (
                "'practice' (vakiintunut käytäntö) on vain rytmille ilman päivämääriä; "
                "kuukaudelle tai kaudelle kirjoita 'tentative', sovitulle päivälle 'scheduled'")


def not_organised_by_itself(docs):
    """An item is not organised by the body or network whose meeting it is: "Järjestäjät:
    Kainuun kunnat, Kuntien järjestöillat" lists an event as organising itself."""
    calendar = docs.get("calendar")
    if calendar is None:
        return
    for index, item in enumerate(calendar.value.get("items", [])):
        owner = item.get("belongs_to")
        if owner is not None and owner in plain(item.get("organisers", [])):
            yield calendar, ("items", index, "organisers"), (
                f"'{owner}' on kohdan belongs_to: se on tilaisuus itse, ei sen järjestäjä; "
                f"poista se järjestäjistä")


def channel_named_once(docs):
    """A channel has its own name or points to an entity whose name it shows, not both:
    a second spelling of a body's name would drift from the body's own record."""
    plan = docs.get("plan")
    if plan is None:
        return
    for index, channel in enumerate(entries(plan.value.get("channels"))):
        if ("name" in channel) == ("entity" in channel):
            yield plan, ("channels", index), (
                "anna kanavalle joko nimi (name) tai toimielimen, verkoston tai organisaation "
                "tunniste (entity), ei molempia eikä kumpaakaan puuttumaan")


def plan_id_matches_folder(docs):
    """plan.yaml's id is the name of its folder: the id is the plan's address."""
    plan = docs.get("plan")
    if plan is None:
        return
    folder = plan.file.split("/")[-2]
    if plan.value.get("id") != folder:
        yield plan, ("id",), (f"tunnisteen pitää olla sama kuin kansion nimi ('{folder}'), "
                              f"nyt '{plan.value.get('id')}'")


def translations_complete(docs):
    """Every text is given in each language the plan declares (plain text = Finnish only)."""
    languages = docs["plan"].value.get("languages", ["fi"]) if "plan" in docs else ["fi"]
    if languages == ["fi"]:
        return
    for kind, doc in docs.items():
        yield from _local(_translations_complete, doc, kind, tuple(languages))


def _translations_complete(doc, kind, languages):
    schema = raw_schema(kind)
    for path, value in text_paths(schema, schema, doc.value, ()):
        given = set(value) if isinstance(value, dict) else {"fi"}
        missing = [lang for lang in languages if lang not in given]
        if missing:
            names = ", ".join(f"{LANGUAGE_NAMES[m]} ({m})" for m in missing)
            yield doc, path, (f"käännös puuttuu: {names}; suunnitelman kielet ovat "
                              f"{', '.join(languages)}, joten kirjoita teksti muodossa "
                              + "{" + ", ".join(f"{lang}: ..." for lang in languages) + "}")


PLAN_RULES = (plan_id_matches_folder, unique_ids, references_resolve, ends_after_starts,
              approximate_is_one_period, status_fits_timing, not_organised_by_itself, channel_named_once,
              translations_complete)


def check(dataset, broken_plans=frozenset(), cache: dict | None = None) -> list[Finding]:
    """Every plan's cross-file findings. cache (plan id -> (its files' hashes, findings),
    kept by the caller across builds) spares re-running the rules on unchanged plans; the
    caller empties it whenever the schemas change, since the rules read them too."""
    cache = {} if cache is None else cache
    findings = []
    for plan_id, docs in dataset.plans.items():
        if plan_id in broken_plans or "plan" not in docs:
            continue
        # Unchanged files give unchanged findings: a preview rebuild skips the rules.
        key = tuple((kind, doc.file, doc.memo.get("sha")) for kind, doc in docs.items())
        cached = cache.get(plan_id)
        if cached is not None and cached[0] == key and all(part[2] for part in key):
            findings += cached[1]
            continue
        found = []
        for rule in PLAN_RULES:
            for doc, path, message in rule(docs):
                line, col = doc.position(path)
                found.append(Finding(doc.file, line, col, format_path(path), message))
        cache[plan_id] = (key, found)
        findings += found
    return findings
