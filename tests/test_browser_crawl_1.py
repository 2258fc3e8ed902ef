"""Part 1 of the crawl of the built site (tests/browser_crawl.py): every other page of the
site, from the first on (`site_pages(...)[0::2]`); tests/test_browser_crawl_2.py
crawls the rest. A module of its own so that pytest-xdist crawls the parts side by side."""

from browser_crawl import *  # noqa: F401,F403 - the crawl's fixtures, tests and marks

HALF = 0
