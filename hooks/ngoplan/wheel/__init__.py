"""The year-wheel's drawing, pure geometry with no plan knowledge (layout); the year-clock
part (parts/yearclock.py) gives it the items and renders what it places."""
