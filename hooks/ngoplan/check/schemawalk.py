"""The one schema walker: a value walked along its JSON Schema, to find the values of a
type ($defs text or id) wherever the schema puts them, and what an id refers to (x-ref);
and a data kind's schema walked key by key (Schema), for a field's title and what it holds.
The rules use it for references and translations, the history's data diff for the words
that name a changed field."""

from __future__ import annotations

from .schemas import raw_schema, resolve


TEXT_REFS = ("defs.schema.json#/$defs/text", "#/$defs/text")
ID_REFS = ("defs.schema.json#/$defs/id", "#/$defs/id")


def _is_text(value) -> bool:
    return isinstance(value, str) or (isinstance(value, dict) and "unknown" not in value)


def _is_id(value) -> bool:
    return isinstance(value, str)


def _reaches(refs, schema, root, memo: dict) -> bool:
    """Whether a value under this schema can hold a value typed by refs (memoised for one
    walk: it skips the subtrees that cannot, e.g. titles and links when looking for ids)."""
    key = id(schema)  # the schemas outlive the walk, so their ids stay theirs
    if key not in memo:
        memo[key] = True  # a cycle counts as reaching; cut it before recursing
        if schema.get("$ref") in refs:
            found = True
        else:
            target, target_root = resolve(schema, root)
            children = list(target.get("properties", {}).values()) + target.get("anyOf", [])
            if isinstance(target.get("items"), dict):
                children.append(target["items"])
            found = any(_reaches(refs, child, target_root, memo) for child in children)
        memo[key] = found
    return memo[key]


def typed_paths(refs, fits, schema, root, value, path, memo=None):
    """Paths of every value whose schema is one of refs ($defs text or id), found by walking
    the value along its schema; in an anyOf, such a branch counts only when fits(value)."""
    memo = {} if memo is None else memo
    if schema.get("$ref") in refs:
        yield path, value, schema
        return
    schema, root = resolve(schema, root)
    if isinstance(value, list) and "items" in schema and "anyOf" in schema:
        # A list that may also be {unknown: reason}: its items stand beside the anyOf.
        schema = {k: v for k, v in schema.items() if k != "anyOf"}
    if "anyOf" in schema:
        for branch in schema["anyOf"]:
            if branch.get("$ref") in refs:
                if fits(value):
                    yield path, value, branch
                    return
                continue
            target, target_root = resolve(branch, root)
            kind = target.get("type")
            if (kind == "object" and isinstance(value, dict) and set(value) <= set(target.get("properties", {}))) \
                    or (kind == "array" and isinstance(value, list)):
                yield from typed_paths(refs, fits, target, target_root, value, path, memo)
                return
        return
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key, child in value.items():
            if key in props and _reaches(refs, props[key], root, memo):
                yield from typed_paths(refs, fits, props[key], root, child, path + (key,), memo)
    elif isinstance(value, list) and "items" in schema:
        for index, child in enumerate(value):
            yield from typed_paths(refs, fits, schema["items"], root, child, path + (index,), memo)


class Schema:
    """One data kind's JSON Schema walked key by key. A node is (schema, its file's root),
    or None where the schema says nothing of a key."""

    def __init__(self, kind: str):
        try:
            self.root = raw_schema(kind)
        except KeyError:
            self.root = {}

    def top(self):
        return (self.root, self.root)

    def child(self, node, key):
        """The node of a mapping's key (str) or of a list's items (int)."""
        if node is None:
            return None
        schema, root = node
        schema, root = resolve(schema, root)
        for option in [schema, *schema.get("anyOf", []), *schema.get("oneOf", [])]:
            option, option_root = resolve(option, root)
            if isinstance(key, int):
                if isinstance(option.get("items"), dict):
                    return option["items"], option_root
            elif key in option.get("properties", {}):
                return option["properties"][key], option_root
        return None

    def find(self, value, where, node=None):
        """(node, value) of every value whose node fits where(node), found by walking value
        along the schema from node (the top by default); a found value is not entered."""
        node = self.top() if node is None else node
        if where(node):
            yield node, value
        elif isinstance(value, dict):
            for key, child in value.items():
                yield from self.find(child, where, self.child(node, key))
        elif isinstance(value, list):
            for child in value:
                yield from self.find(child, where, self.child(node, 0))

    @staticmethod
    def title(node, fallback: str) -> str:
        if node is None:
            return fallback
        schema, root = node
        while True:
            if "title" in schema:
                return schema["title"]
            if "$ref" not in schema:
                return fallback
            schema, root = resolve({"$ref": schema["$ref"]}, root)

    @staticmethod
    def is_ref(node) -> bool:
        """Whether the field holds ids of other entities (or a list of them)."""
        if node is None:
            return False
        schema, root = node
        if "x-ref" in schema:
            # One id of another entity ({$ref: id, x-ref: laws}): resolving the $ref first
            # loses it (the changelog then showed ”hallintosaanto-2022” for the law's name).
            return True
        schema, root = resolve(schema, root)
        # An id, a list of ids, or either one with a reading mark ({value, reading}).
        for option in [schema, *schema.get("anyOf", [])]:
            if str(option.get("$ref", "")).endswith("/$defs/id"):
                return True
            option, option_root = resolve(option, root)
            if isinstance(option.get("items"), dict) and \
                    str(option["items"].get("$ref", "")).endswith("/$defs/id"):
                return True
            if str(option.get("$ref", "")).endswith("/$defs/id"):
                return True
        return False


def text_paths(schema, root, value, path):
    """(path, value) of every human-text value."""
    for found, text, _ in typed_paths(TEXT_REFS, _is_text, schema, root, value, path):
        yield found, text


def reference_paths(doc, kind):
    """(path, namespaces, id) of every value the schema types as an id, except entities' own
    ids: the schema says what is a reference and into which namespaces (x-ref), not the
    key's name (an author's `organisation` is text, a co-funder's is an id)."""
    schema = raw_schema(kind)
    found = []
    for path, value, where in typed_paths(ID_REFS, _is_id, schema, schema, doc.value, ()):
        targets = where.get("x-ref")
        if targets is not None:
            found.append((path, (targets,) if isinstance(targets, str) else tuple(targets), value))
    return found
