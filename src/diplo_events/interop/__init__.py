"""Interoperability: ICEWS import; dyadic, Web Annotation and Arrow/Parquet exports."""
