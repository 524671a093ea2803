"""Solr-style dataset queries (`q`, `fq`, sort, paging, facets) as parameterised SQL.

CKAN and its clients speak Solr's query syntax: `field:value`, `"phrases"`, `AND`/`OR`/`NOT`,
`+`/`-`, `field:(a OR b)`, `[a TO b]` ranges, `*`/`?` wildcards.  This module parses that syntax
into a small tree and compiles it to a WHERE clause over `pgsearch_package`.  Every value and
field name is a bind parameter; nothing from a query is spliced into the SQL.

Text fields (title, notes, the catch-all `text`, extras) match case-insensitively as substrings;
every other field matches exactly, as Solr's string fields do.  There is no relevance ranking:
`score` in a sort is ignored.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa
from ckan import model
from ckan.lib.search.common import SearchError, SearchQueryError
from ckan.lib.search.query import VALID_SOLR_PARAMETERS, PackageSearchQuery, solr_literal
from dateutil.relativedelta import relativedelta

from ckanext.pgsearch.index import site_id

TEXT_FIELDS = frozenset(
    {"text", "title", "notes", "res_name", "res_description", "author", "maintainer", "urls"}
)
ALIASES = {"name_ngram": "name", "title_ngram": "title"}
"""Solr's n-gram copies of name and title, used by autocomplete: matched as substrings."""

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<lparen>\() | (?P<rparen>\)) |
      (?P<phrase>"(?:[^"\\]|\\.)*")(?:~\d+)?(?:\^[\d.]+)? |
      (?P<range>[\[{]\s*(?:"[^"]*"|\S+)\s+TO\s+(?:"[^"]*"|[^\s\]}]+)\s*[\]}]) |
      (?P<op>(?:AND|OR|NOT|&&|\|\|)(?=[\s()]|$)) |
      (?P<field>[\w*][\w.\-*]*):(?=\S) |
      (?P<prefix>[+\-!])(?=\S) |
      (?P<word>(?:[^\s()"\\]|\\.)+)
    )""",
    re.X,
)

Node = tuple[str, Any] | tuple[str, Any, Any]


def tokenize(text: str) -> list[tuple[str, str]]:
    tokens, pos = [], 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match or match.end() == pos:
            if text[pos:].strip():
                raise SearchQueryError(f"cannot parse the query near {text[pos : pos + 20]!r}")
            break
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    return tokens


class Parser:
    """Recursive descent: OR binds loosest, then AND (also implied between clauses), then NOT."""

    def __init__(self, text: str, default_field: str) -> None:
        self.tokens = tokenize(text)
        self.pos = 0
        self.default_field = default_field

    def parse(self) -> Node:
        if not self.tokens:
            return ("all", None)
        node = self.or_expr(self.default_field)
        if self.pos < len(self.tokens):
            raise SearchQueryError(f"unexpected {self.tokens[self.pos][1]!r} in the query")
        return node

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ("end", "")

    def take(self) -> tuple[str, str]:
        token = self.peek()
        self.pos += 1
        return token

    def or_expr(self, field: str) -> Node:
        nodes = [self.and_expr(field)]
        while self.peek() in (("op", "OR"), ("op", "||")):
            self.take()
            nodes.append(self.and_expr(field))
        return nodes[0] if len(nodes) == 1 else ("or", nodes)

    def and_expr(self, field: str) -> Node:
        nodes = [self.unary(field)]
        while self.peek()[0] not in ("end", "rparen") and self.peek() not in (("op", "OR"), ("op", "||")):
            if self.peek() in (("op", "AND"), ("op", "&&")):
                self.take()
            nodes.append(self.unary(field))
        return nodes[0] if len(nodes) == 1 else ("and", nodes)

    def unary(self, field: str) -> Node:
        kind, value = self.peek()
        if (kind, value) in (("op", "NOT"), ("prefix", "-"), ("prefix", "!")):
            self.take()
            return ("not", self.unary(field))
        if (kind, value) == ("prefix", "+"):
            self.take()
            return self.unary(field)
        return self.primary(field)

    def primary(self, field: str) -> Node:
        kind, value = self.take()
        if kind == "field":
            return self.primary(value)
        if kind == "lparen":
            node = self.or_expr(field)
            if self.take()[0] != "rparen":
                raise SearchQueryError("unbalanced parentheses in the query")
            return node
        if kind == "phrase":
            return ("term", field, ("phrase", re.sub(r"\\(.)", r"\1", value[1:-1])))
        if kind == "range":
            low, high = re.split(r"\s+TO\s+", value[1:-1].strip())
            return (
                "term",
                field,
                ("range", (value[0] == "[", low.strip('"'), high.strip('"'), value[-1] == "]")),
            )
        if kind == "word":
            return ("term", field, ("word", re.sub(r"(?<!\\)(?:\^[\d.]+|~\d*)$", "", value)))
        raise SearchQueryError(f"unexpected {value or 'end'!r} in the query")


class Compiler:
    """Turns a parsed query into SQL over the alias `d`, collecting bind parameters."""

    def __init__(self) -> None:
        self.params: dict[str, Any] = {}

    def param(self, value: Any) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def values(self, field: str) -> str:
        """Every value of a field in a document, single or multi-valued, as text rows."""
        f = self.param(field)
        return (
            f"jsonb_array_elements_text(CASE jsonb_typeof(d.doc -> {f}) WHEN 'array'"
            f" THEN d.doc -> {f} ELSE jsonb_build_array(d.doc -> {f}) END)"
        )

    def sql(self, node: Node) -> str:
        kind = node[0]
        if kind == "all":
            return "TRUE"
        if kind == "not":
            return f"NOT ({self.sql(node[1])})"
        if kind in ("and", "or"):
            return "(" + f" {kind.upper()} ".join(self.sql(n) for n in node[1]) + ")"
        return self.term(node[1], *node[2])

    def term(self, field: str, kind: str, value: Any) -> str:
        if field == "*" and value == "*":
            return "TRUE"
        text = field in TEXT_FIELDS or field in ALIASES or field.startswith(("extras_", "res_extras_"))
        field = ALIASES.get(field, field)
        if kind == "range":
            return self.range(field, *value)
        if kind == "word" and value == "*":
            if field == "text":
                return "TRUE"
            return f"EXISTS (SELECT 1 FROM {self.values(field)} AS v(x) WHERE v.x IS NOT NULL)"
        pattern, wild = like_pattern(value) if kind == "word" else (like_escape(value), False)
        literal = re.sub(r"\\(.)", r"\1", value) if kind == "word" else value
        if text:
            test = f"v.x ILIKE {self.param('%' + pattern + '%')}"
        elif wild:
            test = f"v.x LIKE {self.param(pattern)}"
        else:
            test = f"v.x = {self.param(literal)}"
        if field == "text":
            return test.replace("v.x", "d.body")
        return f"EXISTS (SELECT 1 FROM {self.values(field)} AS v(x) WHERE {test})"

    def range(self, field: str, low_incl: bool, low: str, high: str, high_incl: bool) -> str:
        low, high = solr_date(low), solr_date(high)
        numeric = all(b == "*" or re.fullmatch(r"-?\d+(\.\d+)?", b) for b in (low, high))
        x = (
            "(CASE WHEN v.x ~ '^-?[0-9]+(\\.[0-9]+)?$' THEN v.x::numeric END)"
            if numeric
            else 'v.x COLLATE "C"'
        )
        tests = []
        if low != "*":
            tests.append(f"{x} {'>=' if low_incl else '>'} {self.param(float(low) if numeric else low)}")
        if high != "*":
            tests.append(f"{x} {'<=' if high_incl else '<'} {self.param(float(high) if numeric else high)}")
        where = " AND ".join(tests) or "v.x IS NOT NULL"
        return f"EXISTS (SELECT 1 FROM {self.values(field)} AS v(x) WHERE {where})"


_UNITS = ("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND")
_UNIT = "(" + "|".join(_UNITS) + ")S?"
_NOW = re.compile(rf"NOW(?:([+-]\d+){_UNIT})?(?:/{_UNIT})?")


def solr_date(bound: str) -> str:
    """Solr date math (`NOW`, `NOW-7DAYS`, `NOW/DAY`) as the ISO text the index stores; else as is."""
    match = _NOW.fullmatch(bound)
    if not match:
        return bound
    amount, unit, rounding = match.groups()
    now = datetime.now(timezone.utc).replace(microsecond=0)
    if unit:
        now += relativedelta(**{unit.lower() + "s": int(amount)})
    if rounding:
        keep = _UNITS.index(rounding) + 1
        defaults = {"month": 1, "day": 1, "hour": 0, "minute": 0, "second": 0}
        now = now.replace(**{k.lower(): defaults[k.lower()] for k in _UNITS[keep:]})
    return now.strftime("%Y-%m-%dT%H:%M:%SZ")


def like_escape(text: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", text)


def like_pattern(word: str) -> tuple[str, bool]:
    """A Solr word as a LIKE pattern: `*` and `?` are wildcards unless escaped."""
    out, wild, chars = [], False, iter(word)
    for ch in chars:
        if ch == "\\":
            out.append(like_escape(next(chars, "")))
        elif ch in "*?":
            out.append("%" if ch == "*" else "_")
            wild = True
        else:
            out.append(like_escape(ch))
    return "".join(out), wild


def _fields(fl: str) -> list[str]:
    return [f for f in re.split(r"[\s,]+", fl) if f]


class PgPackageSearchQuery(PackageSearchQuery):
    """`PackageSearchQuery` answered from `pgsearch_package` instead of Solr."""

    def get_all_entity_ids(self, max_results: int = 1000) -> list[str]:
        rows = model.Session.execute(
            sa.text(
                "SELECT package_id FROM pgsearch_package WHERE site_id = :site"
                " AND doc->>'state' = 'active' ORDER BY package_id LIMIT :n"
            ),
            {"site": site_id(), "n": max_results},
        )
        return [row[0] for row in rows]

    def get_index(self, reference: str) -> dict[str, Any]:
        row = model.Session.execute(
            sa.text(
                "SELECT doc FROM pgsearch_package WHERE site_id = :site"
                " AND (package_id = :ref OR doc->>'name' = :ref)"
            ),
            {"site": site_id(), "ref": reference},
        ).first()
        if row is None:
            raise SearchError(f"Dataset not found in the search index: {reference}")
        return dict(row[0])

    def run(
        self, query: dict[str, Any], permission_labels: list[str] | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        """Same contract as CKAN's: the filters it adds, the result shapes, `self.facets`."""
        unknown = set(query.keys()) - VALID_SOLR_PARAMETERS
        if unknown:
            raise SearchQueryError(f"Invalid search parameters: {sorted(unknown)}")
        q = str(query.get("q") or "").strip()
        if q in ("", '""', "''"):
            q = "*:*"
        if q.startswith("{!"):
            raise SearchQueryError("Local parameters are not supported")
        fq = [query["fq"]] if isinstance(query.get("fq"), str) else list(query.get("fq") or [])
        fq.extend(query.get("fq_list", []))
        fq.append(f"+site_id:{solr_literal(site_id())}")
        if not any("+state:" in item for item in fq):
            fq.append("+state:active")
        if permission_labels is not None:
            fq.append(f"+permission_labels:({' OR '.join(solr_literal(p) for p in permission_labels)})")

        compiler = Compiler()
        default_field = str(query.get("df") or "text")
        clauses = [compiler.sql(Parser(q, default_field).parse())]
        clauses += [compiler.sql(Parser(item, default_field).parse()) for item in fq if item.strip()]
        matched = f"SELECT d.package_id, d.doc FROM pgsearch_package d WHERE {' AND '.join(clauses)}"
        params = compiler.params

        self.count = (
            model.Session.execute(sa.text(f"SELECT count(*) FROM ({matched}) m"), params).scalar() or 0
        )
        rows, start = int(query.get("rows", 10)), int(query.get("start", 0))
        order = self._order(str(query.get("sort") or "metadata_modified desc"), params)
        docs = model.Session.execute(
            sa.text(f"SELECT m.doc FROM ({matched}) m ORDER BY {order} LIMIT :rows_ OFFSET :start_"),
            {**params, "rows_": rows, "start_": start},
        )
        fl = _fields(str(query.get("fl") or "name"))
        self.results = [self._shape(row[0], fl) for row in docs]
        if fl in (["id"], ["name"]):
            self.results = [r.get(fl[0]) for r in self.results]
        self.facets = self._facets(query, matched, params)
        return {"results": self.results, "count": self.count}

    @staticmethod
    def _order(sort: str, params: dict[str, Any]) -> str:
        terms = []
        for i, part in enumerate(p.strip() for p in sort.split(",") if p.strip()):
            field, _, direction = part.partition(" ")
            direction = direction.strip().lower() or "asc"
            if direction not in ("asc", "desc") or not re.fullmatch(r"[\w.\-]+", field):
                raise SearchQueryError('Invalid "sort" parameter')
            if field == "score":
                continue
            params[f"sort{i}"] = field
            terms.append(f"m.doc ->> :sort{i} {direction.upper()} NULLS LAST")
        return ", ".join([*terms, "m.package_id"])

    @staticmethod
    def _shape(doc: dict[str, Any], fl: list[str]) -> dict[str, Any]:
        result = dict(doc) if "*" in fl else {f: doc[f] for f in fl if f in doc}
        extras = {k[len("extras_") :]: result.pop(k) for k in list(result) if k.startswith("extras_")}
        if extras:
            result["extras"] = extras
        return result

    @staticmethod
    def _facets(query: dict[str, Any], matched: str, params: dict[str, Any]) -> dict[str, dict[str, int]]:
        fields = query.get("facet.field") or []
        if isinstance(fields, str):
            fields = json.loads(fields) if fields.startswith("[") else [fields]
        if str(query.get("facet", "true")).lower() != "true" or not fields:
            return {}
        limit = int(query.get("facet.limit", 50))
        mincount = int(query.get("facet.mincount", 1))
        facets: dict[str, dict[str, int]] = {}
        for field in fields:
            compiler = Compiler()
            compiler.params = dict(params)
            rows = model.Session.execute(
                sa.text(
                    f"SELECT v.x, count(DISTINCT d.package_id) AS n FROM ({matched}) d,"
                    f" {compiler.values(field)} AS v(x) WHERE v.x IS NOT NULL"
                    " GROUP BY v.x HAVING count(DISTINCT d.package_id) >= :mincount_"
                    " ORDER BY n DESC, v.x" + (" LIMIT :limit_" if limit >= 0 else "")
                ),
                {**compiler.params, "mincount_": mincount, "limit_": limit},
            )
            facets[field] = {row[0]: row[1] for row in rows}
        return facets
