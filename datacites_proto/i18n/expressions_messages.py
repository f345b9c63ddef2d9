"""Messages for the errors of the expression language (datacites_proto.blueprint.expressions).

Placeholders are named like the `params` of ExpressionError; every value arrives as a string.
`expected` lists tokens separated by spaces (a comma can itself be one of them).
"""

from __future__ import annotations

FR: dict[str, str] = {
    "expr_empty": (
        "L'expression est vide : écrivez une condition (statut = 'vacant'), "
        "une mesure (count(*)) ou une formule (bornes / population)."
    ),
    "expr_too_long": (
        "L'expression fait {length} caractères, au-delà de la limite de {max} : "
        "simplifiez-la ou découpez-la en plusieurs indicateurs."
    ),
    "expr_too_deep": (
        "L'expression imbrique trop de parenthèses, de « not » ou de « - » (plus de {max}) : "
        "simplifiez-la."
    ),
    "expr_unexpected_char": (
        "Le caractère « {char} » n'est pas permis ici. Les textes s'écrivent entre apostrophes "
        "droites ('vacant') et les noms de colonnes spéciaux entre guillemets droits "
        '("Code postal").'
    ),
    "expr_comment_not_allowed": (
        "« {token} » n'est pas permis : une expression ne peut pas contenir de commentaire. "
        "Pour retrancher un nombre négatif, mettez-le entre parenthèses : a - (-1)."
    ),
    "expr_unclosed_string": (
        "Ce texte n'est pas fermé : ajoutez l'apostrophe finale. Pour écrire une apostrophe "
        "dans le texte, doublez-la : 'l''Orient'."
    ),
    "expr_unclosed_identifier": (
        'Ce nom de colonne entre guillemets n\'est pas fermé : ajoutez le guillemet final ("…").'
    ),
    "expr_empty_identifier": (
        "Un nom de colonne entre guillemets ne peut pas être vide : "
        'écrivez par exemple "Code postal".'
    ),
    "expr_invalid_number": (
        "« {token} » n'est pas un nombre valide : écrivez par exemple 12, -3, 4.5 ou 1e3 "
        "(avec un point, pas une virgule)."
    ),
    "expr_unexpected_token": "« {token} » est inattendu à cet endroit ; on attend : {expected}",
    "expr_unexpected_end": "L'expression s'arrête trop tôt ; on attend encore : {expected}",
    "expr_unclosed_paren": "Cette parenthèse ouvrante n'est jamais fermée : ajoutez « ) ».",
    "expr_trailing": (
        "« {token} » est en trop après la mesure : une mesure s'écrit seule, "
        "par exemple sum(montant)."
    ),
    "expr_expected_operand": (
        "Il manque une colonne ou une valeur à cet endroit, par exemple statut ou 'vacant'."
    ),
    "expr_expected_value": (
        "Il manque une valeur à cet endroit : un texte entre apostrophes ('vacant'), "
        "un nombre (12) ou true / false."
    ),
    "expr_expected_column": (
        'Il manque un nom de colonne à cet endroit, par exemple montant ou "Code postal".'
    ),
    "expr_expected_indicator": (
        "Il manque un indicateur ou un nombre à cet endroit, "
        "par exemple bornes / population * 1000."
    ),
    "expr_expected_measure": (
        "Une mesure commence par une de ces fonctions : {allowed} ; "
        "par exemple count(*) ou sum(montant)."
    ),
    "expr_function_not_allowed": (
        "Les fonctions ne sont pas permises dans une condition (« {name}(…) ») : comparez "
        "directement la colonne, par exemple « statut = 'vacant' »."
    ),
    "expr_formula_function": (
        "Les fonctions ne sont pas permises dans une formule (« {name}(…) ») : utilisez "
        "seulement des indicateurs, des nombres, + - * / et des parenthèses."
    ),
    "expr_arithmetic_not_allowed": (
        "Le calcul « {op} » n'est pas permis dans une condition : comparez une colonne à une "
        "valeur (surface > 100). Pour calculer, définissez un indicateur avec une formule."
    ),
    "expr_unknown_function": (
        "La fonction « {name} » n'existe pas. Fonctions possibles : {allowed}."
    ),
    "expr_measure_needs_function": (
        "« {name} » seul n'est pas une mesure : précisez le calcul, par exemple sum({name}) "
        "ou count(*). Fonctions possibles : {allowed}."
    ),
    "expr_star_only_count": (
        "« * » ne s'emploie qu'avec count : écrivez count(*), ou {name}(une_colonne)."
    ),
    "expr_null_compare": (
        "On ne compare pas à null avec = ou != : écrivez « colonne is null » "
        "ou « colonne is not null »."
    ),
    "expr_like_needs_string": (
        "« like » attend un motif entre apostrophes, par exemple « nom like 'Saint%' » "
        "(% remplace n'importe quelle suite de caractères)."
    ),
    "expr_bare_literal": (
        "Une valeur seule n'est pas une condition : comparez-la à une colonne, "
        "par exemple « statut = 'vacant' »."
    ),
    "expr_needs_column": (
        "« {keyword} » doit suivre un nom de colonne, par exemple « statut {keyword} … »."
    ),
    "expr_invalid_dataset": (
        "« {name} » n'est pas un identifiant de jeu de données : il s'écrit en minuscules "
        "sans accent (a-z, chiffres, _), en commençant par une lettre."
    ),
    "expr_invalid_indicator": (
        "« {name} » n'est pas un identifiant d'indicateur : il s'écrit en minuscules "
        "sans accent (a-z, chiffres, _), en commençant par une lettre."
    ),
    "expr_qualified_indicator": (
        "« {name} » : une formule cite un indicateur par son seul identifiant, sans point "
        "(par exemple bornes, et non sites.bornes)."
    ),
}

EN: dict[str, str] = {
    "expr_empty": (
        "The expression is empty: write a condition (status = 'vacant'), "
        "a measure (count(*)) or a formula (chargers / population)."
    ),
    "expr_too_long": (
        "The expression is {length} characters long, over the limit of {max}: "
        "simplify it or split it into several indicators."
    ),
    "expr_too_deep": (
        "The expression nests too many parentheses, 'not' or '-' (more than {max}): simplify it."
    ),
    "expr_unexpected_char": (
        "The character '{char}' is not allowed here. Text goes between straight single quotes "
        "('vacant') and unusual column names between straight double quotes (\"Postal code\")."
    ),
    "expr_comment_not_allowed": (
        "'{token}' is not allowed: an expression cannot contain a comment. "
        "To subtract a negative number, put it in parentheses: a - (-1)."
    ),
    "expr_unclosed_string": (
        "This text is not closed: add the closing quote. To write a quote inside the text, "
        "double it: 'l''Orient'."
    ),
    "expr_unclosed_identifier": (
        'This quoted column name is not closed: add the closing double quote ("…").'
    ),
    "expr_empty_identifier": (
        'A quoted column name cannot be empty: write for example "Postal code".'
    ),
    "expr_invalid_number": (
        "'{token}' is not a valid number: write for example 12, -3, 4.5 or 1e3 "
        "(with a point, not a comma)."
    ),
    "expr_unexpected_token": "'{token}' is unexpected here; expected: {expected}",
    "expr_unexpected_end": "The expression stops too early; still expected: {expected}",
    "expr_unclosed_paren": "This opening parenthesis is never closed: add ')'.",
    "expr_trailing": (
        "'{token}' is extra after the measure: a measure stands alone, for example sum(amount)."
    ),
    "expr_expected_operand": (
        "A column or a value is missing here, for example status or 'vacant'."
    ),
    "expr_expected_value": (
        "A value is missing here: text between single quotes ('vacant'), "
        "a number (12) or true / false."
    ),
    "expr_expected_column": ('A column name is missing here, for example amount or "Postal code".'),
    "expr_expected_indicator": (
        "An indicator or a number is missing here, for example chargers / population * 1000."
    ),
    "expr_expected_measure": (
        "A measure starts with one of these functions: {allowed}; "
        "for example count(*) or sum(amount)."
    ),
    "expr_function_not_allowed": (
        "Functions are not allowed in a condition ('{name}(…)'): compare the column directly, "
        "for example \"status = 'vacant'\"."
    ),
    "expr_formula_function": (
        "Functions are not allowed in a formula ('{name}(…)'): use only indicators, numbers, "
        "+ - * / and parentheses."
    ),
    "expr_arithmetic_not_allowed": (
        "The calculation '{op}' is not allowed in a condition: compare a column with a value "
        "(area > 100). To calculate, define an indicator with a formula."
    ),
    "expr_unknown_function": "There is no function '{name}'. Possible functions: {allowed}.",
    "expr_measure_needs_function": (
        "'{name}' alone is not a measure: say how to aggregate it, for example sum({name}) "
        "or count(*). Possible functions: {allowed}."
    ),
    "expr_star_only_count": ("'*' only goes with count: write count(*), or {name}(a_column)."),
    "expr_null_compare": (
        "Nothing compares to null with = or !=: write 'column is null' or 'column is not null'."
    ),
    "expr_like_needs_string": (
        "'like' needs a pattern between single quotes, for example \"name like 'Saint%'\" "
        "(% stands for any run of characters)."
    ),
    "expr_bare_literal": (
        "A value alone is not a condition: compare it with a column, "
        "for example \"status = 'vacant'\"."
    ),
    "expr_needs_column": (
        "'{keyword}' must follow a column name, for example 'status {keyword} …'."
    ),
    "expr_invalid_dataset": (
        "'{name}' is not a dataset id: it is written in lower case without accents "
        "(a-z, digits, _), starting with a letter."
    ),
    "expr_invalid_indicator": (
        "'{name}' is not an indicator id: it is written in lower case without accents "
        "(a-z, digits, _), starting with a letter."
    ),
    "expr_qualified_indicator": (
        "'{name}': a formula names an indicator by its id alone, without a dot "
        "(for example chargers, not sites.chargers)."
    ),
}
