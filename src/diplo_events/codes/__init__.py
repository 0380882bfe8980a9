"""CAMEO event codes and the CAMEO -> PLOVER mapping, as tables inside the package.

``goldstein("042")``, ``quad_class("042")``, ``plover_type("042")``: derived
values come from the tables, never from records. The tables are transcribed by
``tools/build_code_tables.py``; see ``docs/interop.md`` for sources and licences.
"""

from ._lookup import (
    PLOVER_TYPES,
    CameoCode,
    PloverCode,
    QuadClass,
    UnknownCodeError,
    cameo,
    cameo_codes,
    cameo_name,
    cameo_of,
    goldstein,
    is_known,
    plover,
    plover_of,
    plover_type,
    quad_class,
    root,
)

__all__ = [
    "PLOVER_TYPES",
    "CameoCode",
    "PloverCode",
    "QuadClass",
    "UnknownCodeError",
    "cameo",
    "cameo_codes",
    "cameo_name",
    "cameo_of",
    "goldstein",
    "is_known",
    "plover",
    "plover_of",
    "plover_type",
    "quad_class",
    "root",
]
