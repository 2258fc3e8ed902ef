"""What the site publishes for calendar apps and feed readers. Pure; knows nothing of MkDocs.

- ical.py: RFC 5545 bytes of the year-clock feeds (plan, organiser, item; per language).
- calendars.py: a plan's feeds as site files, their addresses, and the "add to calendar"
  choices of one item (its .ics, a Google Calendar and an Outlook on the web event link).
- atom.py: the plan's changes (ngoplan.history) as an RFC 4287 Atom feed.
"""
