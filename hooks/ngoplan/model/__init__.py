"""The plan model: typed, frozen records built from validated data.

Every output (pages, the year-wheel, the list, the comparison, the open data and the
feeds) reads these records instead of the raw YAML values; `timing` is the one place that
knows what an item's time means.
"""
