"""A timeline of China-Japan relations as the article tells it, with statuses and date precision.

Run it with ``python examples/02_timeline.py``.
"""

from collections import Counter

import diplo_events as de

ds = de.load_reference()

# `timeline(a, b)` lists the events between two actors in chronological order.
# "chn" and "jpn" are states, so every Chinese or Japanese participant counts
# for them (a foreign minister is on their country's side).
entries = ds.timeline("chn", "jpn")
print(f"China-Japan: {len(entries)} events\n")

# Each entry prints as one line: date (EDTF), status, precision, kind, summary.
# "2012/.." is an open interval (still going on); "2018-01" is known to the month.
for entry in entries:
    print(entry)

# Precision matters when comparing dates: count how precisely the dates are known.
print("\nDate precision:", dict(Counter(entry.precision.value for entry in entries)))
