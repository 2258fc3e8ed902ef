"""The plan's front-page facts and the landing page's list of plans."""

from __future__ import annotations

from ..registry import fragment
from ..render import render


@fragment("plan-summary")
def plan_summary(context, arg) -> str:
    plan = context.plan_doc("plan").value
    return render("plan_summary.html", plan=plan, bodies=context.index("bodies"))


@fragment("plans-list")
def plans_list(context, arg) -> str:
    plans = [docs["plan"].value for _, docs in sorted(context.dataset.plans.items())
             if "plan" in docs]
    return render("plans_list.html", plans=plans)
