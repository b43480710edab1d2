"""Our product classes and how each maps onto the DSA Transparency Database.

One table, used by the analyser (to label findings) and by the inbox (to export statements of
reasons), so both always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    """What kind of illegal product an offer is about."""

    DRUGS = "drugs"
    WEAPONS = "weapons"
    DOCUMENTS = "documents"
    COUNTERFEIT_MONEY = "counterfeit_money"
    STOLEN_DATA = "stolen_data"
    MEDICINES = "medicines"
    FIREWORKS = "fireworks"
    OTHER_ILLEGAL = "other_illegal"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class DsaClass:
    """A DSA statement category with its keyword specification."""

    category: str
    keyword: str | None


_PRODUCTS = "STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS"
_FRAUD = "STATEMENT_CATEGORY_SCAMS_AND_FRAUD"

DSA_CLASSES: dict[Category, DsaClass] = {
    Category.DRUGS: DsaClass(_PRODUCTS, "KEYWORD_PROHIBITED_PRODUCTS"),
    Category.WEAPONS: DsaClass(_PRODUCTS, "KEYWORD_PROHIBITED_PRODUCTS"),
    Category.MEDICINES: DsaClass(_PRODUCTS, "KEYWORD_RISK_PUBLIC_HEALTH"),
    Category.FIREWORKS: DsaClass(_PRODUCTS, "KEYWORD_UNSAFE_PRODUCTS"),
    Category.DOCUMENTS: DsaClass(_FRAUD, "KEYWORD_DATA_FALSIFICATION"),
    Category.COUNTERFEIT_MONEY: DsaClass(_FRAUD, "KEYWORD_OTHER"),
    Category.STOLEN_DATA: DsaClass(
        "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS", "KEYWORD_OTHER"
    ),
    Category.OTHER_ILLEGAL: DsaClass(_PRODUCTS, "KEYWORD_GOODS_SERVICES_NOT_PERMITTED"),
    Category.NONE: DsaClass("STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE", None),
}

_BY_VALUE: dict[str, DsaClass] = {category.value: dsa for category, dsa in DSA_CLASSES.items()}


def dsa_class(category: Category | str) -> DsaClass:
    """The DSA category and keyword for one of our product classes.

    Raises ``ValueError`` naming the value when it is not one of ours.
    """
    found = _BY_VALUE.get(category)  # a Category is its value as a str
    return found if found is not None else DSA_CLASSES[Category(category)]
