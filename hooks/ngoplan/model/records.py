"""How a checked mapping becomes a frozen record: one field per schema key, parsed by the
field's declared parser.

The records assume the data passed its schema and the cross-file rules (check/dataset.py):
parsing turns lists into tuples, dates into datetime.date and nested objects into their
records, nothing more. Values the schema lets be text ({fi, sv} maps), {unknown: reason}
or a reading ({value: ..., reading: why}) stay as the data has them (typed `object`), as
CalendarItem.title does: the templates' text(), count() and reading() macros read them.
A field the data leaves out is None (a list too: an empty list the data gives is not the
same as none given), so `is given` in a template (web/render.given) means "the data
says something". A key without a field of its own is refused (RecordError): a schema key
added without its record field would otherwise vanish from every page without a word.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
import datetime as dt
from dataclasses import field, fields
from typing import Any

from ..text import is_reading, is_unknown


class RecordError(Exception):
    """The schema and the record disagree: a fault in the kit, not in the data."""


def given(parse: Callable[[Any], Any] | None = None, *, default: Any = None) -> Any:
    """An optional field: None (or default) when the data leaves it out; parse turns the
    checked value into the record's."""
    return field(default=default, metadata={"parse": parse} if parse else {})


def needed(parse: Callable[[Any], Any]) -> Any:
    """A required field whose checked value is parsed (a plain required field needs no helper)."""
    return field(metadata={"parse": parse})


def readings_field() -> Any:
    """Field name -> why the value is a reading, for the top-level values marked as readings
    (as CalendarItem.readings): filled by parse_record, not from a key of its own."""
    return field(default=(), compare=False, metadata={"readings": True})


def parse_record(cls: type, value: Mapping) -> Any:
    """A record of cls from one checked mapping (each field from the key of its name)."""
    specs = fields(cls)
    extra = set(value) - {spec.name for spec in specs}
    if extra:
        raise RecordError(f"{cls.__name__} has no field for {', '.join(sorted(extra))}: add it to "
                          "the record in hooks/ngoplan/model/ (its schema allows it)")
    values = {}
    for spec in specs:
        if spec.metadata.get("readings"):
            values[spec.name] = tuple((key, item["reading"]) for key, item in value.items()
                                      if is_reading(item))
        elif spec.name in value:
            parse = spec.metadata.get("parse")
            values[spec.name] = value[spec.name] if parse is None else parse(value[spec.name])
    return cls(**values)


def record_of(cls: type) -> Callable[[Mapping], Any]:
    """The parser of a nested object's field."""
    return lambda value: parse_record(cls, value)


def records_of(cls: type) -> Callable[[list], tuple]:
    """The parser of a list of objects' field."""
    return lambda value: tuple(parse_record(cls, item) for item in value)


def listed(value) -> tuple | object:
    """A list as a tuple; a list the data gives as {unknown: reason} stays that mapping."""
    return value if is_unknown(value) else tuple(value)


def records_or_unknown(cls: type) -> Callable[[Any], tuple | object]:
    """A list of objects that may be {unknown: reason} (not recorded yet)."""
    return lambda value: value if is_unknown(value) else records_of(cls)(value)


def day(value) -> dt.date | object:
    """An ISO date; {unknown: reason} stays as it is."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def known(value) -> tuple:
    """A list's entries, none while it is {unknown: reason} or not given."""
    return () if value is None or is_unknown(value) else value
