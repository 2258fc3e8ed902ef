"""The audit of the seed plans (`make audit`); a package so its conftest keeps its own name."""
