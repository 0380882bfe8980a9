"""CAMEO actor country codes (as GDELT writes them) mapped to ISO 3166-1 alpha-3 codes.

CAMEO's country codes are ISO 3166-1 alpha-3 codes (CAMEO manual 1.1b3,
Schrodt 2012, the chapter on actor codes), so a code that is an ISO code maps to
itself. CAMEO adds regions, which are not countries: they map to no country,
and the import names them. GDELT's lookup of these codes is
``CAMEO.country.txt`` (https://www.gdeltproject.org/data/lookups/CAMEO.country.txt);
its three sub-national codes map to the country holding them (the West Bank and
the Gaza Strip to ``PSE``, Baghdad to ``IRQ``). Any other code is unknown.

Provenance: the region and sub-national codes below were written from the
CAMEO manual as its authors know it (background knowledge); that lookup file
could not be retrieved to check them against. A code missing here is
reported as unknown by the importers, never guessed, so an omission costs a
reported row, not a wrong country.
"""

from __future__ import annotations

from .._iso3166 import ALPHA3

__all__ = ["CAMEO_REGIONS", "iso3_of_cameo"]

CAMEO_REGIONS: dict[str, str] = {
    "AFR": "Africa",
    "ASA": "Asia",
    "BLK": "Balkans",
    "CAS": "Central Asia",
    "CAU": "Caucasus",
    "CEU": "Central Europe",
    "CFR": "Central Africa",
    "CRB": "Caribbean",
    "EAF": "Eastern Africa",
    "EEU": "Eastern Europe",
    "EIN": "East Indies",
    "EUR": "Europe",
    "LAM": "Latin America",
    "MDT": "Mediterranean",
    "MEA": "Middle East",
    "NAF": "North Africa",
    "NMR": "North America",
    "PGS": "Persian Gulf",
    "SAF": "Southern Africa",
    "SAM": "South America",
    "SAS": "South Asia",
    "SCN": "Scandinavia",
    "SEA": "Southeast Asia",
    "WAF": "West Africa",
    "WST": "the West",
}
"""CAMEO region codes -> their names: groups of countries, not countries."""

_PLACES_IN_COUNTRIES = {"WSB": "PSE", "GZS": "PSE", "BAG": "IRQ"}


def iso3_of_cameo(code: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a CAMEO country `code`; None for a region or unknown code."""
    code = code.strip().upper()
    if code in ALPHA3:
        return code
    return _PLACES_IN_COUNTRIES.get(code)
