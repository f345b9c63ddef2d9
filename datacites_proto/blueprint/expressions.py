"""The blueprint expression language: conditions (`where:`), measures and indicator formulas.

Text is read by our own tokenizer and recursive-descent parser into frozen dataclasses; nothing
is evaluated or handed to SQL as text, so the compilers only ever see these trees.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, is_dataclass
from typing import NoReturn, TypeAlias, TypeVar

from datacites_proto.suggest import close_matches

MAX_LENGTH = 2000
MAX_DEPTH = 50  # nested parentheses / not / unary minus; keeps recursion far from Python's limit
KEYWORDS = frozenset({"and", "or", "not", "in", "between", "is", "null", "like", "true", "false"})
FUNCTIONS = ("count", "count_distinct", "sum", "mean", "median", "min", "max", "share")
# Names people type from other tools or in French; difflib alone would not find these.
FUNCTION_ALIASES = {
    "avg": "mean", "average": "mean", "moyenne": "mean", "somme": "sum", "total": "sum",
    "nombre": "count", "compte": "count", "distinct": "count_distinct", "nunique": "count_distinct",
    "minimum": "min", "maximum": "max", "part": "share", "proportion": "share", "ratio": "share",
}  # fmt: skip
COMPARE_OPS = {"==": "=", "<>": "!="} | {op: op for op in ("=", "!=", "<", "<=", ">", ">=")}
_FLIPPED = {"=": "=", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
_PUNCTUATION = ("<=", ">=", "<>", "!=", "==", "=", "<", ">", "(", ")", ",", ".", "+", "-", "*", "/")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_DATASET_ID = re.compile(r"[a-z][a-z0-9_]*")
_INDICATOR_ID = _DATASET_ID
_LITERAL_WORDS = ("true", "false", "null")


class ExpressionError(Exception):
    """A mistake in an expression: a message code, the 0-based offset in the text, and params."""

    def __init__(self, code: str, position: int, **params: object) -> None:
        self.code = code
        self.position = position
        self.params: dict[str, str] = {
            k: ", ".join(map(str, v)) if isinstance(v, list | tuple) else str(v)
            for k, v in params.items()
        }
        super().__init__(code, position)

    def __str__(self) -> str:
        # Late import: parsing needs no catalogue, only showing a message does.
        from datacites_proto.i18n.expressions_messages import EN

        text = EN.get(self.code, self.code).format(**self.params)
        if self.params.get("suggestions"):
            text += f" Did you mean: {self.params['suggestions']}?"
        return f"{text} (at character {self.position + 1})"


# --- Syntax trees ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Node:
    """Base of the tree nodes: `pos` is the 0-based offset where the node starts in the text."""

    pos: int = field(default=0, kw_only=True)


@dataclass(frozen=True)
class Column(_Node):
    """A column, optionally qualified by its dataset id."""

    name: str
    dataset: str | None = None

    @property
    def ref(self) -> str:
        """`dataset.name` or `name`, unquoted."""
        return f"{self.dataset}.{self.name}" if self.dataset else self.name


@dataclass(frozen=True)
class Literal(_Node):
    """A text, number or boolean constant."""

    value: str | int | float | bool


@dataclass(frozen=True)
class Compare(_Node):
    """`left op right` with op one of = != < <= > >=."""

    op: str
    left: Column | Literal
    right: Column | Literal


@dataclass(frozen=True)
class InList(_Node):
    """`operand [not] in (v1, v2, ...)`."""

    operand: Column
    values: tuple[Literal, ...]
    negated: bool = False


@dataclass(frozen=True)
class Between(_Node):
    """`operand [not] between low and high`."""

    operand: Column
    low: Literal
    high: Literal
    negated: bool = False


@dataclass(frozen=True)
class IsNull(_Node):
    """`operand is [not] null`."""

    operand: Column
    negated: bool = False


@dataclass(frozen=True)
class Like(_Node):
    """`operand [not] like 'pattern'`."""

    operand: Column
    pattern: Literal
    negated: bool = False


@dataclass(frozen=True)
class Truthy(_Node):
    """A bare column used as a condition (`where: active`)."""

    operand: Column


@dataclass(frozen=True)
class And(_Node):
    """All of `items` (two or more)."""

    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Or(_Node):
    """Any of `items` (two or more)."""

    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Not(_Node):
    """The negation of `item`."""

    item: Condition


Condition: TypeAlias = Compare | InList | Between | IsNull | Like | Truthy | And | Or | Not


@dataclass(frozen=True)
class Measure(_Node):
    """An aggregate: `func(column)`, `count(*)` or `share(condition)`."""

    func: str
    column: Column | None = None
    condition: Condition | None = None


@dataclass(frozen=True)
class Number(_Node):
    """A numeric constant in a formula."""

    value: int | float


@dataclass(frozen=True)
class IndicatorRef(_Node):
    """A reference to another indicator by id."""

    name: str


@dataclass(frozen=True)
class BinOp(_Node):
    """`left op right` with op one of + - * /."""

    op: str
    left: FormulaNode
    right: FormulaNode


@dataclass(frozen=True)
class Neg(_Node):
    """Unary minus."""

    operand: FormulaNode


FormulaNode: TypeAlias = Number | IndicatorRef | BinOp | Neg
Node: TypeAlias = Condition | Measure | FormulaNode | Column | Literal
_N = TypeVar("_N")


# --- Tokenizer ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    """One lexical unit; `text` is the source as written, for messages."""

    kind: str  # "ident", "qident" (double-quoted), "string", "number", "op" or "end"
    value: str | int | float
    pos: int
    text: str


def _is_ident_char(c: str) -> bool:
    # Combining marks too, so a decomposed "é" (e + U+0301) stays inside the identifier.
    return c.isalnum() or c == "_" or unicodedata.category(c).startswith("M")


def _is_bare_name(name: str) -> bool:
    head, tail = name[:1], name[1:]
    return (
        (head.isalpha() or head == "_")
        and all(_is_ident_char(c) for c in tail)
        and name.lower() not in KEYWORDS
    )


def _read_quoted(text: str, start: int, quote: str, unclosed: str) -> tuple[str, int]:
    parts, i = [], start + 1
    while True:
        j = text.find(quote, i)
        if j < 0:
            raise ExpressionError(unclosed, start)
        parts.append(text[i:j])
        if not text.startswith(quote * 2, j):
            return "".join(parts), j + 1
        parts.append(quote)
        i = j + 2


def tokenize(text: str) -> list[Token]:
    """Split `text` into tokens, ending with an "end" token."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError("expr_too_long", MAX_LENGTH, max=MAX_LENGTH, length=len(text))
    if not text.strip():
        raise ExpressionError("expr_empty", 0)
    tokens: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
            continue
        if c.isalpha() or c == "_":
            j = i + 1
            while j < n and _is_ident_char(text[j]):
                j += 1
            tokens.append(Token("ident", text[i:j], i, text[i:j]))
        elif c in "0123456789":
            raw = _NUMBER.match(text, i).group()  # type: ignore[union-attr]
            j = i + len(raw)
            while j < n and (_is_ident_char(text[j]) or text[j] == "."):
                j += 1
            value = int(raw) if raw.isdigit() else float(raw)
            if j > i + len(raw) or not math.isfinite(value):  # `12abc`, `1.2.3`, `1e999`
                raise ExpressionError("expr_invalid_number", i, token=text[i:j])
            tokens.append(Token("number", value, i, raw))
        elif c == "'":
            value, j = _read_quoted(text, i, "'", "expr_unclosed_string")
            tokens.append(Token("string", value, i, text[i:j]))
        elif c == '"':
            value, j = _read_quoted(text, i, '"', "expr_unclosed_identifier")
            if not value:
                raise ExpressionError("expr_empty_identifier", i)
            tokens.append(Token("qident", value, i, text[i:j]))
        elif text.startswith(("--", "/*"), i):
            # SQL comment markers: refused outright rather than read as two operators.
            raise ExpressionError("expr_comment_not_allowed", i, token=text[i : i + 2])
        else:
            op = next((p for p in _PUNCTUATION if text.startswith(p, i)), None)
            if op is None:
                raise ExpressionError("expr_unexpected_char", i, char=c)
            j = i + len(op)
            tokens.append(Token("op", op, i, op))
        i = j
    tokens.append(Token("end", "", n, ""))
    return tokens


# --- Parser ------------------------------------------------------------------------------------


class _Parser:
    """Recursive descent over the token list; one instance per parse."""

    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.i = 0
        self.depth = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def peek(self, k: int = 1) -> Token:
        return self.tokens[min(self.i + k, len(self.tokens) - 1)]

    def advance(self) -> Token:
        tok = self.tok
        self.i = min(self.i + 1, len(self.tokens) - 1)
        return tok

    def is_op(self, *ops: str, tok: Token | None = None) -> bool:
        tok = tok or self.tok
        return tok.kind == "op" and tok.value in ops

    def is_kw(self, *words: str, tok: Token | None = None) -> bool:
        tok = tok or self.tok
        return tok.kind == "ident" and str(tok.value).lower() in words

    def accept(self, *items: str) -> Token | None:
        """Consume the current token if it is one of these operators or keywords."""
        return self.advance() if self.is_op(*items) or self.is_kw(*items) else None

    def fail(self, expected: str) -> NoReturn:
        tok = self.tok
        if tok.kind == "end":
            raise ExpressionError("expr_unexpected_end", tok.pos, expected=expected)
        raise ExpressionError("expr_unexpected_token", tok.pos, token=tok.text, expected=expected)

    def close(self, opening: Token, expected: str) -> None:
        if self.tok.kind == "end":
            raise ExpressionError("expr_unclosed_paren", opening.pos)
        if not self.accept(")"):
            self.fail(expected)

    @contextmanager
    def nested(self, tok: Token) -> Iterator[None]:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError("expr_too_deep", tok.pos, max=MAX_DEPTH)
        yield
        self.depth -= 1

    def group(self, inner: Callable[[], _N], expected: str) -> _N:
        opening = self.advance()
        with self.nested(opening):
            node = inner()
        self.close(opening, expected)
        return node

    # Conditions: or < and < not < predicate.

    def condition(self) -> Condition:
        return self.chain("or", Or, lambda: self.chain("and", And, self.negation))

    def chain(self, word: str, cls: type[And | Or], item: Callable[[], Condition]) -> Condition:
        items = [item()]
        while self.accept(word):
            items.append(item())
        return items[0] if len(items) == 1 else cls(tuple(items), pos=items[0].pos)

    def negation(self) -> Condition:
        if not self.is_kw("not"):
            return self.predicate()
        tok = self.advance()
        with self.nested(tok):
            return Not(self.negation(), pos=tok.pos)

    def predicate(self) -> Condition:
        if self.is_op("("):
            return self.group(self.condition, "and or )")
        left = self.operand()
        if self.tok.kind == "op" and self.tok.value in COMPARE_OPS:
            op = COMPARE_OPS[str(self.advance().value)]
            return Compare(op, left, self.operand(), pos=left.pos)
        if self.is_kw("is"):
            column = self.needs_column(left, "is")
            self.advance()
            negated = self.accept("not") is not None
            if not self.accept("null"):
                self.fail("null" if negated else "null not")
            return IsNull(column, negated, pos=left.pos)
        negated = self.accept("not") is not None
        word = self.accept("in", "between", "like")
        if negated and not word:
            self.fail("in between like")
        if word:
            keyword = str(word.value).lower()
            column = self.needs_column(left, f"not {keyword}" if negated else keyword)
            if keyword == "in":
                opening = self.tok
                if not self.accept("("):
                    self.fail("(")
                values = [self.literal()]
                while self.accept(","):
                    values.append(self.literal())
                self.close(opening, ", )")
                return InList(column, tuple(values), negated, pos=left.pos)
            if keyword == "between":
                low = self.literal()
                if not self.accept("and"):
                    self.fail("and")
                return Between(column, low, self.literal(), negated, pos=left.pos)
            if self.tok.kind != "string":
                raise ExpressionError("expr_like_needs_string", self.tok.pos)
            pattern = Literal(self.tok.value, pos=self.advance().pos)
            return Like(column, pattern, negated, pos=left.pos)
        if self.is_kw("and", "or") or self.is_op(")") or self.tok.kind == "end":
            if isinstance(left, Literal):
                raise ExpressionError("expr_bare_literal", left.pos)
            return Truthy(left, pos=left.pos)
        self.fail("= != < <= > >= in between like is")

    def needs_column(self, left: Column | Literal, keyword: str) -> Column:
        if isinstance(left, Literal):
            raise ExpressionError("expr_needs_column", left.pos, keyword=keyword)
        return left

    def operand(self) -> Column | Literal:
        tok = self.tok
        node: Column | Literal
        if self.is_op("-") and self.peek().kind != "number":
            raise ExpressionError("expr_arithmetic_not_allowed", tok.pos, op="-")
        if tok.kind in ("string", "number") or self.is_op("-") or self.is_kw(*_LITERAL_WORDS):
            node = self.literal()
        elif tok.kind == "qident" or (tok.kind == "ident" and not self.is_kw(*KEYWORDS)):
            node = self.column()
            if self.is_op("("):
                raise ExpressionError("expr_function_not_allowed", node.pos, name=node.ref)
        else:
            raise ExpressionError("expr_expected_operand", tok.pos)
        if self.is_op("+", "-", "*", "/"):
            raise ExpressionError("expr_arithmetic_not_allowed", self.tok.pos, op=self.tok.value)
        return node

    def literal(self) -> Literal:
        tok = self.tok
        if tok.kind in ("string", "number"):
            return Literal(self.advance().value, pos=tok.pos)
        if self.is_op("-") and self.peek().kind == "number":
            self.advance()
            return Literal(-self.advance().value, pos=tok.pos)  # type: ignore[operator]
        if self.accept("true", "false"):
            return Literal(str(tok.value).lower() == "true", pos=tok.pos)
        if self.is_kw("null"):
            raise ExpressionError("expr_null_compare", tok.pos)
        raise ExpressionError("expr_expected_value", tok.pos)

    def column(self) -> Column:
        tok = self.tok
        if tok.kind != "qident" and (tok.kind != "ident" or self.is_kw(*KEYWORDS)):
            raise ExpressionError("expr_expected_column", tok.pos)
        self.advance()
        if tok.kind == "qident" or not self.accept("."):
            return Column(str(tok.value), None, pos=tok.pos)
        if not _DATASET_ID.fullmatch(str(tok.value)):
            raise ExpressionError("expr_invalid_dataset", tok.pos, name=tok.value)
        if self.tok.kind not in ("ident", "qident"):
            raise ExpressionError("expr_expected_column", self.tok.pos)
        return Column(str(self.advance().value), str(tok.value), pos=tok.pos)

    # Measures.

    def measure(self) -> Measure:
        tok = self.tok
        allowed = ", ".join(FUNCTIONS)
        if tok.kind != "ident":
            raise ExpressionError("expr_expected_measure", tok.pos, allowed=allowed)
        func = str(tok.value).lower()
        if func not in FUNCTIONS and not self.is_op("(", tok=self.peek()):
            raise ExpressionError(
                "expr_measure_needs_function", tok.pos, name=tok.value, allowed=allowed
            )
        if func not in FUNCTIONS:
            alias = FUNCTION_ALIASES.get(func)
            suggestions = [alias] if alias else []
            suggestions += [m for m in close_matches(func, FUNCTIONS) if m not in suggestions]
            raise ExpressionError(
                "expr_unknown_function",
                tok.pos,
                name=tok.value,
                suggestions=suggestions,
                allowed=allowed,
            )
        self.advance()
        opening = self.tok
        if not self.accept("("):
            self.fail("(")
        column: Column | None = None
        condition: Condition | None = None
        if self.is_op("*"):
            if func != "count":
                raise ExpressionError("expr_star_only_count", self.tok.pos, name=func)
            self.advance()
        elif func == "share":
            condition = self.condition()
        else:
            column = self.column()
        self.close(opening, "and or )" if func == "share" else ")")
        if self.tok.kind != "end":
            raise ExpressionError("expr_trailing", self.tok.pos, token=self.tok.text)
        return Measure(func, column, condition, pos=tok.pos)

    # Formulas: + - < * / < unary minus < atom.

    def formula(self) -> FormulaNode:
        return self.binary(("+", "-"), lambda: self.binary(("*", "/"), self.unary))

    def binary(self, ops: tuple[str, str], item: Callable[[], FormulaNode]) -> FormulaNode:
        node = item()
        while op := self.accept(*ops):
            node = BinOp(str(op.value), node, item(), pos=node.pos)
        return node

    def unary(self) -> FormulaNode:
        tok = self.tok
        if not self.accept("-"):
            return self.atom()
        if self.tok.kind == "number":
            # `-3` is one negative number, so numbers print and re-read the same way.
            return Number(-self.advance().value, pos=tok.pos)  # type: ignore[operator]
        with self.nested(tok):
            return Neg(self.unary(), pos=tok.pos)

    def atom(self) -> FormulaNode:
        tok = self.tok
        if tok.kind == "number":
            return Number(self.advance().value, pos=tok.pos)  # type: ignore[arg-type]
        if self.is_op("("):
            return self.group(self.formula, "+ - * / )")
        if tok.kind != "ident":
            raise ExpressionError("expr_expected_indicator", tok.pos)
        if self.is_op("(", tok=self.peek()):
            raise ExpressionError("expr_formula_function", tok.pos, name=tok.value)
        if self.is_op(".", tok=self.peek()):
            name = f"{tok.text}.{self.peek(2).text}"
            raise ExpressionError("expr_qualified_indicator", tok.pos, name=name)
        if not _INDICATOR_ID.fullmatch(str(tok.value)):
            raise ExpressionError("expr_invalid_indicator", tok.pos, name=tok.value)
        return IndicatorRef(str(self.advance().value), pos=tok.pos)


def parse_condition(text: str) -> Condition:
    """Parse a `where:` condition or the inside of `share(...)`."""
    parser = _Parser(text)
    node = parser.condition()
    if parser.tok.kind != "end":
        parser.fail("and or")
    return node


def parse_measure(text: str) -> Measure:
    """Parse an aggregate such as `count(*)`, `sum(amount)` or `share(status = 'vacant')`."""
    return _Parser(text).measure()


def parse_formula(text: str) -> FormulaNode:
    """Parse arithmetic over indicator ids and numbers, e.g. `chargers / population * 1000`."""
    parser = _Parser(text)
    node = parser.formula()
    if parser.tok.kind != "end":
        parser.fail("+ - * /")
    return node


# --- Helpers -----------------------------------------------------------------------------------


def _walk(node: object) -> Iterator[object]:
    """Every node under `node`, itself first, children in text order."""
    yield node
    for f in fields(node):  # type: ignore[arg-type]
        value = getattr(node, f.name)
        for child in value if isinstance(value, tuple) else (value,):
            if is_dataclass(child):
                yield from _walk(child)


def columns_in(node: Node) -> list[Column]:
    """Every column of a condition or measure, in text order."""
    return [n for n in _walk(node) if isinstance(n, Column)]


def indicators_in(node: Node) -> list[IndicatorRef]:
    """Every indicator reference of a formula, in text order."""
    return [n for n in _walk(node) if isinstance(n, IndicatorRef)]


def literals_compared(node: Node) -> list[tuple[Column, Literal, str]]:
    """(column, literal, operator) pairs, read as `column op literal` (`0 < x` gives `>`)."""
    pairs: list[tuple[Column, Literal, str]] = []
    for n in _walk(node):
        match n:
            case Compare(op=op, left=Column() as col, right=Literal() as lit):
                pairs.append((col, lit, op))
            case Compare(op=op, left=Literal() as lit, right=Column() as col):
                pairs.append((col, lit, _FLIPPED[op]))
            case InList(operand=col, values=values):
                pairs.extend((col, lit, "in") for lit in values)
            case Between(operand=col, low=low, high=high):
                pairs.extend([(col, low, "between"), (col, high, "between")])
            case Like(operand=col, pattern=pattern):
                pairs.append((col, pattern, "like"))
    return pairs


def _literal_text(value: str | int | float | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return repr(value)


def _column_text(col: Column) -> str:
    name = col.name if _is_bare_name(col.name) else '"' + col.name.replace('"', '""') + '"'
    return f"{col.dataset}.{name}" if col.dataset else name


def _grouped(node: Node) -> str:
    return f"({to_text(node)})" if isinstance(node, And | Or) else to_text(node)


_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}


def _operand_text(node: FormulaNode, min_prec: int) -> str:
    if isinstance(node, BinOp) and _PRECEDENCE[node.op] < min_prec:
        return f"({to_text(node)})"
    return to_text(node)


def to_text(node: Node) -> str:
    """Canonical text for `node`; parsing it gives back the same tree (positions aside)."""
    match node:
        case Column():
            return _column_text(node)
        case Literal(value=value) | Number(value=value):
            return _literal_text(value)
        case Compare(op=op, left=left, right=right):
            return f"{to_text(left)} {op} {to_text(right)}"
        case InList(operand=col, values=values, negated=negated):
            listed = ", ".join(to_text(v) for v in values)
            return f"{to_text(col)} {'not in' if negated else 'in'} ({listed})"
        case Between(operand=col, low=low, high=high, negated=negated):
            word = "not between" if negated else "between"
            return f"{to_text(col)} {word} {to_text(low)} and {to_text(high)}"
        case IsNull(operand=col, negated=negated):
            return f"{to_text(col)} is {'not null' if negated else 'null'}"
        case Like(operand=col, pattern=pattern, negated=negated):
            return f"{to_text(col)} {'not like' if negated else 'like'} {to_text(pattern)}"
        case Truthy(operand=col):
            return to_text(col)
        case And(items=items):
            return " and ".join(_grouped(item) for item in items)
        case Or(items=items):
            return " or ".join(_grouped(item) for item in items)
        case Not(item=item):
            return f"not {_grouped(item)}"
        case Measure(func=func, column=col, condition=cond):
            if cond is not None:
                return f"{func}({to_text(cond)})"
            return f"{func}({to_text(col) if col is not None else '*'})"
        case IndicatorRef(name=name):
            return name
        case BinOp(op=op, left=left, right=right):
            prec = _PRECEDENCE[op]
            return f"{_operand_text(left, prec)} {op} {_operand_text(right, prec + 1)}"
        case Neg(operand=operand):
            # `-(3)` and `-(-a)`: a bare `-3` reads back as a Number and `--` as a comment.
            inner = to_text(operand)
            return f"-({inner})" if isinstance(operand, Number | Neg | BinOp) else f"-{inner}"
    raise TypeError(f"not an expression node: {node!r}")
