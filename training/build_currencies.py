#!/usr/bin/env python3
"""Build extractor/data/claims/currencies_iso4217.json: the ISO 4217 codes with English and Chinese names.

    .venv/bin/pip install pycountry && .venv/bin/python training/build_currencies.py

Source: the ISO 4217 table and its translations as shipped by pycountry (the Debian iso-codes project,
LGPL-2.1); only the facts are kept — each code and its English, simplified and traditional Chinese names.
Codes that are no currency one pays with (funds, metals, test and unit-of-account codes) are left out.
The money rules merge this table under the team's curated lexicon (currencies.json), which wins.
"""

from __future__ import annotations

import gettext
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "extractor" / "data" / "claims" / "currencies_iso4217.json"
# Funds, precious metals, SDRs, test and bond-market units: codes, not money a news story pays in.
NOT_MONEY = {"BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW", "XAD", "XAG", "XAU", "XBA", "XBB",
             "XBC", "XBD", "XDR", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX"}  # fmt: skip


def main() -> None:
    import pycountry

    translations = {
        lang: gettext.translation("iso4217", pycountry.LOCALES_DIR, languages=[lang]) for lang in ("zh_CN", "zh_TW")
    }
    codes = {}
    for currency in sorted(pycountry.currencies, key=lambda c: c.alpha_3):
        if currency.alpha_3 in NOT_MONEY:
            continue
        names = {"en": currency.name}
        for lang, key in (("zh_CN", "zh"), ("zh_TW", "zh_tw")):
            translated = translations[lang].gettext(currency.name)
            if translated != currency.name:
                names[key] = translated
        codes[currency.alpha_3] = names
    payload = {
        "_comment": "ISO 4217 codes with English and Chinese names, from pycountry (Debian iso-codes, LGPL-2.1); "
        "built by training/build_currencies.py. Do not edit: curated entries go in currencies.json.",
        "codes": codes,
    }
    OUT.write_text(json.dumps(payload, ensure_ascii=False, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{len(codes)} currencies -> {OUT}")


if __name__ == "__main__":
    main()
