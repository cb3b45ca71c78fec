#!/usr/bin/python3
"""Validates agreement fixtures against docs/schema/cloud-service-agreement.schema.json.

Checks, in order:
  1. the schema is a valid JSON Schema draft 2020-12 and every property in it
     has a title and a description (editors show them);
  2. every fixtures/agreements/*.{yaml,yml,json} and every other YAML/JSON file
     under fixtures/ that is named *.agreement.* or declares
     `kind: CloudServiceAgreement` validates, except files below a directory
     named `invalid`;
  3. a YAML and a JSON fixture with the same stem in fixtures/agreements hold
     the same content (ignoring `$schema`);
  4. every file in tests/schema/accepted/ validates (well-formed agreements
     with semantic flaws, which rules report, not the schema);
  5. every file in tests/schema/rejected/ is rejected, with an error at each
     JSON path named by its `# expect-error-at: $.path` comment lines (YAML)
     or its top-level `x-expect-error-at` list (JSON).

Prints `file:line: $.path: message` for each problem and exits 1 if any.
Needs Debian's python3-jsonschema (>= 4.10) and python3-yaml.
"""
import argparse
import json
import pathlib
import re
import sys

try:
    import jsonschema
    import yaml
except ImportError as e:  # pragma: no cover
    print(f"validate_agreements: missing Python module ({e}); install python3-jsonschema and python3-yaml",
          file=sys.stderr)
    sys.exit(1)

SCHEMA_PATH = "docs/schema/cloud-service-agreement.schema.json"
KIND_RE = re.compile(r"""^\s*["']?kind["']?\s*:\s*["']?CloudServiceAgreement["']?\s*,?\s*$""", re.M)
EXPECT_RE = re.compile(r"^#\s*expect-error-at:\s*(\S+)\s*$", re.M)
SUFFIXES = {".yaml", ".yml", ".json"}


class Yaml12Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalars, as the C++ parser reads
    them: dates stay strings, and only true/false are booleans."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def json_path(parts):
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if re.fullmatch(r"[A-Za-z_$][\w$-]*", p) else f"[{p!r}]")
    return out


def node_at(node, parts):
    """The YAML node at a JSON path, or the deepest node found on the way."""
    for p in parts:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if k.value == p), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(p, int) and p < len(node.value):
            nxt = node.value[p]
        else:
            nxt = None
        if nxt is None:
            break
        node = nxt
    return node


def load_documents(path):
    """[(data, root_node_or_None)] for every document in the file."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return [(json.loads(text), None)]
    loader = Yaml12Loader(text)
    docs = []
    try:
        while loader.check_node():
            node = loader.get_node()
            docs.append((loader.construct_document(node), node))
    finally:
        loader.dispose()
    return docs


def schema_problems(schema):
    problems = []

    def walk(s, where):
        if isinstance(s, dict):
            for name, sub in s.get("properties", {}).items():
                if not (isinstance(sub, dict) and sub.get("title") and sub.get("description")):
                    problems.append(f"{where}.properties.{name}: property without title or description")
            for key, sub in s.items():
                if key not in ("if", "then", "else", "not"):  # conditions, not documented fields
                    walk(sub, f"{where}.{key}")
        elif isinstance(s, list):
            for i, sub in enumerate(s):
                walk(sub, f"{where}[{i}]")

    walk(schema, "$")
    return problems


def errors_of(validator, data):
    return sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])


def describe(error):
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {})
        extra = sorted(k for k in error.instance if k not in known and not str(k).startswith("x-"))
        return f"unknown key(s) {', '.join(map(repr, extra))}; only documented keys and x-* extensions are allowed"
    title = error.schema.get("title") if isinstance(error.schema, dict) else None
    return error.message + (f" (expected: {title})" if title and error.validator in ("anyOf", "pattern") else "")


def fixture_files(root):
    fixtures = root / "fixtures"
    if not fixtures.is_dir():
        return []
    found = set()
    for path in fixtures.rglob("*"):
        if not path.is_file() or path.suffix not in SUFFIXES:
            continue
        rel = path.relative_to(root)
        if "invalid" in rel.parts[:-1]:
            continue
        if rel.parent == pathlib.Path("fixtures/agreements") or ".agreement." in path.name:
            found.add(path)
            continue
        try:
            head = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if KIND_RE.search(head):
            found.add(path)
    return sorted(found)


def is_agreement(data):
    return isinstance(data, dict) and data.get("kind") == "CloudServiceAgreement"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=str(pathlib.Path(__file__).resolve().parents[2]), help="source tree root")
    ap.add_argument("files", nargs="*", help="validate only these files (default: all fixtures)")
    args = ap.parse_args()
    root = pathlib.Path(args.root).resolve()

    failures = 0

    def fail(msg):
        nonlocal failures
        failures += 1
        print(msg)

    schema = json.loads((root / SCHEMA_PATH).read_text(encoding="utf-8"))
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        fail(f"{SCHEMA_PATH}: not a valid draft 2020-12 schema: {e.message} at {json_path(e.absolute_path)}")
        return 1
    for p in schema_problems(schema):
        fail(f"{SCHEMA_PATH}: {p}")
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)

    files = [pathlib.Path(f).resolve() for f in args.files] if args.files else fixture_files(root)
    if not args.files:
        files += sorted(p for p in (root / "tests" / "schema" / "accepted").glob("*") if p.suffix in SUFFIXES)
    checked = 0
    for path in files:
        shown = path.relative_to(root) if path.is_relative_to(root) else path
        try:
            docs = load_documents(path)
        except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError) as e:
            fail(f"{shown}: cannot parse: {e}")
            continue
        in_agreements = path.parent in (root / "fixtures" / "agreements", root / "tests" / "schema" / "accepted")
        for data, node in docs:
            if data is None or not (in_agreements or is_agreement(data)):
                continue
            checked += 1
            for e in errors_of(validator, data):
                parts = list(e.absolute_path)
                line = f":{node_at(node, parts).start_mark.line + 1}" if node is not None else ""
                fail(f"{shown}{line}: {json_path(parts)}: {describe(e)}")

    if not args.files:
        agreements = root / "fixtures" / "agreements"
        for yml in sorted(agreements.glob("*.yaml")) if agreements.is_dir() else []:
            js = yml.with_suffix(".json")
            if js.exists():
                a, b = load_documents(yml)[0][0], load_documents(js)[0][0]
                for d in (a, b):
                    if isinstance(d, dict):
                        d.pop("$schema", None)
                if a != b:
                    fail(f"{js.relative_to(root)}: content differs from {yml.name}")

        rejected = sorted((root / "tests" / "schema" / "rejected").glob("*"))
        for path in rejected:
            if path.suffix not in SUFFIXES:
                continue
            docs = [d for d, _ in load_documents(path)]
            expected = EXPECT_RE.findall(path.read_text(encoding="utf-8"))
            expected += [p for d in docs if isinstance(d, dict) for p in d.get("x-expect-error-at", [])]
            got = {json_path(list(e.absolute_path)) for d in docs for e in errors_of(validator, d)}
            shown = path.relative_to(root)
            if not got:
                fail(f"{shown}: expected the schema to reject this file, but it validates")
            for want in expected:
                if want not in got:
                    fail(f"{shown}: expected an error at {want}; errors were at {sorted(got) or 'none'}")
            checked += 1

    print(f"validate_agreements: {checked} document(s) checked, {failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
