"""Counts that mean what they say, and links that answer the reader's question, for any plan.

- Each front-page figure counts one kind, named in its label: a negotiation is not a body,
  a website, an activity or a proposal is not a working network, premises and agreements
  are not grant forms.
- The grants page says whom to ask and where grants are discussed (grants.yaml contacts
  and forums), with links.
- Forums and events open to every association are on the cooperation page.
"""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path
from types import SimpleNamespace

import yaml

ROOT = Path(__file__).resolve().parents[1]
PLANS = sorted(p.parent.name for p in (ROOT / "data").glob("*/plan.yaml"))


def _data(plan: str, kind: str) -> dict:
    path = ROOT / "data" / plan / f"{kind}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}


def _figures(html: str) -> dict[str, int]:
    """label -> figure of the front page's key numbers."""
    block = html.split('<ul class="ngo-key-numbers">', 1)[1].split("</ul>", 1)[0]
    found = {}
    for item in re.findall(r"<li>(.*?)</li>", block, re.S):
        label = htmllib.unescape(re.sub(r"<[^>]+>", "", item.split("</a>", 1)[0]))
        number = re.search(r"<strong>(\d+)</strong>", item)
        if number:
            found[label.strip()] = int(number.group(1))
    return found


def test_each_key_number_counts_one_kind(built_site):
    from ngoplan.web.i18n import msg
    from ngoplan.web.render import doc_words

    for plan in PLANS:
        figures = _figures((built_site / plan / "index.html").read_text(encoding="utf-8"))
        bodies = _data(plan, "bodies").get("bodies", [])
        networks = _data(plan, "networks").get("networks", [])
        grants = _data(plan, "grants").get("grant_types", [])
        assert figures[msg("numbers.bodies", "fi")] == sum(b["kind"] != "negotiation" for b in bodies)
        assert figures[msg("numbers.negotiations", "fi")] == sum(b["kind"] == "negotiation" for b in bodies)
        working = [n for n in networks if n["kind"] in ("network", "partnership_network")
                   and n.get("stage") != "proposed"]
        # The label names the plan by its own word ("suunnitelman"/"asiakirjan" mukaan).
        kind = SimpleNamespace(document_kind=_data(plan, "plan").get("document_kind"))
        assert figures[msg("numbers.networks", "fi", **doc_words(kind))] == len(working)
        money = [t for t in grants if t["kind"] in ("operating_grant", "partnership_grant")]
        assert figures[msg("numbers.grant_types", "fi")] == len(money)
        assert figures[msg("numbers.other_support", "fi")] == len(grants) - len(money)


def test_grants_page_links_whom_to_ask_and_where_grants_are_discussed(built_site):
    for plan in PLANS:
        grants = _data(plan, "grants")
        page = (built_site / plan / "avustukset" / "index.html").read_text(encoding="utf-8")
        for contact in grants.get("contacts", []):
            assert f'href="../yhteystiedot/#{contact}"' in page, (plan, contact)
        for forum in grants.get("forums", []):
            assert f'href="../vuosikello/#{forum}"' in page, (plan, forum)


def test_open_forums_are_on_the_cooperation_page(built_site):
    for plan in PLANS:
        items = _data(plan, "calendar").get("items", [])
        open_ones = [i["id"] for i in items if i["kind"] in ("forum", "event") and "ngos" in i["audience"]]
        page = (built_site / plan / "yhteistyo" / "index.html").read_text(encoding="utf-8")
        for ident in open_ones:
            assert f'href="../vuosikello/#{ident}"' in page, (plan, ident)
