"""Checking the data: safe YAML loading, the schema gate and its Finnish explanations, the
cross-file rules, warnings for staff, and the findings they all report."""
