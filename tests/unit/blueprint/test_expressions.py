"""The expression language: conditions, measures, formulas, their errors and messages."""

from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from datacites_proto.blueprint import expressions
from datacites_proto.blueprint.expressions import (
    KEYWORDS,
    And,
    Between,
    BinOp,
    Column,
    Compare,
    ExpressionError,
    IndicatorRef,
    InList,
    IsNull,
    Like,
    Literal,
    Measure,
    Neg,
    Not,
    Number,
    Or,
    Truthy,
    columns_in,
    indicators_in,
    literals_compared,
    parse_condition,
    parse_formula,
    parse_measure,
    to_text,
)
from datacites_proto.i18n.expressions_messages import EN, FR

Parser = Callable[[str], Any]


def strip_pos(node: Any) -> Any:
    """The same tree with every `pos` set to 0, to compare shapes only."""
    if isinstance(node, tuple):
        return tuple(strip_pos(n) for n in node)
    if not dataclasses.is_dataclass(node):
        return node
    changes = {
        f.name: strip_pos(getattr(node, f.name))
        for f in dataclasses.fields(node)
        if f.name != "pos"
    }
    return dataclasses.replace(node, pos=0, **changes)  # type: ignore[type-var]


def cond(text: str) -> Any:
    return strip_pos(parse_condition(text))


def error(parse: Parser, text: str) -> ExpressionError:
    with pytest.raises(ExpressionError) as info:
        parse(text)
    return info.value


def col(name: str, dataset: str | None = None) -> Column:
    return Column(name, dataset)


def lit(value: Any) -> Literal:
    return Literal(value)


def truthy(name: str) -> Truthy:
    return Truthy(col(name))


# --- Conditions: exact trees, with positions ---------------------------------------------------


def test_comparison_with_positions() -> None:
    assert parse_condition("count >= 0") == Compare(
        ">=", Column("count", pos=0), Literal(0, pos=9), pos=0
    )
    assert parse_condition("0 <= count") == Compare(
        "<=", Literal(0, pos=0), Column("count", pos=5), pos=0
    )
    assert parse_condition("a = b") == Compare("=", Column("a", pos=0), Column("b", pos=4), pos=0)


OPERATORS = {"=": "=", "==": "=", "!=": "!=", "<>": "!=", "<": "<", "<=": "<=", ">": ">"}


@pytest.mark.parametrize(("written", "op"), [*OPERATORS.items(), (">=", ">=")])
def test_every_comparison_operator(written: str, op: str) -> None:
    assert cond(f"x {written} 1") == Compare(op, col("x"), lit(1))
    assert cond(f"x{written}'a'") == Compare(op, col("x"), lit("a"))


def test_in_list_with_positions() -> None:
    assert parse_condition("x in (1, 'a', true)") == InList(
        Column("x", pos=0),
        (Literal(1, pos=6), Literal("a", pos=9), Literal(True, pos=14)),
        False,
        pos=0,
    )
    assert cond("x not in (-2)") == InList(col("x"), (lit(-2),), negated=True)


def test_between_with_positions() -> None:
    assert parse_condition("x between 1 and 5") == Between(
        Column("x", pos=0), Literal(1, pos=10), Literal(5, pos=16), pos=0
    )
    assert cond("x not between -1.5 and 'z'") == Between(col("x"), lit(-1.5), lit("z"), True)


def test_is_null_and_like() -> None:
    assert parse_condition("x is null") == IsNull(Column("x", pos=0), pos=0)
    assert cond("x is not null") == IsNull(col("x"), negated=True)
    assert parse_condition("nom like 'Saint%'") == Like(
        Column("nom", pos=0), Literal("Saint%", pos=9), pos=0
    )
    assert cond("nom not like '%-sur-Mer'") == Like(col("nom"), lit("%-sur-Mer"), negated=True)


def test_bare_column_is_a_truth_test() -> None:
    assert parse_condition("active") == Truthy(Column("active", pos=0), pos=0)
    assert cond("not active") == Not(truthy("active"))
    assert parse_condition("x = 1 and not active").items[1] == Not(  # type: ignore[union-attr]
        Truthy(Column("active", pos=14), pos=14), pos=10
    )


def test_and_or_are_flattened() -> None:
    assert cond("a and b and c") == And((truthy("a"), truthy("b"), truthy("c")))
    assert cond("a or b or c") == Or((truthy("a"), truthy("b"), truthy("c")))
    # Parentheses written by the user are kept as they are.
    assert cond("a and (b and c)") == And((truthy("a"), And((truthy("b"), truthy("c")))))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a or b and c", Or((truthy("a"), And((truthy("b"), truthy("c")))))),
        ("a and b or c", Or((And((truthy("a"), truthy("b"))), truthy("c")))),
        ("(a or b) and c", And((Or((truthy("a"), truthy("b"))), truthy("c")))),
        ("not a and b", And((Not(truthy("a")), truthy("b")))),
        ("not a or b", Or((Not(truthy("a")), truthy("b")))),
        ("not x = 1", Not(Compare("=", col("x"), lit(1)))),
        ("not not a", Not(Not(truthy("a")))),
        ("not (a or b)", Not(Or((truthy("a"), truthy("b"))))),
        (
            "x between 1 and 5 and y = 2",
            And((Between(col("x"), lit(1), lit(5)), Compare("=", col("y"), lit(2)))),
        ),
        (
            "a = 1 or x not between 1 and 5 and b",
            Or(
                (
                    Compare("=", col("a"), lit(1)),
                    And((Between(col("x"), lit(1), lit(5), True), truthy("b"))),
                )
            ),
        ),
        ("((a))", truthy("a")),
    ],
)
def test_precedence(text: str, expected: Any) -> None:
    assert cond(text) == expected


def test_keywords_are_case_insensitive() -> None:
    assert cond("x Is Not Null AND y BETWEEN 1 And 2 OR z NOT IN (TRUE, False)") == Or(
        (
            And((IsNull(col("x"), True), Between(col("y"), lit(1), lit(2)))),
            InList(col("z"), (lit(True), lit(False)), True),
        )
    )
    assert cond("x NOT LIKE 'a%'") == Like(col("x"), lit("a%"), True)
    # Column names keep their case.
    assert cond("Statut = 1") == Compare("=", col("Statut"), lit(1))


def test_quoted_identifiers_and_escaped_quotes() -> None:
    assert parse_condition("\"Code postal\" = '29000'") == Compare(
        "=", Column("Code postal", pos=0), Literal("29000", pos=16), pos=0
    )
    assert cond("sites.\"Nom du site\" = 'l''Orient'") == Compare(
        "=", col("Nom du site", "sites"), lit("l'Orient")
    )
    assert cond('"a""b" = \'\'') == Compare("=", col('a"b'), lit(""))
    # Quoting turns a keyword into a column name.
    assert cond('"and" = 1 and "NULL" is null') == And(
        (Compare("=", col("and"), lit(1)), IsNull(col("NULL")))
    )
    assert cond("x = 'a -- b; c'") == Compare("=", col("x"), lit("a -- b; c"))


def test_french_accented_names() -> None:
    assert cond("année >= 2020 and commune_département = 'Finistère'") == And(
        (
            Compare(">=", col("année"), lit(2020)),
            Compare("=", col("commune_département"), lit("Finistère")),
        )
    )
    assert cond("sites.libellé_œuvre is null") == IsNull(col("libellé_œuvre", "sites"))
    decomposed = "anne\u0301e"  # "année" typed with a combining accent
    assert cond(f"{decomposed} > 1") == Compare(">", col(decomposed), lit(1))


def test_numbers_booleans_and_whitespace() -> None:
    values = parse_condition("x in (12, -3, 4.5, 1e3, 2E-2, 007)").values  # type: ignore[union-attr]
    assert [v.value for v in values] == [12, -3, 4.5, 1000.0, 0.02, 7]
    assert [type(v.value) for v in values] == [int, int, float, float, float, int]
    assert cond("x > -3") == Compare(">", col("x"), lit(-3))
    assert cond("x = - 3") == Compare("=", col("x"), lit(-3))
    assert cond("ok = TRUE or ko = false") == Or(
        (Compare("=", col("ok"), lit(True)), Compare("=", col("ko"), lit(False)))
    )
    assert cond("x\n=\t1\u00a0") == Compare("=", col("x"), lit(1))


def test_qualified_columns() -> None:
    column = parse_condition("sites.site_name = 'a'").left  # type: ignore[union-attr]
    assert column == Column("site_name", "sites", pos=0)
    assert column.ref == "sites.site_name"
    assert Column("x").ref == "x"
    assert cond("sites.in = 1") == Compare("=", col("in", "sites"), lit(1))


def test_sql_injection_lookalikes() -> None:
    # Valid grammar: exactly two comparisons, nothing else.
    assert parse_condition("x = 'a' or 1=1") == Or(
        (
            Compare("=", Column("x", pos=0), Literal("a", pos=4), pos=0),
            Compare("=", Literal(1, pos=11), Literal(1, pos=13), pos=11),
        ),
        pos=0,
    )
    e = error(parse_condition, "x = 1; drop table t")
    assert (e.code, e.position, e.params) == ("expr_unexpected_char", 5, {"char": ";"})
    e = error(parse_condition, "x = 1 -- c")
    assert (e.code, e.position, e.params) == ("expr_comment_not_allowed", 6, {"token": "--"})
    e = error(parse_condition, "x = 1 /* c */")
    assert (e.code, e.position) == ("expr_comment_not_allowed", 6)
    e = error(parse_condition, "x = 1 union select * from t")
    assert (e.code, e.position, e.params["token"]) == ("expr_unexpected_token", 6, "union")
    for text, position in [("`x` = 1", 0), ("x = ${y}", 4), ("x = {y}", 4), ("x = 1 \\", 6)]:
        e = error(parse_condition, text)
        assert (e.code, e.position) == ("expr_unexpected_char", position), text


# --- Measures ----------------------------------------------------------------------------------


@pytest.mark.parametrize("func", ["count", "count_distinct", "sum", "mean", "median", "min", "max"])
def test_measure_over_a_column(func: str) -> None:
    assert parse_measure(f"{func}(montant)") == Measure(
        func, Column("montant", pos=len(func) + 1), pos=0
    )
    assert strip_pos(parse_measure(f'{func.upper()} ( sites."Montant TTC" )')) == Measure(
        func, col("Montant TTC", "sites")
    )


def test_count_star_and_share() -> None:
    assert parse_measure("count(*)") == Measure("count", None, None, pos=0)
    assert parse_measure("Count( * )") == Measure("count", pos=0)
    assert parse_measure("share(statut = 'vacant')") == Measure(
        "share",
        None,
        Compare("=", Column("statut", pos=6), Literal("vacant", pos=15), pos=6),
        pos=0,
    )
    assert strip_pos(parse_measure("SHARE(a or b is null)")) == Measure(
        "share", condition=Or((truthy("a"), IsNull(col("b"))))
    )


def test_unknown_function_suggestions() -> None:
    e = error(parse_measure, "summ(x)")
    assert (e.code, e.position) == ("expr_unknown_function", 0)
    assert e.params == {
        "name": "summ",
        "suggestions": "sum",
        "allowed": "count, count_distinct, sum, mean, median, min, max, share",
    }
    assert error(parse_measure, "avg(x)").params["suggestions"] == "mean"
    assert error(parse_measure, "Count_Distinc(x)").params["suggestions"] == "count_distinct"
    assert error(parse_measure, "frobnicate(x)").params["suggestions"] == ""


# --- Formulas ----------------------------------------------------------------------------------


def test_formula_trees() -> None:
    assert parse_formula("chargers / population * 1000") == BinOp(
        "*",
        BinOp("/", IndicatorRef("chargers", pos=0), IndicatorRef("population", pos=11), pos=0),
        Number(1000, pos=24),
        pos=0,
    )
    a, b, c = IndicatorRef("a"), IndicatorRef("b"), IndicatorRef("c")
    cases = {
        "(a - b) / b": BinOp("/", BinOp("-", a, b), b),
        "a - b - c": BinOp("-", BinOp("-", a, b), c),
        "a - (b - c)": BinOp("-", a, BinOp("-", b, c)),
        "a + b * c": BinOp("+", a, BinOp("*", b, c)),
        "-a * b": BinOp("*", Neg(a), b),
        "-(a * b)": Neg(BinOp("*", a, b)),
        "2 * -b": BinOp("*", Number(2), Neg(b)),
        "-3 + 1.5e2": BinOp("+", Number(-3), Number(150.0)),
        "-(3)": Neg(Number(3)),
        "- -a": Neg(Neg(a)),
    }
    for text, expected in cases.items():
        assert strip_pos(parse_formula(text)) == expected, text
    assert parse_formula("- a") == Neg(IndicatorRef("a", pos=2), pos=0)


# --- Errors: every code, with its exact position ------------------------------------------------

C, M, F = parse_condition, parse_measure, parse_formula
ERROR_CASES: list[tuple[Parser, str, str, int, dict[str, str]]] = [
    (C, "", "expr_empty", 0, {}),
    (F, " \n\t", "expr_empty", 0, {}),
    (C, "x" * 2001, "expr_too_long", 2000, {"max": "2000", "length": "2001"}),
    (C, "(" * 60 + "a" + ")" * 60, "expr_too_deep", 50, {"max": "50"}),
    (C, "not " * 60 + "a", "expr_too_deep", 200, {"max": "50"}),
    (F, "- " * 60 + "a", "expr_too_deep", 100, {"max": "50"}),
    (C, "x = $1", "expr_unexpected_char", 4, {"char": "$"}),
    (C, "x ! 1", "expr_unexpected_char", 2, {"char": "!"}),
    (C, "x = ’a’", "expr_unexpected_char", 4, {"char": "’"}),
    (F, "a--b", "expr_comment_not_allowed", 1, {"token": "--"}),
    (C, "x = 'abc", "expr_unclosed_string", 4, {}),
    (C, "x in ('a', 'b) or y", "expr_unclosed_string", 11, {}),
    (C, "x = 'l''Orient", "expr_unclosed_string", 4, {}),
    (C, '"Code postal = 1', "expr_unclosed_identifier", 0, {}),
    (M, 'sum("")', "expr_empty_identifier", 4, {}),
    (C, "x = 12abc", "expr_invalid_number", 4, {"token": "12abc"}),
    (C, "x = 1.2.3", "expr_invalid_number", 4, {"token": "1.2.3"}),
    (F, "a * 1e999", "expr_invalid_number", 4, {"token": "1e999"}),
    (C, "count >= 0 andd x = 1", "expr_unexpected_token", 11, {"token": "andd"}),
    (C, "x 5", "expr_unexpected_token", 2, {"expected": "= != < <= > >= in between like is"}),
    (C, "x in 1", "expr_unexpected_token", 5, {"token": "1", "expected": "("}),
    (C, "x in (1 2)", "expr_unexpected_token", 8, {"token": "2", "expected": ", )"}),
    (C, "x between 1 or 2", "expr_unexpected_token", 12, {"token": "or", "expected": "and"}),
    (C, "x is 1", "expr_unexpected_token", 5, {"expected": "null not"}),
    (C, "x is not 'a'", "expr_unexpected_token", 9, {"token": "'a'", "expected": "null"}),
    (C, "x not = 1", "expr_unexpected_token", 6, {"expected": "in between like"}),
    (C, "(a = 1 b)", "expr_unexpected_token", 7, {"expected": "and or )"}),
    (C, "a = 1)", "expr_unexpected_token", 5, {"token": ")", "expected": "and or"}),
    (C, "sites.x.y = 1", "expr_unexpected_token", 7, {"token": "."}),
    (F, "a b", "expr_unexpected_token", 2, {"token": "b", "expected": "+ - * /"}),
    (F, "(a b)", "expr_unexpected_token", 3, {"expected": "+ - * / )"}),
    (M, "share(a = 1 b)", "expr_unexpected_token", 12, {"expected": "and or )"}),
    (C, "x is", "expr_unexpected_end", 4, {"expected": "null not"}),
    (C, "x not", "expr_unexpected_end", 5, {"expected": "in between like"}),
    (M, "count", "expr_unexpected_end", 5, {"expected": "("}),
    (C, "(a = 1", "expr_unclosed_paren", 0, {}),
    (C, "((a = 1) or b", "expr_unclosed_paren", 0, {}),
    (C, "x in (1, 2", "expr_unclosed_paren", 5, {}),
    (M, "count(x", "expr_unclosed_paren", 5, {}),
    (F, "(a + b", "expr_unclosed_paren", 0, {}),
    (M, "count(*) x", "expr_trailing", 9, {"token": "x"}),
    (M, "sum(x) / 2", "expr_trailing", 7, {"token": "/"}),
    (C, "x = ", "expr_expected_operand", 4, {}),
    (C, "x = and", "expr_expected_operand", 4, {}),
    (C, "or", "expr_expected_operand", 0, {}),
    (M, "share()", "expr_expected_operand", 6, {}),
    (C, "x in ()", "expr_expected_value", 6, {}),
    (C, "x between a and 2", "expr_expected_value", 10, {}),
    (M, "sum(1)", "expr_expected_column", 4, {}),
    (M, "count()", "expr_expected_column", 6, {}),
    (C, "sites. = 1", "expr_expected_column", 7, {}),
    (F, "a * 'x'", "expr_expected_indicator", 4, {}),
    (F, "a +", "expr_expected_indicator", 3, {}),
    (F, '"a" + 1', "expr_expected_indicator", 0, {}),
    (M, "*", "expr_expected_measure", 0, {}),
    (C, "lower(x) = 'a'", "expr_function_not_allowed", 0, {"name": "lower"}),
    (C, "x = 1 and upper (nom) = 'A'", "expr_function_not_allowed", 10, {"name": "upper"}),
    (C, "sites.f(x)", "expr_function_not_allowed", 0, {"name": "sites.f"}),
    (M, "share(count(*) > 1)", "expr_function_not_allowed", 6, {"name": "count"}),
    (F, "round(a) + 1", "expr_formula_function", 0, {"name": "round"}),
    (C, "x + 1 > 2", "expr_arithmetic_not_allowed", 2, {"op": "+"}),
    (C, "x = 1 * 2", "expr_arithmetic_not_allowed", 6, {"op": "*"}),
    (C, "x = -y", "expr_arithmetic_not_allowed", 4, {"op": "-"}),
    (M, "moyenne(x)", "expr_unknown_function", 0, {"name": "moyenne", "suggestions": "mean"}),
    (M, "population", "expr_measure_needs_function", 0, {"name": "population"}),
    (M, "sum(*)", "expr_star_only_count", 4, {"name": "sum"}),
    (M, "share(*)", "expr_star_only_count", 6, {"name": "share"}),
    (C, "x = null", "expr_null_compare", 4, {}),
    (C, "x in (1, NULL)", "expr_null_compare", 9, {}),
    (C, "x like 5", "expr_like_needs_string", 7, {}),
    (C, "x not like y", "expr_like_needs_string", 11, {}),
    (C, "'vacant'", "expr_bare_literal", 0, {}),
    (C, "x = 1 or 5", "expr_bare_literal", 9, {}),
    (C, "1 in (1)", "expr_needs_column", 0, {"keyword": "in"}),
    (C, "'a' not like 'b'", "expr_needs_column", 0, {"keyword": "not like"}),
    (C, "a and 5 is null", "expr_needs_column", 6, {"keyword": "is"}),
    (C, "Sites.x = 1", "expr_invalid_dataset", 0, {"name": "Sites"}),
    (M, "sum(données.x)", "expr_invalid_dataset", 4, {"name": "données"}),
    (F, "Bornes + 1", "expr_invalid_indicator", 0, {"name": "Bornes"}),
    (F, "1 + année", "expr_invalid_indicator", 4, {"name": "année"}),
    (F, "x + sites.bornes", "expr_qualified_indicator", 4, {"name": "sites.bornes"}),
]


@pytest.mark.parametrize(
    ("parse", "text", "code", "position", "params"),
    ERROR_CASES,
    ids=[f"{code}:{text[:30]!r}" for _, text, code, _, _ in ERROR_CASES],
)
def test_error_code_and_position(
    parse: Parser, text: str, code: str, position: int, params: dict[str, str]
) -> None:
    e = error(parse, text)
    assert (e.code, e.position) == (code, position)
    assert params.items() <= e.params.items()
    assert all(isinstance(value, str) for value in e.params.values())


def _codes_in_module() -> set[str]:
    source = Path(expressions.__file__).read_text(encoding="utf-8")
    return set(re.findall(r"\"(expr_[a-z_]+)\"", source))


def test_every_error_code_is_tested() -> None:
    assert _codes_in_module() == {code for _, _, code, _, _ in ERROR_CASES}


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_catalogues_cover_every_code_with_the_same_placeholders() -> None:
    assert set(FR) == set(EN)
    assert _codes_in_module() <= set(FR)
    for code in FR:
        assert code.startswith("expr_")
        assert _placeholders(FR[code]) == _placeholders(EN[code]), code


def test_every_raised_error_fills_its_messages() -> None:
    for parse, text, _, _, _ in ERROR_CASES:
        e = error(parse, text)
        assert _placeholders(FR[e.code]) <= set(e.params), (e.code, e.params)
        FR[e.code].format(**e.params)
        EN[e.code].format(**e.params)


def test_str_is_a_readable_english_fallback() -> None:
    assert str(error(parse_measure, "summ(x)")) == (
        "There is no function 'summ'. Possible functions: count, count_distinct, sum, mean, "
        "median, min, max, share. Did you mean: sum? (at character 1)"
    )
    assert str(error(parse_condition, "x = null")) == (
        "Nothing compares to null with = or !=: write 'column is null' or 'column is not null'."
        " (at character 5)"
    )


def test_length_limit_is_inclusive() -> None:
    assert parse_condition("a" * 2000) == Truthy(Column("a" * 2000, pos=0), pos=0)


# --- Helpers -----------------------------------------------------------------------------------


def test_columns_in_text_order() -> None:
    node = parse_condition("b = 1 and a in (1) or sites.c is null or 2 < d")
    assert [c.ref for c in columns_in(node)] == ["b", "a", "sites.c", "d"]
    assert [c.pos for c in columns_in(node)] == [0, 10, 22, 45]
    assert [c.ref for c in columns_in(parse_measure("share(x = y and not z)"))] == ["x", "y", "z"]
    assert columns_in(parse_measure("sum(montant)")) == [Column("montant", pos=4)]
    assert columns_in(parse_measure("count(*)")) == []


def test_indicators_in_text_order() -> None:
    refs = indicators_in(parse_formula("(a - b) / b * 100"))
    assert [(r.name, r.pos) for r in refs] == [("a", 1), ("b", 5), ("b", 10)]
    assert indicators_in(parse_formula("42")) == []


def test_literals_compared() -> None:
    node = parse_condition(
        "x = 1 and 0 < y and z in ('a', 'b') and w not between 1 and 2 and v like 'a%'"
        " and a = b and 1 = 1 and s is null"
    )
    pairs = [(c.ref, v.value, op) for c, v, op in literals_compared(node)]
    assert pairs == [
        ("x", 1, "="),
        ("y", 0, ">"),  # `0 < y` reads as `y > 0`
        ("z", "a", "in"),
        ("z", "b", "in"),
        ("w", 1, "between"),
        ("w", 2, "between"),
        ("v", "a%", "like"),
    ]
    assert literals_compared(parse_measure("share(n >= 3)"))[0][2] == ">="


@pytest.mark.parametrize(
    ("parse", "text", "canonical"),
    [
        (C, "X <> 1 AND y == 'l''a'", "X != 1 and y = 'l''a'"),
        (C, "a or b and c", "a or (b and c)"),
        (C, "not (a and b) or c is not null", "not (a and b) or c is not null"),
        (C, 'sites."Nom du site" NOT IN (1,2.5,TRUE)', 'sites."Nom du site" not in (1, 2.5, true)'),
        (
            C,
            "x between -1 and 1e3 and \"Or\" like 'a'",
            "x between -1 and 1000.0 and \"Or\" like 'a'",
        ),
        (M, "COUNT(*)", "count(*)"),
        (M, "Share( a = 1 )", "share(a = 1)"),
        (F, "(a - b) / (b * 2) - -3", "(a - b) / (b * 2) - -3"),
        (F, "-(3) + -(-a) + (a + b) * c", "-(3) + -(-a) + (a + b) * c"),
        (F, "a - (b + c)", "a - (b + c)"),
    ],
)
def test_to_text_is_canonical(parse: Parser, text: str, canonical: str) -> None:
    assert to_text(parse(text)) == canonical


# --- Properties --------------------------------------------------------------------------------

FRAGMENTS = [
    "x", "sites.a", '"Nom"', "'a'", "'l''b'", "1", "-2", "4.5", "1e3", "année", "and", "or",
    "not", "in", "between", "is", "null", "like", "true", "(", ")", ",", "=", "<>", "<=", ">",
    "+", "-", "*", "/", "count", "sum", "share", "summ", ".", "'", '"', ";", "--", "$", "é",
]  # fmt: skip
random_texts = st.one_of(
    st.text(max_size=60),
    st.text(alphabet="ax1 _'\"().,=<>!-+*/eé;$\n", max_size=40),
    st.lists(st.sampled_from(FRAGMENTS), max_size=12).map(" ".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join),
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(random_texts, st.sampled_from([parse_condition, parse_measure, parse_formula]))
def test_random_text_only_ever_raises_expression_error(text: str, parse: Parser) -> None:
    try:
        node = parse(text)
    except ExpressionError as e:
        assert e.code in EN
        assert 0 <= e.position <= len(text)
        assert all(isinstance(value, str) for value in e.params.values())
        str(e)
    else:
        # Whatever parses also survives a round trip through its canonical text.
        assert strip_pos(parse(to_text(node))) == strip_pos(node)


identifiers = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True)
dataset_ids = identifiers.filter(lambda s: s not in KEYWORDS)
columns = st.builds(Column, st.text(min_size=1, max_size=8), st.none() | dataset_ids)
finite_floats = st.floats(allow_nan=False, allow_infinity=False)
literal_values = st.text(max_size=8) | st.integers(-(10**9), 10**9) | finite_floats | st.booleans()
literals = st.builds(Literal, literal_values)
operands = columns | literals
literal_tuples = st.lists(literals, min_size=1, max_size=3).map(tuple)
simple_conditions = st.one_of(
    st.builds(Compare, st.sampled_from(["=", "!=", "<", "<=", ">", ">="]), operands, operands),
    st.builds(InList, columns, literal_tuples, st.booleans()),
    st.builds(Between, columns, literals, literals, st.booleans()),
    st.builds(IsNull, columns, st.booleans()),
    st.builds(Like, columns, st.builds(Literal, st.text(max_size=8)), st.booleans()),
    st.builds(Truthy, columns),
)
conditions = st.recursive(
    simple_conditions,
    lambda inner: st.one_of(
        st.builds(And, st.lists(inner, min_size=2, max_size=3).map(tuple)),
        st.builds(Or, st.lists(inner, min_size=2, max_size=3).map(tuple)),
        st.builds(Not, inner),
    ),
    max_leaves=8,
)
column_funcs = ["count", "count_distinct", "sum", "mean", "median", "min", "max"]
measures = st.one_of(
    st.builds(Measure, st.sampled_from(column_funcs), columns),
    st.just(Measure("count")),
    st.builds(Measure, st.just("share"), st.none(), conditions),
)
formulas = st.recursive(
    st.builds(Number, st.integers(-(10**9), 10**9) | finite_floats)
    | st.builds(IndicatorRef, identifiers),
    lambda inner: st.builds(BinOp, st.sampled_from("+-*/"), inner, inner) | st.builds(Neg, inner),
    max_leaves=10,
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(conditions)
def test_condition_round_trip(node: Any) -> None:
    assert strip_pos(parse_condition(to_text(node))) == node


@settings(max_examples=200)
@given(measures)
def test_measure_round_trip(node: Measure) -> None:
    assert strip_pos(parse_measure(to_text(node))) == node


@settings(max_examples=300)
@given(formulas)
def test_formula_round_trip(node: Any) -> None:
    assert strip_pos(parse_formula(to_text(node))) == node
