"""The plan model: typed, frozen records built from validated data.

plan.PlanModel holds one plan's records (plan_record, actors, grants, topics, timing),
built once per build by web.context.BuildState.model; records.py says how a checked
mapping becomes a record. Pages, the year-wheel, the list, the comparison and the feeds
read these records instead of the YAML values; `timing` is the one place that knows
what an item's time means. The open data (data.json), the change log's data diff and
the kinds without records (monitoring, cooperation, accessibility) read the checked
values as they are.
"""
