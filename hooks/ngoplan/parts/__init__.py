"""Site parts: each module registers fragments and generated files (see registry.py)."""
