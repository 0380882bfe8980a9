"""Grow a corpus: a second text as a draft, anchored, merged, diffed, and its coverage.

Run it with ``python examples/08_grow_a_corpus.py``. The paragraph below is
INVENTED for this example: it reports nothing that happened. It shares two
states and two cities with the reference dataset, so the merge combines those
records (``on_conflict="combine"``: one record each, with the evidence of both
texts). Then it shows what the merge added (``diff``) and how much of each text
the evidence quotes (``coverage``).
"""

import diplo_events as de

# 1. The text, and a draft of what it says. A draft is the project's file
#    format (here a parsed JSON document; a .json or .jsonl file works the same)
#    in which evidence gives only the quote: no offsets, and no source, as the
#    draft has one. A quote the text repeats says which occurrence it is.
TEXT = (
    "INVENTED EXAMPLE, NOT A REAL REPORT. On 12 March 2018 officials of Japan and China "
    "met in Tokyo for talks on maritime safety. Japan proposed a hotline between the two "
    "coastguards, and China said it would study the proposal. The two sides agreed to meet "
    "again in Beijing."
)
TALKS = "maritime-talks-tokyo"
DRAFT = {
    "format": "diplo-events",
    "version": 1,
    "sources": [
        {
            "id": "invented-maritime-talks",
            "title": "Japan and China hold maritime talks (invented example, not a real report)",
            "language": "en",
            "text": TEXT,
            "note": "Made up for the diplo_events examples; nothing in it happened.",
        }
    ],
    "actors": [
        {
            "id": "jpn",
            "name": "Japan",
            "kind": "state",
            "country": "JPN",
            "evidence": [{"quote": "Japan", "occurrence": 1}],
        },
        {
            "id": "chn",
            "name": "China",
            "kind": "state",
            "country": "CHN",
            "evidence": [{"quote": "China", "occurrence": 1}],
        },
    ],
    "memberships": [],
    "places": [
        {
            "id": "tokyo",
            "name": "Tokyo",
            "kind": "city",
            "country": "JPN",
            "evidence": [{"quote": "Tokyo"}],
        },
        {
            "id": "beijing",
            "name": "Beijing",
            "kind": "city",
            "country": "CHN",
            "evidence": [{"quote": "Beijing"}],
        },
    ],
    "events": [
        {
            "kind": "meeting",
            "id": TALKS,
            "summary": "Japanese and Chinese officials hold talks on maritime safety in Tokyo.",
            "participants": [{"actor": "jpn", "role": "host"}, {"actor": "chn", "role": "visitor"}],
            "when": "2018-03-12",
            "status": "occurred",
            "place": "tokyo",
            "topics": ["maritime-safety"],
            "evidence": [
                {
                    "quote": "On 12 March 2018 officials of Japan and China met in Tokyo"
                    " for talks on maritime safety"
                }
            ],
            "format": "bilateral",
        },
        {
            "kind": "statement",
            "id": "japan-proposes-hotline",
            "summary": "Japan proposes a hotline between the Japanese and Chinese coastguards.",
            "participants": [
                {"actor": "jpn", "role": "speaker"},
                {"actor": "chn", "role": "addressee"},
            ],
            "when": "2018-03-12",
            "status": "occurred",
            "place": "tokyo",
            "evidence": [{"quote": "Japan proposed a hotline between the two coastguards"}],
            "part_of": TALKS,
            "stance": "cooperative",
        },
        {
            "kind": "statement",
            "id": "china-studies-hotline",
            "summary": "China says it will study the proposal.",
            "participants": [
                {"actor": "chn", "role": "speaker"},
                {"actor": "jpn", "role": "addressee"},
            ],
            "when": "2018-03-12",
            "status": "occurred",
            "place": "tokyo",
            "evidence": [{"quote": "China said it would study the proposal"}],
            "part_of": TALKS,
            "relations": [{"kind": "responds_to", "target": "japan-proposes-hotline"}],
            "stance": "neutral",
        },
        {
            "kind": "meeting",
            "id": "maritime-talks-beijing",
            "summary": "Japan and China plan a next round of talks in Beijing.",
            "participants": [{"actor": "chn", "role": "host"}, {"actor": "jpn", "role": "visitor"}],
            "when": "2018-03-12/..",
            "status": "planned",
            "place": "beijing",
            "evidence": [{"quote": "The two sides agreed to meet again in Beijing"}],
            "relations": [{"kind": "follows_up", "target": TALKS}],
            "format": "bilateral",
        },
    ],
}

# 2. Anchor: every quote is found in the text and gets its code-point offsets.
invented = de.anchor(DRAFT)
print(f"Anchored the invented paragraph: {invented!r}")
for event in invented:
    span = event.evidence[0]
    print(f"  {event.id:<24} {span.start:>3}:{span.end:<3} {span.quote!r}")

# 3. Merge with the reference dataset. Both have China, Japan, Tokyo and
#    Beijing, with evidence from different texts: "combine" keeps one record
#    each, with the evidence of both (and the reference's aliases and notes).
reference = de.load_reference()
merged, report = de.merge_with_report(reference, invented, on_conflict="combine")
print(f"\nMerged: {merged!r}")
print(f"  {len(report.conflicts)} values combined, {report.identical} records identical")
print(f"  China's evidence: {len(merged.actors['chn'].evidence)} spans in 2 sources")

# 4. What the merge added to the reference dataset, per collection.
changes = de.diff(reference, merged)
print("\nFrom the reference dataset to the merged one:")
for name, part in changes.collections().items():
    if part:
        print(f"  {name:<12} +{len(part.added)} added, {len(part.changed)} values changed")
for change in changes.changes:
    print(f"    changed: {change.path}")

# 5. Coverage: how much of each text the evidence quotes (a sentence counts as
#    covered when at least half of it is quoted), and what is left to encode.
print("\nCoverage:")
for source_id in merged.sources:
    covers = de.coverage(merged, source_id)
    done = len(covers.sentences) - len(covers.uncovered)
    print(
        f"  {source_id}: {covers.share:.0%} of the text quoted,"
        f" {done} of {len(covers.sentences)} sentences covered"
    )
    for sentence in covers.uncovered[:2]:
        print(f"    not covered ({sentence.share:.0%}): {sentence.text[:60]!r}")
