"""Parse iCalendar files with libical (the parser of Evolution, GNOME and KDE calendars)
and print every error it reports, one line per error: `<file>: <X-LIC-ERROR text>`.

Runs in the system Python 3 with Debian's GObject bindings (gir1.2-ical-3.0, python3-gi),
not in the project's virtual environment: tests/test_feeds.py calls it as a subprocess.
Exit status 0 when every file parsed without an error, 1 otherwise, 2 when libical is
missing. check_restrictions() applies RFC 5546's rules too, as libical's users do.
"""

import sys

try:
    import gi

    gi.require_version("ICalGLib", "3.0")
    from gi.repository import ICalGLib
except (ImportError, ValueError) as exc:
    print(f"libical ei ole käytettävissä: {exc}", file=sys.stderr)
    sys.exit(2)


def _errors(component, out: list[str]) -> None:
    kind = ICalGLib.PropertyKind.XLICERROR_PROPERTY
    prop = component.get_first_property(kind)
    while prop is not None:
        out.append(" ".join(prop.as_ical_string().replace("\r\n ", "").split()))
        prop = component.get_next_property(kind)
    any_kind = ICalGLib.ComponentKind.ANY_COMPONENT
    child = component.get_first_component(any_kind)
    while child is not None:
        _errors(child, out)
        child = component.get_next_component(any_kind)


def main(paths: list[str]) -> int:
    failed = False
    for path in paths:
        with open(path, encoding="utf-8", newline="") as handle:
            text = handle.read()
        component = ICalGLib.Component.new_from_string(text)
        if component is None:
            print(f"{path}: libical could not parse the file at all")
            failed = True
            continue
        component.check_restrictions()
        errors: list[str] = []
        _errors(component, errors)
        if component.isa() != ICalGLib.ComponentKind.VCALENDAR_COMPONENT:
            errors.append(f"top component is {component.isa().value_nick}, not VCALENDAR")
        for error in errors:
            print(f"{path}: {error}")
        failed = failed or bool(errors)
    print(f"{len(paths)} files checked")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
