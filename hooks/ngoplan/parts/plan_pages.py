"""The plan's front-page facts."""

from __future__ import annotations

from ..registry import fragment
from ..render import render


@fragment("plan-summary")
def plan_summary(context, arg) -> str:
    plan = context.plan_doc("plan").value
    return render("plan_summary.html", plan=plan, bodies=context.index("bodies"))
