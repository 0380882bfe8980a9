"""Build the reference dataset: Tai Wei Lim's article on Sino-Japanese ties, fully encoded.

Every record is written here in Python with the model classes. Evidence offsets
are never typed by hand: `Article.ev` locates each quote in the article text
(the n-th occurrence, or the only one) and fails loudly when it is absent or
ambiguous. The result is validated as a `Dataset` and written, in the project's
JSON format, to ``src/diplo_events/reference/reference.json``.

Usage::

    python tools/build_reference.py           # (re)write the package data file
    python tools/build_reference.py --check   # exit 1 if the shipped file is stale

Modelling decisions are documented in ``docs/reference-dataset.md``.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path

import attrs

from diplo_events import (
    Actor,
    Agreement,
    Dataset,
    Dispute,
    Event,
    EventCode,
    Evidence,
    Incident,
    Meeting,
    Membership,
    PartialDate,
    Participant,
    Place,
    PlaceName,
    Relation,
    Source,
    Statement,
    Status,
    TimeSpan,
    Visit,
    codes,
)
from diplo_events.serialize import dump, dumps

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = ROOT / "src" / "diplo_events" / "reference"
ARTICLE_PATH = PACKAGE_DIR / "article.txt"
DATA_PATH = PACKAGE_DIR / "reference.json"

ARTICLE_SHA256 = "71747f8f0e94a1611177c33e7c98c14e4d621099612b339aaa9b1d24d009793c"
"""SHA-256 of the UTF-8 bytes of ``shared/seed/article.txt`` (8,890 code points)."""

SOURCE_ID = "lim-2018-sino-japanese-ties"
PUBLISHED = "2018-02-09"

# -- time conventions (see docs/reference-dataset.md, "Time") -----------------

BEFORE_PUBLICATION = "/2018-02-09"
"""Undated past or ongoing: unknown start, bounded by the publication date."""

FROM_PUBLICATION = "2018-02-09/.."
"""Anticipated, undated: from the publication date on, end open."""

NOTE_UNDATED = (
    "The article gives no date; the span has an unknown start and ends on the publication "
    "date (2018-02-09), the only bound the text supports."
)
NOTE_RECENT = (
    "Called recent in the article, which gives no date; the span has an unknown start and "
    "ends on the publication date (2018-02-09), the anchor for 'recent'."
)
NOTE_ONGOING = (
    "Under way at publication and undated; the span ends on the publication date "
    "(2018-02-09), the last day the article attests, and the status says it continues."
)
NOTE_ANTICIPATED = (
    "Anticipated at publication with no date given: the span starts on the publication "
    "date (2018-02-09) and its end is open."
)
NOTE_IN_VISIT = (
    "The article dates this only as part of the visit of January 27-28, 2018 ('This time "
    "round in January 2018'); the day is not given, so the date is the month, and part_of "
    "ties it to the visit."
)
NOTE_LI_YANG = (
    "The article does not say whether Kono met Li and Yang together or apart; encoded as "
    "one meeting per counterpart. "
)
NOTE_COASTGUARD = (
    "The article says only 'Coastguards from the two countries'; the service's proper name "
    "is not given and not used."
)


class QuoteError(LookupError):
    """A quote is absent from the article, or ambiguous without an occurrence number."""


class Article:
    """The article text, and evidence spans located in it by quote."""

    def __init__(self, text: str, source: str = SOURCE_ID) -> None:
        self.text = text
        self.source = source

    def ev(self, quote: str, occurrence: int | None = None) -> Evidence:
        """An `Evidence` span for `quote`.

        Args:
            quote: The exact text, as it stands in the article.
            occurrence: Which occurrence (1-based); when None the quote must be unique.

        Raises:
            QuoteError: The quote is absent, has fewer occurrences, or is ambiguous.
        """
        starts: list[int] = []
        at = self.text.find(quote)
        while at >= 0:
            starts.append(at)
            at = self.text.find(quote, at + 1)
        if not starts:
            raise QuoteError(f"quote not in the article: {quote!r}")
        if occurrence is None:
            if len(starts) > 1:
                raise QuoteError(f"quote occurs {len(starts)} times, give an occurrence: {quote!r}")
            occurrence = 1
        if not 1 <= occurrence <= len(starts):
            raise QuoteError(f"quote occurs {len(starts)} times, not {occurrence}: {quote!r}")
        start = starts[occurrence - 1]
        return Evidence(source=self.source, start=start, end=start + len(quote), quote=quote)


def read_article(path: Path = ARTICLE_PATH) -> str:
    """Read the article as UTF-8, unnormalised, and check it is the expected text."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != ARTICLE_SHA256:
        raise ValueError(f"{path} is not the reference article (sha256 {digest})")
    return data.decode("utf-8")


def span(edtf: str) -> TimeSpan:
    """Parse an EDTF span."""
    return TimeSpan.parse(edtf)


def part(actor: str, role: str, title: str | None = None, for_: str | None = None) -> Participant:
    """A participant; `for_` is the actor they act on behalf of."""
    return Participant(actor=actor, role=role, title=title, on_behalf_of=for_)


def rel(kind: str, target: str) -> Relation:
    """A relation to another event."""
    return Relation(kind=kind, target=target)


# -- source ---------------------------------------------------------------------


def build_source(text: str) -> Source:
    """The article as a source: its exact text and its attribution."""
    return Source(
        id=SOURCE_ID,
        title="Sino-Japanese Ties and the Political Thaw in Northeast Asia",
        authors=("Tai Wei Lim",),
        published=PartialDate.parse(PUBLISHED),
        language="en",
        credit="Photo Credit: Kyodo News",
        text=text,
        note=(
            "The text exactly as supplied (UTF-8, not normalised), including its title, "
            "byline, date line and comment-form boilerplate. The photo credit is the "
            "article's own. The supplied text names no publisher and no URL."
        ),
    )


# -- actors ---------------------------------------------------------------------


def build_actors(a: Article) -> list[Actor]:
    """States, people and organisations the article names."""
    ev = a.ev
    bg_code = "Country code: background knowledge."
    return [
        # states
        Actor(
            id="chn",
            name="China",
            kind="state",
            aliases=("Beijing", "the Chinese side"),
            country="CHN",
            identifiers={"wikidata": "Q148"},
            note=(
                "The People's Republic of China, also called 'Beijing' and 'the Chinese side' "
                "in the article. The article calls it the world's second largest economy, in "
                "transition from an export-led to a consumption-led economy, and an important "
                "interdependent economic partner of both the US and Japan. Country code and "
                "Wikidata id: background knowledge."
            ),
            evidence=(
                ev(
                    "the ongoing transition from an export-led to a domestic-consumption-dependent economy (China)"
                ),
                ev("China and Japan are still the world\u2019s second and third largest economies"),
                ev(
                    "China is an important interdependent economic partner with both the US and Japan"
                ),
            ),
        ),
        Actor(
            id="jpn",
            name="Japan",
            kind="state",
            country="JPN",
            identifiers={"wikidata": "Q17"},
            note=(
                "The article notes Japan's aging population, calls it the world's third "
                "largest economy and the US' closest ally in the Pacific and East Asian "
                "region. Country code and Wikidata id: background knowledge."
            ),
            evidence=(
                ev("an aging population (Japan)"),
                ev("China and Japan are still the world\u2019s second and third largest economies"),
                ev("Japan is the US\u2019 closest ally in the Pacific and East Asian region"),
            ),
        ),
        Actor(
            id="prk",
            name="North Korea",
            kind="state",
            aliases=("Pyongyang",),
            country="PRK",
            note="Also called 'Pyongyang' in the article. " + bg_code,
        ),
        Actor(
            id="kor",
            name="South Korea",
            kind="state",
            aliases=("Seoul",),
            country="KOR",
            note="Also called 'Seoul' in the article. " + bg_code,
        ),
        Actor(
            id="usa",
            name="United States",
            kind="state",
            aliases=("the US", "Washington DC"),
            country="USA",
            note="Called 'the US' and, once, 'Washington DC' in the article. " + bg_code,
        ),
        Actor(
            id="vnm",
            name="Vietnam",
            kind="state",
            country="VNM",
            note="Named only as the country Danang is in. " + bg_code,
        ),
        Actor(
            id="phl",
            name="Philippines",
            kind="state",
            country="PHL",
            note="Named only as where the November 2017 ASEAN summit was held. " + bg_code,
        ),
        # people
        Actor(
            id="taro-kono",
            name="Taro Kono",
            kind="person",
            aliases=("Kono", "the Japanese Minister"),
            country="JPN",
            note=(
                "Japan's Foreign Minister. The article says he is close to and trusted by "
                "Washington and Beijing, and is a graduate of Georgetown University. His "
                "father (unnamed) is a separate record, 'kono-father'."
            ),
            evidence=(ev("Kono is close to and trusted by Washington DC"),),
        ),
        Actor(
            id="kono-father",
            name="Father of Taro Kono",
            kind="person",
            aliases=("The Japanese Minister\u2019s father",),
            note=(
                "Not named in the article, which calls him 'The Japanese Minister's father' "
                "(the minister being Taro Kono); the dataset does not name him either. The "
                "article says he was an old China hand in Tokyo whom Beijing has acknowledged "
                "as an old friend of China. No country is recorded: the article gives none. "
                "The model has no person-to-person link, so the kinship is in this note only."
            ),
            evidence=(ev("The Japanese Minister\u2019s father was an old China hand in Tokyo"),),
        ),
        Actor(
            id="li-keqiang",
            name="Li Keqiang",
            kind="person",
            country="CHN",
            note="Premier of China, head of the State Council.",
        ),
        Actor(
            id="yang-jiechi",
            name="Yang Jiechi",
            kind="person",
            country="CHN",
            note=(
                "Chinese State Councilor, described by the article as keen to expand and "
                "improve Sino-Japanese relations."
            ),
            evidence=(ev("who is keen to expand and improve Sino-Japanese relations"),),
        ),
        Actor(
            id="wang-yi",
            name="Wang Yi",
            kind="person",
            country="CHN",
            note="Chinese Foreign Minister.",
        ),
        Actor(
            id="xi-jinping",
            name="Xi Jinping",
            kind="person",
            country="CHN",
            note="Chinese President.",
        ),
        Actor(
            id="shinzo-abe",
            name="Shinzo Abe",
            kind="person",
            aliases=("Abe",),
            country="JPN",
            note="Japanese Prime Minister.",
        ),
        Actor(
            id="kenji-kanasugi",
            name="Kenji Kanasugi",
            kind="person",
            country="JPN",
            note=(
                "Director-General of the Asian and Oceanian Affairs Bureau of the Japanese "
                "Ministry of Foreign Affairs."
            ),
        ),
        Actor(
            id="kong-xuanyou",
            name="Kong Xuanyou",
            kind="person",
            country="CHN",
            note="Chinese special envoy for Korean affairs.",
        ),
        Actor(
            id="kim-jong-un",
            name="Kim Jong Un",
            kind="person",
            aliases=("Kim",),
            country="PRK",
            note="North Korean leader.",
        ),
        Actor(
            id="donald-trump",
            name="Donald Trump",
            kind="person",
            aliases=("Trump",),
            country="USA",
            note="US President.",
        ),
        # organisations and forums
        Actor(
            id="state-council",
            name="State Council of China",
            kind="organization",
            aliases=("China\u2019s State Council",),
            country="CHN",
            part_of="chn",
            note="Described by the article as, in effect, China's cabinet; headed by the Premier.",
            evidence=(ev("China\u2019s State Council, in effect China\u2019s cabinet"),),
        ),
        Actor(
            id="mofa-japan",
            name="Ministry of Foreign Affairs of Japan",
            kind="organization",
            aliases=("Japanese Ministry of Foreign Affairs",),
            country="JPN",
            part_of="jpn",
            evidence=(ev("the Japanese Ministry of Foreign Affairs"),),
        ),
        Actor(
            id="asian-oceanian-affairs-bureau",
            name="Asian and Oceanian Affairs Bureau",
            kind="organization",
            country="JPN",
            part_of="mofa-japan",
            evidence=(
                ev(
                    "the Asian and Oceanian Affairs Bureau at the Japanese Ministry of Foreign Affairs"
                ),
            ),
        ),
        Actor(
            id="apec",
            name="APEC",
            kind="organization",
            note=(
                "The forum whose 2017 summit in Danang the article mentions. The expansion "
                "(Asia-Pacific Economic Cooperation) is background knowledge."
            ),
            evidence=(ev("the APEC Summit"),),
        ),
        Actor(
            id="asean",
            name="ASEAN",
            kind="organization",
            note=(
                "The forum whose November 2017 summit in the Philippines the article mentions. "
                "The expansion (Association of Southeast Asian Nations) is background knowledge."
            ),
            evidence=(ev("the ASEAN summit"),),
        ),
        Actor(
            id="un",
            name="United Nations",
            kind="organization",
            aliases=("the UN",),
            note="Named as 'the UN', whose sanctions on North Korea the article mentions.",
            evidence=(ev("the UN sanctions"),),
        ),
        Actor(
            id="georgetown-university",
            name="Georgetown University",
            kind="organization",
            country="USA",
            note=(
                "Described by the article as prestigious and traditionally the US' ranking "
                "diplomacy school; Taro Kono graduated from it."
            ),
            evidence=(ev("traditionally the US\u2019 ranking diplomacy school"),),
        ),
        Actor(
            id="coastguard-china",
            name="Chinese coastguard",
            kind="organization",
            country="CHN",
            note=NOTE_COASTGUARD,
            evidence=(ev("Coastguards from the two countries"),),
        ),
        Actor(
            id="coastguard-japan",
            name="Japanese coastguard",
            kind="organization",
            country="JPN",
            note=NOTE_COASTGUARD,
            evidence=(ev("Coastguards from the two countries"),),
        ),
    ]


# -- memberships ----------------------------------------------------------------

NOTE_TITLE_SPAN = (
    "The span runs from the first to the last date at which the article gives this title "
    "(the publication date when it uses the title in the present); the term itself is "
    "longer and not encoded."
)


def build_memberships(a: Article) -> list[Membership]:
    """The titles the article gives people, as memberships over the span it attests."""
    ev = a.ev
    return [
        Membership(
            person="taro-kono",
            organization="jpn",
            title="Foreign Minister",
            when=span("2018-01-27/2018-01-28"),
            note="Attested during the Beijing visit. " + NOTE_TITLE_SPAN,
            evidence=(ev("Japanese Foreign Minister Taro Kono"),),
        ),
        Membership(
            person="taro-kono",
            organization="georgetown-university",
            title="graduate",
            note="An alumnus; the article gives no dates.",
            evidence=(ev("he is a graduate of the prestigious Georgetown University"),),
        ),
        Membership(
            person="li-keqiang",
            organization="state-council",
            title="Premier",
            when=span("2018-01-27/2018-02-09"),
            note=(
                "Attested at the meeting with Kono during the visit of January 27-28, 2018 "
                "and at publication; the article also calls him head of the State Council. "
                + NOTE_TITLE_SPAN
            ),
            evidence=(
                ev("Premier Li Keqiang, head of China\u2019s State Council"),
                ev("Premier Li Keqiang", occurrence=2),
            ),
        ),
        Membership(
            person="yang-jiechi",
            organization="state-council",
            title="State Councilor",
            when=span("2018-01-27/2018-01-28"),
            note="Attested at the meeting with Kono during the visit. " + NOTE_TITLE_SPAN,
            evidence=(ev("State Councilor Yang Jiechi"),),
        ),
        Membership(
            person="wang-yi",
            organization="chn",
            title="Foreign Minister",
            when=span("2018-01-27/2018-01-28"),
            note="Attested when he hosted Kono during the visit. " + NOTE_TITLE_SPAN,
            evidence=(ev("the Chinese Foreign Minister Wang Yi"),),
        ),
        Membership(
            person="xi-jinping",
            organization="chn",
            title="President",
            when=span(PUBLISHED),
            note="Attested at publication only. " + NOTE_TITLE_SPAN,
            evidence=(ev("Chinese President Xi Jinping"),),
        ),
        Membership(
            person="shinzo-abe",
            organization="jpn",
            title="Prime Minister",
            when=span("2017-11-11/2018-02-09"),
            note=(
                "Attested at the APEC summit of November 11-12, 2017, where the article "
                "speaks of 'the Japanese Prime Minister' (read as Abe, whom it names with that "
                "title elsewhere), and at publication. " + NOTE_TITLE_SPAN
            ),
            evidence=(
                ev("the Japanese Prime Minister described"),
                ev("Japanese Prime Minister Shinzo Abe", occurrence=1),
                ev("Japanese Prime Minister Shinzo Abe", occurrence=2),
            ),
        ),
        Membership(
            person="kenji-kanasugi",
            organization="asian-oceanian-affairs-bureau",
            title="Director-General",
            when=span("2018-01-29"),
            note="Attested at the talks of January 29, 2018. " + NOTE_TITLE_SPAN,
            evidence=(
                ev("Kenji Kanasugi, the Director-General of the Asian and Oceanian Affairs Bureau"),
            ),
        ),
        Membership(
            person="kong-xuanyou",
            organization="chn",
            title="special envoy for Korean affairs",
            when=span("2018-01-29"),
            note="Attested at the talks of January 29, 2018. " + NOTE_TITLE_SPAN,
            evidence=(ev("Kong Xuanyou, the Chinese special envoy for Korean affairs"),),
        ),
        Membership(
            person="kim-jong-un",
            organization="prk",
            title="leader",
            when=span(BEFORE_PUBLICATION),
            note=(
                "Attested at an undated, recent statement; the span ends on the publication "
                "date with an unknown start. " + NOTE_TITLE_SPAN
            ),
            evidence=(ev("North Korean leader Kim Jong Un"),),
        ),
        Membership(
            person="donald-trump",
            organization="usa",
            title="President",
            when=span(BEFORE_PUBLICATION),
            note=(
                "Attested at an undated, recent exchange; the span ends on the publication "
                "date with an unknown start. " + NOTE_TITLE_SPAN
            ),
            evidence=(ev("US President Donald Trump"),),
        ),
    ]


# -- places ---------------------------------------------------------------------

BG_COUNTRY = "Country and containing place: background knowledge, uncontroversial."


def build_places(a: Article) -> list[Place]:
    """Countries, cities, venues, regions, seas and islands the article names."""
    ev = a.ev
    return [
        Place(id="china", name="China", kind="country", country="CHN", note=BG_COUNTRY),
        Place(id="japan", name="Japan", kind="country", country="JPN", note=BG_COUNTRY),
        Place(
            id="south-korea",
            name="South Korea",
            kind="country",
            country="KOR",
            note=BG_COUNTRY,
            evidence=(ev("Pyeongchang Olympics in South Korea"),),
        ),
        Place(
            id="united-states", name="United States", kind="country", country="USA", note=BG_COUNTRY
        ),
        Place(
            id="vietnam",
            name="Vietnam",
            kind="country",
            country="VNM",
            note=BG_COUNTRY,
            evidence=(ev("Danang, Vietnam"),),
        ),
        Place(
            id="philippines",
            name="Philippines",
            kind="country",
            country="PHL",
            note=BG_COUNTRY,
            evidence=(ev("in the Philippines"),),
        ),
        Place(
            id="beijing",
            name="Beijing",
            kind="city",
            country="CHN",
            identifiers={"wikidata": "Q956"},
            part_of="china",
            note=(
                "Beijing being in China, and its Wikidata id, are background knowledge. "
                "The article also uses 'Beijing' for the Chinese government (see the actor 'chn')."
            ),
            evidence=(ev("visited Beijing"),),
        ),
        Place(
            id="tokyo",
            name="Tokyo",
            kind="city",
            country="JPN",
            identifiers={"wikidata": "Q1490"},
            part_of="japan",
            note=BG_COUNTRY + " Its Wikidata id is background knowledge too.",
            evidence=(ev("visit Tokyo"),),
        ),
        Place(
            id="danang",
            name="Danang",
            kind="city",
            country="VNM",
            part_of="vietnam",
            note="The article places Danang in Vietnam.",
            evidence=(ev("Danang, Vietnam"),),
        ),
        Place(
            id="diaoyutai-state-guesthouse",
            name="Diaoyutai State Guesthouse",
            kind="venue",
            country="CHN",
            part_of="beijing",
            note=(
                "Where Wang Yi hosted Kono during his Beijing visit; its being in Beijing is "
                "background knowledge consistent with the article."
            ),
            evidence=(ev("the Diaoyutai State Guesthouse"),),
        ),
        Place(
            id="washington-dc",
            name="Washington DC",
            kind="city",
            country="USA",
            part_of="united-states",
            note=(
                "Used in the article for the US government ('trusted by Washington DC'). "
                + BG_COUNTRY
            ),
            evidence=(ev("Washington DC"),),
        ),
        Place(
            id="hokkaido",
            name="Hokkaido",
            kind="island",
            country="JPN",
            part_of="japan",
            note="The article calls it Japan's northern island.",
            evidence=(ev("Japan\u2019s northern island of Hokkaido"),),
        ),
        Place(
            id="hawaii",
            name="Hawaii",
            kind="province",
            country="USA",
            part_of="united-states",
            note="A US state (first-level subdivision): background knowledge, uncontroversial.",
            evidence=(ev("in Hawaii and Japan"),),
        ),
        Place(
            id="guam",
            name="Guam",
            kind="island",
            country="GUM",
            note=(
                "A US territory with its own ISO 3166-1 code (GUM): background knowledge, "
                "uncontroversial. Not linked to 'united-states' by part_of, as it is not part "
                "of a US state."
            ),
            evidence=(ev("Guam"),),
        ),
        Place(
            id="pyeongchang",
            name="Pyeongchang",
            kind="district",
            country="KOR",
            part_of="south-korea",
            note=(
                "Host of the Winter Olympics; the article places it in South Korea. Kind "
                "'district' (a county) is background knowledge."
            ),
            evidence=(ev("Pyeongchang Olympics in South Korea"),),
        ),
        Place(
            id="korean-peninsula",
            name="Korean Peninsula",
            kind="peninsula",
            note="Shared by North and South Korea, so no single country is recorded.",
            evidence=(ev("the tensions festering in the Korean Peninsula"),),
        ),
        Place(
            id="seas-off-korean-peninsula",
            name="Seas off the Korean Peninsula",
            kind="maritime_area",
            note="Where US carrier groups were deployed; the article names no sea.",
            evidence=(ev("the seas off the Korean Peninsula"),),
        ),
        Place(
            id="east-china-sea",
            name="East China Sea",
            kind="sea",
            evidence=(ev("the East China Sea"),),
        ),
        Place(
            id="china-japan-disputed-waters",
            name="Maritime areas disputed between China and Japan",
            kind="maritime_area",
            part_of="east-china-sea",
            claimed_by=("chn", "jpn"),
            note=(
                "The article's 'disputed maritime areas' in the East China Sea and 'contested "
                "maritime territory between China and Japan'. claimed_by lists the two parties "
                "it names; it does not say which areas, who administers them, or whether "
                "others claim them, so nothing more is recorded."
            ),
            evidence=(
                ev("disputed maritime areas"),
                ev("contested maritime territory between China and Japan"),
            ),
        ),
        Place(
            id="diaoyu-senkaku-islands",
            name="Diaoyu/Senkaku Islands",
            kind="islands",
            names=(
                PlaceName(name="Diaoyu", used_by=("chn",), lang="zh-Latn"),
                PlaceName(name="Senkaku", used_by=("jpn",), lang="ja-Latn"),
            ),
            part_of="east-china-sea",
            claimed_by=("chn", "jpn"),
            administered_by=("jpn",),
            note=(
                "Neutral name as the article writes it, with both names. Disputed, so no "
                "country. That China calls them Diaoyu and Japan Senkaku, that both claim them, "
                "that Japan administers them and that they lie in the East China Sea is "
                "background knowledge, uncontroversial. Other claims (the Republic of China's) "
                "are outside the article and not recorded."
            ),
            evidence=(
                ev("the Diaoyu/Senkaku islands", occurrence=1),
                ev("the Diaoyu/Senkaku islands", occurrence=2),
            ),
        ),
        Place(
            id="northeast-asia",
            name="Northeast Asia",
            kind="region",
            note="China, Japan and the two Koreas, in the article's usage.",
            evidence=(ev("rapprochement in Northeast Asia"),),
        ),
        Place(
            id="pacific-east-asia",
            name="Pacific and East Asian region",
            kind="region",
            evidence=(ev("the Pacific and East Asian region"),),
        ),
    ]


# -- events: the Kono visit and the Danang meeting it followed up ---------------


def visit_events(a: Article) -> list[Event]:
    """Kono's visit to Beijing, the meetings and statements in it, and Danang before it."""
    ev = a.ev
    return [
        Meeting(
            id="apec-summit-danang",
            summary="The APEC summit in Danang, Vietnam, attended by China and Japan among others.",
            participants=(
                part("apec", "participant"),
                part("chn", "participant"),
                part("jpn", "participant"),
            ),
            when=span("2017-11-11/2017-11-12"),
            status="occurred",
            place="danang",
            format="multilateral",
            setting="summit",
            evidence=(ev("the APEC Summit in Danang, Vietnam on November 11-12, 2017"),),
            note=(
                "Dates as the article gives them. Of the members, only China and Japan are "
                "named; APEC stands for the forum as a whole."
            ),
        ),
        Meeting(
            id="danang-sidelines-meeting",
            summary=(
                "The leaders of China and Japan meet on the sidelines of the APEC summit in "
                "Danang, focusing on tensions on the Korean Peninsula."
            ),
            participants=(
                part("xi-jinping", "participant", "leader of China", "chn"),
                part("shinzo-abe", "participant", "Japanese Prime Minister", "jpn"),
            ),
            when=span("2017-11"),
            status="occurred",
            place="danang",
            topics=("china-japan-relations", "korean-peninsula", "communications-platform"),
            evidence=(
                ev("the leaders of China and Japan met on the side-lines"),
                ev("a focus on the tensions festering in the Korean Peninsula"),
                ev("Items discussed in Danang between China and Japan"),
            ),
            part_of="apec-summit-danang",
            format="bilateral",
            setting="sidelines",
            note=(
                "The article says 'the leaders of China and Japan' here; they are read as Xi "
                "Jinping and Shinzo Abe, whom it names elsewhere as the two countries' top "
                "leaders (the identification is also background knowledge). The day within "
                "the summit of November 11-12 is not given, so the date is the month."
            ),
        ),
        Statement(
            id="abe-fresh-start",
            summary="At the Danang meeting, Japan's Prime Minister speaks of a fresh start for relations with China.",
            participants=(
                part("shinzo-abe", "speaker", "Japanese Prime Minister", "jpn"),
                part("chn", "addressee"),
            ),
            when=span("2017-11"),
            status="occurred",
            place="danang",
            topics=("china-japan-relations",),
            evidence=(
                ev(
                    "the Japanese Prime Minister described a \u201cfresh start\u201d for Sino-Japanese relations"
                ),
            ),
            part_of="danang-sidelines-meeting",
            stance="cooperative",
            note=(
                "'It was at this event': read as the sidelines meeting. The article's "
                "reading of it as an attempt to reboot relations is its own interpretation."
            ),
        ),
        Agreement(
            id="communications-platform",
            summary="China and Japan discuss setting up a bilateral communications platform.",
            participants=(part("chn", "party"), part("jpn", "party")),
            when=span("2017-11"),
            status="occurred",
            place="danang",
            topics=("communications-platform",),
            evidence=(
                ev("setting up a bilateral communications platform between the two countries"),
            ),
            part_of="danang-sidelines-meeting",
            stage="proposed",
            terms=("set up a bilateral communications platform between China and Japan",),
            note="Reported as discussed, not as agreed, so stage 'proposed'.",
        ),
        Visit(
            id="kono-visit-beijing",
            summary="Japanese Foreign Minister Taro Kono visits Beijing to improve relations with China.",
            participants=(
                part("taro-kono", "visitor", "Japanese Foreign Minister", "jpn"),
                part("chn", "host"),
            ),
            when=span("2018-01-27/2018-01-28"),
            status="occurred",
            place="beijing",
            topics=("china-japan-relations",),
            evidence=(
                ev("On January 27-28, 2018, Japanese Foreign Minister Taro Kono visited Beijing"),
                ev("to improve bilateral relations between the two countries"),
                ev("The atmosphere was a positive one."),
                ev(
                    "This meeting was a follow up to discussions previously held at the APEC Summit"
                ),
                ev("This time round in January 2018"),
            ),
            relations=(rel("follows_up", "danang-sidelines-meeting"),),
            note=(
                "'This meeting was a follow up to discussions previously held at the APEC "
                "Summit': the follow-up relation is put on the visit, of which the Beijing "
                "meetings are part. The positive atmosphere is the article's account."
            ),
        ),
        Statement(
            id="china-announces-intention",
            summary="China reciprocates and publicly announces its intention to improve relations with Japan.",
            participants=(part("chn", "speaker"), part("jpn", "addressee")),
            when=span("2018-01"),
            status="occurred",
            topics=("china-japan-relations",),
            evidence=(
                ev(
                    "The Chinese side reciprocated and publicly announced its intention to improve relations with Japan"
                ),
            ),
            relations=(rel("reciprocates", "kono-visit-beijing"),),
            stance="cooperative",
            note=(
                "Undated; the article reports it with the visit of January 2018, hence the "
                "month. It does not say the announcement was made during the visit, so it is "
                "not part_of it."
            ),
        ),
        Meeting(
            id="kono-li-meeting",
            summary="Kono meets Premier Li Keqiang in Beijing.",
            participants=(
                part("taro-kono", "participant", None, "jpn"),
                part("li-keqiang", "participant", "Premier", "chn"),
            ),
            when=span("2018-01"),
            status="occurred",
            place="beijing",
            evidence=(
                ev("Kono met with two very influential Chinese leaders"),
                ev("Premier Li Keqiang", occurrence=1),
            ),
            part_of="kono-visit-beijing",
            format="bilateral",
            note=(NOTE_LI_YANG + NOTE_IN_VISIT),
        ),
        Meeting(
            id="kono-yang-meeting",
            summary="Kono meets State Councilor Yang Jiechi in Beijing.",
            participants=(
                part("taro-kono", "participant", None, "jpn"),
                part("yang-jiechi", "participant", "State Councilor", "chn"),
            ),
            when=span("2018-01"),
            status="occurred",
            place="beijing",
            evidence=(
                ev("Kono met with two very influential Chinese leaders"),
                ev("State Councilor Yang Jiechi"),
            ),
            part_of="kono-visit-beijing",
            format="bilateral",
            note=(NOTE_LI_YANG + NOTE_IN_VISIT),
        ),
        Meeting(
            id="kono-wang-meeting",
            summary="Foreign Minister Wang Yi hosts Kono at the Diaoyutai State Guesthouse.",
            participants=(
                part("wang-yi", "host", "Chinese Foreign Minister", "chn"),
                part("taro-kono", "visitor", None, "jpn"),
            ),
            when=span("2018-01"),
            status="occurred",
            place="diaoyutai-state-guesthouse",
            evidence=(
                ev(
                    "Kono was hosted at the Diaoyutai State Guesthouse by the Chinese Foreign Minister Wang Yi"
                ),
                ev("the meeting of the ministers from both countries"),
            ),
            part_of="kono-visit-beijing",
            format="bilateral",
            note=NOTE_IN_VISIT,
        ),
        Statement(
            id="kono-message",
            summary="Kono delivers a message to Beijing: Japan's Prime Minister intends to improve relations.",
            participants=(
                part("taro-kono", "speaker", None, "jpn"),
                part("chn", "addressee"),
                part("shinzo-abe", "initiator", "his Prime Minister", "jpn"),
            ),
            when=span("2018-01"),
            status="occurred",
            place="beijing",
            topics=("china-japan-relations",),
            evidence=(
                ev(
                    "Kono delivered a message to Beijing, stating his Prime Minister\u2019s intention to improve Sino-Japanese relations"
                ),
            ),
            part_of="kono-visit-beijing",
            stance="cooperative",
            note=(
                "Abe is the initiator: the message states his intention. Read as delivered "
                "during the visit, which the paragraph describes. " + NOTE_IN_VISIT
            ),
        ),
        Statement(
            id="china-acknowledges-kono-father",
            summary="Beijing acknowledges Kono's father, an old China hand in Tokyo, as an old friend of China.",
            participants=(part("chn", "speaker"), part("kono-father", "subject")),
            when=span(BEFORE_PUBLICATION),
            status="occurred",
            evidence=(ev("whom Beijing has acknowledged as an old friend of China"),),
            stance="cooperative",
            note=NOTE_UNDATED,
        ),
        Agreement(
            id="co-investment-intentions",
            summary="China and Japan intend to look at co-investing in other world regions.",
            participants=(part("chn", "party"), part("jpn", "party")),
            when=span(BEFORE_PUBLICATION),
            status="ongoing",
            topics=("economic-cooperation",),
            evidence=(
                ev(
                    "some intentions by China and Japan to look at co-investments in other world regions"
                ),
            ),
            stage="proposed",
            terms=("look at co-investments in other world regions",),
            note="Intentions, not an agreement: stage 'proposed'. " + NOTE_ONGOING,
        ),
    ]


# -- events: anticipated visits and summits, and what the article says has not happened


def _leaders_exchange(visitor_title_xi: str, visitor_title_abe: str) -> tuple[Participant, ...]:
    """Xi and Abe visiting each other's country: both visit, both states host."""
    return (
        part("xi-jinping", "visitor", visitor_title_xi, "chn"),
        part("shinzo-abe", "visitor", visitor_title_abe, "jpn"),
        part("chn", "host"),
        part("jpn", "host"),
    )


def anticipated_events(a: Article) -> list[Event]:
    """The visits and summits the article expects, and the trilateral meetings behind them."""
    ev = a.ev
    return [
        Visit(
            id="xi-abe-exchange-visit",
            summary="A possible exchange of visits between President Xi Jinping and Prime Minister Shinzo Abe.",
            participants=_leaders_exchange("Chinese President", "Japanese Prime Minister"),
            when=span(FROM_PUBLICATION),
            status="hypothetical",
            topics=("china-japan-relations", "bilateral-trade"),
            evidence=(
                ev("Many near-future visits could be taking place"),
                ev(
                    "a bilateral exchange visit between Chinese President Xi Jinping and Japanese Prime Minister Shinzo Abe"
                ),
                ev(
                    "Bilateral trade could be an agenda as both countries are the top two investors of each other"
                ),
                ev("Reciprocal visits by the top leaders of both countries"),
            ),
            relations=(
                rel("related_to", "xi-abe-exchange-visits-since-2012"),
                rel("related_to", "xi-abe-leaders-meeting"),
            ),
            reciprocal=True,
            note=(
                "'could be taking place': a possibility the article raises, so 'hypothetical'. "
                "An exchange visit: each leader visits the other's country, so both are "
                "visitors and both states hosts. Bilateral trade as a possible agenda item, "
                "the two being each other's top two investors, is the article's. "
                + NOTE_ANTICIPATED
            ),
        ),
        Visit(
            id="xi-abe-exchange-visits-since-2012",
            summary="The article's claim: no bilateral exchange visit between the two leaders has taken place since 2012.",
            participants=_leaders_exchange("Chinese President", "Japanese Prime Minister"),
            when=span("2012/2018-02-09"),
            status="negated",
            topics=("china-japan-relations",),
            evidence=(ev("something that has not happened since 2012"),),
            reciprocal=True,
            note=(
                "A claim of the article, recorded as a 'negated' event over the span it "
                "asserts: from 2012 ('since 2012') to the publication date. It is not turned "
                "into a more precise fact: the article does not say whether such a visit took "
                "place in 2012 itself, nor which one was the last."
            ),
        ),
        Meeting(
            id="xi-abe-leaders-meeting",
            summary="A bilateral meeting of China's and Japan's top leaders, awaiting a date.",
            participants=(
                part("xi-jinping", "participant", None, "chn"),
                part("shinzo-abe", "participant", None, "jpn"),
            ),
            when=span(FROM_PUBLICATION),
            status="expected",
            topics=("china-japan-relations", "40th-anniversary"),
            evidence=(
                ev(
                    "As for a reason to meet, there is no better reason than the 40th anniversary of Sino-Japanese ties"
                ),
                ev("All that remains now for their two leaders to meet"),
                ev("to fix a suitable date for the bilateral top leadership meeting"),
            ),
            relations=(rel("related_to", "xi-abe-exchange-visit"),),
            format="bilateral",
            setting="summit",
            note=(
                "'their two leaders' are read as Xi and Abe, named earlier as the top leaders. "
                "Only a date remains to be fixed, per the article, so 'expected'. The 40th "
                "anniversary of Sino-Japanese ties is the reason the article suggests. "
                + NOTE_ANTICIPATED
            ),
        ),
        Visit(
            id="li-visit-tokyo",
            summary="Premier Li Keqiang is expected to visit Tokyo for a China-Japan-South Korea summit.",
            participants=(part("li-keqiang", "visitor", "Premier", "chn"), part("jpn", "host")),
            when=span(FROM_PUBLICATION),
            status="expected",
            place="tokyo",
            topics=("trilateral-cooperation",),
            evidence=(ev("Premier Li Keqiang is expected to visit Tokyo"),),
            relations=(rel("related_to", "trilateral-summit-2018"),),
            note=NOTE_ANTICIPATED,
        ),
        Meeting(
            id="trilateral-summit-2018",
            summary="The first China-Japan-South Korea trilateral summit since 2015, to be held in Tokyo in 2018.",
            participants=(
                part("li-keqiang", "participant", "Premier", "chn"),
                part("jpn", "host"),
                part("kor", "participant"),
            ),
            when=span("2018-02-09/2018"),
            status="planned",
            place="tokyo",
            topics=("trilateral-cooperation",),
            evidence=(
                ev("the first trilateral summit since 2015"),
                ev("to hold a trilateral meeting in 2018"),
            ),
            relations=(
                rel("follows_up", "asean-trilateral-talks"),
                rel("related_to", "trilateral-meeting-agreement"),
                rel("related_to", "trilateral-summit-2015"),
            ),
            format="trilateral",
            setting="summit",
            note=(
                "The summit Li is expected to attend in Tokyo and the trilateral meeting in "
                "2018 the three countries agreed to hold are read as one event. 'planned': "
                "the article reports a 'current agreement to meet'. The span starts on the "
                "publication date (anticipated) and ends in 2018, the year the article gives."
            ),
        ),
        Meeting(
            id="trilateral-summit-2015",
            summary="A China-Japan-South Korea trilateral summit in 2015, the last before the one expected.",
            participants=(part("chn", "party"), part("jpn", "party"), part("kor", "party")),
            when=span("2015"),
            status="occurred",
            topics=("trilateral-cooperation",),
            evidence=(ev("the first trilateral summit since 2015"),),
            format="trilateral",
            setting="summit",
            note=(
                "Implied by 'the first trilateral summit since 2015'; the article gives no "
                "place or date beyond the year. The three states are those of the article's "
                "trilateral paragraph."
            ),
        ),
        Meeting(
            id="trilateral-meeting-2012-cancelled",
            summary="China cancels the 2012 China-Japan-South Korea trilateral meeting over its island dispute with Japan.",
            participants=(part("chn", "party"), part("jpn", "party"), part("kor", "party")),
            when=span("2012"),
            status="cancelled",
            topics=("trilateral-cooperation",),
            evidence=(ev("The trilateral meeting was cancelled in 2012 by China"),),
            relations=(rel("caused_by", "diaoyu-senkaku-dispute"),),
            format="trilateral",
            setting="summit",
            note=(
                "Cancelled by China (the model has no field for who cancelled, so it is said "
                "here and in the summary). 'due to its festering dispute with Japan': caused_by "
                "the island dispute. Setting 'summit': the article speaks of the trilateral "
                "summits as a series ('the first trilateral summit since 2015'), though here it "
                "says 'meeting'."
            ),
        ),
        Meeting(
            id="asean-summit-philippines",
            summary="The ASEAN summit in the Philippines, attended by South Korea, China and Japan.",
            participants=(
                part("asean", "participant"),
                part("kor", "participant"),
                part("chn", "participant"),
                part("jpn", "participant"),
            ),
            when=span("2017-11-13/2017-11-14"),
            status="occurred",
            place="philippines",
            evidence=(ev("during the ASEAN summit on November 13-14, 2017"),),
            format="multilateral",
            setting="summit",
            note="Only the three Northeast Asian states are named among those attending.",
        ),
        Meeting(
            id="asean-trilateral-talks",
            summary="South Korea, China and Japan discuss holding a trilateral meeting in 2018, at the ASEAN summit.",
            participants=(part("kor", "party"), part("chn", "party"), part("jpn", "party")),
            when=span("2017-11"),
            status="occurred",
            place="philippines",
            topics=("trilateral-cooperation",),
            evidence=(
                ev("In the first indication to hold a trilateral meeting in 2018"),
                ev(
                    "South Korea, China, and Japan spoke about this subject matter in the Philippines"
                ),
            ),
            part_of="asean-summit-philippines",
            format="trilateral",
            setting="sidelines",
            note=(
                "The first indication of a trilateral meeting in 2018, per the article. The "
                "day within the summit of November 13-14 is not given, so the date is the month."
            ),
        ),
        Agreement(
            id="trilateral-meeting-agreement",
            summary="China, Japan and South Korea agree to meet trilaterally.",
            participants=(part("chn", "party"), part("jpn", "party"), part("kor", "party")),
            when=span(BEFORE_PUBLICATION),
            status="occurred",
            topics=("trilateral-cooperation",),
            evidence=(
                ev(
                    "China and Japan are also revving up for an improvement in trilateral ties with South Korea"
                ),
                ev("the current agreement to meet trilaterally"),
            ),
            relations=(rel("follows_up", "asean-trilateral-talks"),),
            stage="agreed",
            terms=("hold a trilateral meeting of China, Japan and South Korea in 2018",),
            note=(
                "'the current agreement to meet trilaterally': stage 'agreed'. When it was "
                "reached is not said; the talks at the ASEAN summit were its first indication. "
                + NOTE_UNDATED
            ),
        ),
    ]


# -- events: North Korea ----------------------------------------------------------


def north_korea_events(a: Article) -> list[Event]:
    """Talks, statements, tests, deployments, alerts and sanctions around North Korea."""
    ev = a.ev
    tests = (rel("caused_by", "nk-ballistic-missile-tests"), rel("caused_by", "nk-nuclear-tests"))
    crisis = rel("related_to", "north-korea-crisis")
    return [
        Meeting(
            id="kanasugi-kong-talks",
            summary="Kenji Kanasugi and Kong Xuanyou hold talks on North Korea.",
            participants=(
                part(
                    "kenji-kanasugi",
                    "participant",
                    "Director-General of the Asian and Oceanian Affairs Bureau",
                    "jpn",
                ),
                part(
                    "kong-xuanyou", "participant", "Chinese special envoy for Korean affairs", "chn"
                ),
            ),
            when=span("2018-01-29"),
            status="occurred",
            topics=("north-korea",),
            evidence=(ev("held talks on North Korea on January 29"),),
            relations=(crisis,),
            format="bilateral",
            note=(
                "The article says 'January 29' without a year; 2018 is read from the "
                "publication date and the surrounding account of January 2018. No place is given."
            ),
        ),
        Statement(
            id="japan-urges-china-on-north-korea",
            summary="Japan urges China to use its influence with North Korea to hold back its missile program.",
            participants=(part("jpn", "speaker"), part("chn", "addressee"), part("prk", "subject")),
            when=span(BEFORE_PUBLICATION),
            status="occurred",
            topics=("north-korea", "missile-program"),
            evidence=(
                ev("Japan is particularly sensitive about Pyongyang\u2019s missile program"),
                ev(
                    "has urged Beijing to use its special influence with Pyongyang to hold back this program and re-join the international community"
                ),
            ),
            relations=(rel("related_to", "icbm-overflights-hokkaido"), crisis),
            stance="cooperative",
            note="Stance towards the addressee, China. " + NOTE_UNDATED,
        ),
        Statement(
            id="japan-favours-coordinated-approach",
            summary="Japan favours a coordinated approach to managing North Korea.",
            participants=(part("jpn", "speaker"), part("prk", "subject")),
            when=span(BEFORE_PUBLICATION),
            status="ongoing",
            topics=("north-korea",),
            evidence=(ev("Japan is in favor of a coordinated approach in managing North Korea"),),
            relations=(crisis,),
            stance="cooperative",
            note="A position rather than one utterance. " + NOTE_ONGOING,
        ),
        Incident(
            id="icbm-overflights-hokkaido",
            summary="North Korean missiles fly over Hokkaido, Japan's northern island.",
            participants=(part("prk", "initiator"), part("jpn", "target")),
            when=span(BEFORE_PUBLICATION),
            status="occurred",
            place="hokkaido",
            topics=("north-korea", "missile-program"),
            evidence=(
                ev("North Korean ICBMs have flown over Japan\u2019s northern island of Hokkaido"),
            ),
            relations=(rel("related_to", "nk-ballistic-missile-tests"), crisis),
            category="missile_launch",
            note=(
                "'ICBMs' is the article's word. Plural: the overflights are one record, as the "
                "article neither counts nor dates them. " + NOTE_UNDATED
            ),
        ),
        Visit(
            id="nk-olympics-delegation",
            summary=(
                "North Korea proposes to send a delegation to the Winter Olympics in South Korea "
                "and march with the South Korean delegation at the opening ceremony."
            ),
            participants=(part("prk", "visitor"), part("kor", "host")),
            when=span(FROM_PUBLICATION),
            status="proposed",
            place="pyeongchang",
            topics=("winter-olympics", "korean-peninsula"),
            evidence=(
                ev("North and South Korea have rallied around the Winter Olympics", occurrence=1),
                ev(
                    "North Korea showing willingness to send a delegation to the event and co-march with the South Korean delegation at the opening ceremony",
                    occurrence=1,
                ),
                ev("North and South Korea have rallied around the Winter Olympics", occurrence=2),
                ev(
                    "North Korea showing willingness to send a delegation to the event and co-march with the South Korean delegation at the opening ceremony",
                    occurrence=2,
                ),
            ),
            relations=(crisis,),
            note=(
                "'showing willingness': proposed by North Korea. The article says the same "
                "sentence twice; both occurrences are evidence. That the Winter Olympics are "
                "the Pyeongchang Olympics named later is background knowledge. " + NOTE_ANTICIPATED
            ),
        ),
        Incident(
            id="false-alarm-hawaii",
            summary="An accidental missile alert in Hawaii heightens tension among Americans.",
            participants=(part("usa", "subject"),),
            when=span(BEFORE_PUBLICATION),
            status="occurred",
            place="hawaii",
            topics=("north-korea", "missile-alert"),
            evidence=(
                ev("Recent accidental missile alerts in Hawaii and Japan"),
                ev(
                    "have contributed to a heightened sense of tension amongst the peoples of Japan and the US"
                ),
            ),
            relations=(crisis,),
            category="false_alarm",
            note="Who issued the alert is not said. " + NOTE_RECENT,
        ),
        Incident(
            id="false-alarm-japan",
            summary="An accidental missile alert in Japan heightens tension among the Japanese.",
            participants=(part("jpn", "subject"),),
            when=span(BEFORE_PUBLICATION),
            status="occurred",
            place="japan",
            topics=("north-korea", "missile-alert"),
            evidence=(
                ev("Recent accidental missile alerts in Hawaii and Japan"),
                ev(
                    "have contributed to a heightened sense of tension amongst the peoples of Japan and the US"
                ),
            ),
            relations=(crisis,),
            category="false_alarm",
            note="Who issued the alert, and where in Japan, is not said. " + NOTE_RECENT,
        ),
        Statement(
            id="kim-nuclear-button-warning",
            summary="Kim Jong Un boasts and warns the region that he has access to the nuclear button.",
            participants=(part("kim-jong-un", "speaker", "North Korean leader", "prk"),),
            when=span(BEFORE_PUBLICATION),
            status="occurred",
            topics=("north-korea", "nuclear-program"),
            evidence=(
                ev(
                    "North Korean leader Kim Jong Un had swaggered and warned the region about his access to the nuclear button"
                ),
            ),
            relations=(crisis,),
            stance="hostile",
            note=(
                "Addressed to 'the region', which is no actor, so there is no addressee. "
                "'Most recently': the latest of the events in its paragraph; the model has no "
                "relation for bare temporal order. " + NOTE_RECENT
            ),
        ),
        Statement(
            id="kim-trump-social-media-exchange",
            summary="Kim Jong Un and US President Donald Trump exchange messages on social media.",
            participants=(
                part("kim-jong-un", "speaker", None, "prk"),
                part("donald-trump", "speaker", "US President", "usa"),
            ),
            when=span(BEFORE_PUBLICATION),
            status="occurred",
            topics=("north-korea", "nuclear-program"),
            evidence=(
                ev(
                    "A social media exchange between Kim and US President Donald Trump then took place"
                ),
            ),
            relations=(rel("responds_to", "kim-nuclear-button-warning"), crisis),
            stance="neutral",
            note=(
                "'then took place': after Kim's warning, read as a response to it. The article "
                "does not characterise the exchange's tone; 'neutral' is the model's nearest "
                "value, as it has no 'unstated' stance. " + NOTE_RECENT
            ),
        ),
        Incident(
            id="un-sanctions-north-korea",
            summary="UN sanctions pressure North Korea to stop its nuclear and missile tests.",
            participants=(part("un", "initiator"), part("prk", "target")),
            when=span(BEFORE_PUBLICATION),
            status="ongoing",
            topics=("north-korea", "sanctions"),
            evidence=(
                ev("the UN sanctions to pressure Pyongyang to stop nuclear and missile tests"),
            ),
            relations=(
                rel("responds_to", "nk-ballistic-missile-tests"),
                rel("responds_to", "nk-nuclear-tests"),
                crisis,
            ),
            category="sanction",
            note=NOTE_ONGOING,
        ),
        Incident(
            id="china-follows-un-sanctions",
            summary="China follows the UN sanctions on North Korea to help defuse the crisis.",
            participants=(part("chn", "initiator"), part("prk", "target")),
            when=span(BEFORE_PUBLICATION),
            status="ongoing",
            topics=("north-korea", "sanctions"),
            evidence=(
                ev(
                    "Beijing is keen to contribute to defusing this crisis by following the UN sanctions"
                ),
            ),
            relations=(rel("related_to", "un-sanctions-north-korea"), crisis),
            category="sanction",
            note=NOTE_ONGOING,
        ),
        Statement(
            id="japan-offers-aid-north-korea",
            summary="Japan offers North Korea economic assistance if it stops its belligerence and its missile and nuclear tests.",
            participants=(part("jpn", "speaker"), part("prk", "addressee")),
            when=span(BEFORE_PUBLICATION),
            status="occurred",
            topics=("north-korea", "economic-assistance"),
            evidence=(
                ev(
                    "Japan had recently offered Pyongyang economic assistance if it did the right thing by stopping its belligerence and missile and nuclear tests"
                ),
            ),
            relations=(crisis,),
            stance="cooperative",
            note="A conditional offer. " + NOTE_RECENT,
        ),
        Dispute(
            id="abductions-dispute",
            summary="Japan seeks the return, or news of the whereabouts, of Japanese nationals abducted by North Korea.",
            participants=(part("jpn", "party"), part("prk", "party")),
            when=span(BEFORE_PUBLICATION),
            status="ongoing",
            topics=("north-korea", "abductions"),
            evidence=(
                ev(
                    "Japan has also been trying to bring home or find out the whereabouts of Japanese nationals"
                ),
            ),
            subject="the return and whereabouts of Japanese nationals abducted by North Korea",
            state="active",
            note=(
                "Japan's efforts are the dispute's Japanese side; the abductions are a "
                "separate incident. " + NOTE_ONGOING
            ),
        ),
        Incident(
            id="abductions",
            summary="North Korea abducts Japanese nationals.",
            participants=(part("prk", "initiator"), part("jpn", "target")),
            when=span(BEFORE_PUBLICATION),
            status="occurred",
            topics=("north-korea", "abductions"),
            evidence=(ev("Japanese nationals who have been kidnapped by Pyongyang"),),
            relations=(rel("related_to", "abductions-dispute"),),
            category="abduction",
            note="The article neither counts nor dates the abductions. " + NOTE_UNDATED,
        ),
        Dispute(
            id="north-korea-crisis",
            summary=(
                "The crisis over North Korea's ballistic missile and nuclear programs, "
                "between Pyongyang and the US, now showing improvement."
            ),
            participants=(part("prk", "party"), part("usa", "party")),
            when=span(BEFORE_PUBLICATION),
            status="ongoing",
            place="korean-peninsula",
            topics=("north-korea", "korean-peninsula", "missile-program", "nuclear-program"),
            evidence=(
                ev("The Korean Peninsula situation has shown improvement"),
                ev("even the Korean Peninsula situation has shown improvement"),
                ev("a sustained period of deteriorating relations between Pyongyang and the US"),
                ev("to stop its ballistic and nuclear programs"),
            ),
            subject="North Korea's ballistic missile and nuclear programs",
            state="easing",
            note=(
                "The article calls it 'this crisis' and describes deteriorating relations "
                "between Pyongyang and the US, then improvement: state 'easing'. " + NOTE_ONGOING
            ),
        ),
        Incident(
            id="nk-ballistic-missile-tests",
            summary="North Korea conducts a series of ballistic missile tests.",
            participants=(part("prk", "initiator"),),
            when=span(BEFORE_PUBLICATION),
            status="occurred",
            topics=("north-korea", "missile-program"),
            evidence=(ev("the former\u2019s series of ballistic missile and nuclear tests"),),
            relations=(crisis,),
            category="missile_launch",
            note="A series, one record; the article neither counts nor dates the tests. "
            + NOTE_UNDATED,
        ),
        Incident(
            id="nk-nuclear-tests",
            summary="North Korea conducts nuclear tests.",
            participants=(part("prk", "initiator"),),
            when=span(BEFORE_PUBLICATION),
            status="occurred",
            topics=("north-korea", "nuclear-program"),
            evidence=(ev("the former\u2019s series of ballistic missile and nuclear tests"),),
            relations=(crisis,),
            category="nuclear_test",
            note="A series, one record; the article neither counts nor dates the tests. "
            + NOTE_UNDATED,
        ),
        Incident(
            id="us-carrier-deployment",
            summary="North Korea's tests provoke the US to deploy carrier groups to the seas off the Korean Peninsula.",
            participants=(part("usa", "initiator"),),
            when=span(BEFORE_PUBLICATION),
            status="occurred",
            place="seas-off-korean-peninsula",
            topics=("north-korea",),
            evidence=(
                ev("the deployment of US carrier groups to the seas off the Korean Peninsula"),
            ),
            relations=(*tests, crisis),
            category="military_deployment",
            note="'provoking': caused_by the tests. " + NOTE_UNDATED,
        ),
        Incident(
            id="us-b2-deployment-guam",
            summary="North Korea's tests provoke the US to deploy B2 stealth bombers to Guam.",
            participants=(part("usa", "initiator"),),
            when=span(BEFORE_PUBLICATION),
            status="occurred",
            place="guam",
            topics=("north-korea",),
            evidence=(ev("the formidable B2 stealth bombers to Guam"),),
            relations=(*tests, crisis),
            category="military_deployment",
            note="'provoking': caused_by the tests. " + NOTE_UNDATED,
        ),
        Statement(
            id="us-persuades-north-korea",
            summary=(
                "The US tries to persuade North Korea to rejoin the international community, "
                "hold talks with regional stakeholders and stop its weapons programs."
            ),
            participants=(part("usa", "speaker"), part("prk", "addressee")),
            when=span(BEFORE_PUBLICATION),
            status="ongoing",
            topics=("north-korea", "missile-program", "nuclear-program"),
            evidence=(
                ev(
                    "trying to persuade Pyongyang to do the right thing and re-join the international community and hold talks with other regional stakeholders"
                ),
            ),
            relations=(crisis,),
            stance="neutral",
            note=(
                "Persuasion with 'self-restraint' (the article's praise is not encoded): "
                "neither cooperative nor hostile. " + NOTE_ONGOING
            ),
        ),
    ]


# -- events: disputes between China and Japan, and relations with South Korea ------


def dispute_events(a: Article) -> list[Event]:
    """The island and maritime disputes and the incidents tied to them."""
    ev = a.ev
    return [
        Dispute(
            id="diaoyu-senkaku-dispute",
            summary="China and Japan dispute the ownership of the Diaoyu/Senkaku islands.",
            participants=(part("chn", "claimant"), part("jpn", "claimant")),
            when=span("2012/.."),
            status="ongoing",
            place="diaoyu-senkaku-islands",
            topics=("territorial-dispute", "china-japan-relations"),
            evidence=(
                ev(
                    "its festering dispute with Japan over the ownership of the Diaoyu/Senkaku islands"
                ),
                ev("disagreements over the Diaoyu/Senkaku islands"),
                ev(
                    "China and Japan are trying to contain the damage and reverse the tensions with cautious progress made"
                ),
            ),
            subject="ownership of the Diaoyu/Senkaku islands",
            subject_places=("diaoyu-senkaku-islands",),
            state="active",
            note=(
                "The span starts in 2012, when the article first attests the dispute (already "
                "'festering' then); its origin is earlier and not given. The end is open: the "
                "article reports damage control and cautious progress six years on, but no "
                "settlement, so the state is 'active'."
            ),
        ),
        Incident(
            id="china-japan-rift-2012",
            summary="A major break in China-Japan relations in 2012 over the Diaoyu/Senkaku islands.",
            participants=(part("chn", "party"), part("jpn", "party")),
            when=span("2012"),
            status="occurred",
            topics=("china-japan-relations", "territorial-dispute"),
            evidence=(ev("2012 when there was a major break and rift in bilateral relations"),),
            relations=(rel("caused_by", "diaoyu-senkaku-dispute"),),
            category="other",
            note="No incident category fits a breakdown in relations, hence 'other'.",
        ),
        Dispute(
            id="east-china-sea-maritime-dispute",
            summary="China and Japan contest maritime areas in the East China Sea.",
            participants=(part("chn", "claimant"), part("jpn", "claimant")),
            when=span(BEFORE_PUBLICATION),
            status="ongoing",
            place="china-japan-disputed-waters",
            topics=("maritime-dispute", "china-japan-relations"),
            evidence=(
                ev("over disputed maritime areas"),
                ev("enduring issues of disagreement"),
                ev("contested maritime territory between China and Japan"),
            ),
            subject="maritime areas in the East China Sea",
            subject_places=("china-japan-disputed-waters",),
            state="active",
            relations=(rel("related_to", "diaoyu-senkaku-dispute"),),
            note=(
                "Kept apart from the island dispute, as the article names the two separately "
                "('also'). " + NOTE_ONGOING
            ),
        ),
        Incident(
            id="coastguard-chase",
            summary="Chinese and Japanese coastguards keep up a ritual cat-and-mouse chase in the East China Sea.",
            participants=(
                part("coastguard-china", "party", None, "chn"),
                part("coastguard-japan", "party", None, "jpn"),
            ),
            when=span(BEFORE_PUBLICATION),
            status="ongoing",
            place="china-japan-disputed-waters",
            topics=("maritime-dispute",),
            evidence=(
                ev(
                    "Coastguards from the two countries have also continued an almost ritualistic cat and mouse chase in the East China Sea"
                ),
            ),
            relations=(rel("related_to", "east-china-sea-maritime-dispute"),),
            category="other",
            note=(
                "Recurring; the article does not say who pursues whom, so it is not coded as "
                "an incursion. " + NOTE_ONGOING
            ),
        ),
        Incident(
            id="chinese-submarine-incursion",
            summary="A Chinese nuclear submarine navigates into maritime territory contested by China and Japan.",
            participants=(part("chn", "initiator"), part("jpn", "target")),
            when=span(BEFORE_PUBLICATION),
            status="occurred",
            place="china-japan-disputed-waters",
            topics=("maritime-dispute",),
            evidence=(
                ev(
                    "a Chinese nuclear submarine navigating into contested maritime territory between China and Japan"
                ),
            ),
            relations=(rel("related_to", "east-china-sea-maritime-dispute"),),
            category="maritime_incursion",
            note=(
                "Japan is the target as the other party to the contested area, with which "
                "China then had an exchange. The article names no sea for this incident; the "
                "place is the disputed waters it describes. " + NOTE_UNDATED
            ),
        ),
        Statement(
            id="submarine-exchange",
            summary="China and Japan have a brief exchange over the Chinese submarine.",
            participants=(part("chn", "speaker"), part("jpn", "speaker")),
            when=span(BEFORE_PUBLICATION),
            status="occurred",
            topics=("maritime-dispute",),
            evidence=(ev("a brief exchange over a Chinese nuclear submarine"),),
            relations=(rel("responds_to", "chinese-submarine-incursion"),),
            stance="hostile",
            note=(
                "An 'exchange' among 'signs of enduring issues of disagreement': both sides "
                "speak; 'hostile' is the nearest stance. The article does not say who said what. "
                + NOTE_UNDATED
            ),
        ),
    ]


def south_korea_events(a: Article) -> list[Event]:
    """Japan's and China's separate outreach to South Korea."""
    ev = a.ev
    return [
        Statement(
            id="abe-olympics-announcement",
            summary="Abe makes public his intention to attend the Pyeongchang Olympics, part of Japan's outreach to South Korea.",
            participants=(
                part("shinzo-abe", "speaker", "Japanese Prime Minister", "jpn"),
                part("kor", "addressee"),
            ),
            when=span(BEFORE_PUBLICATION),
            status="occurred",
            topics=("japan-south-korea-relations", "winter-olympics"),
            evidence=(
                ev("Japan\u2019s outreach to South Korea is on full swing"),
                ev("Japanese Prime Minister Shinzo Abe made public his intentions"),
            ),
            relations=(rel("related_to", "abe-visit-pyeongchang"),),
            stance="cooperative",
            note=NOTE_UNDATED,
        ),
        Visit(
            id="abe-visit-pyeongchang",
            summary="Abe plans to attend the Pyeongchang Olympics in South Korea.",
            participants=(
                part("shinzo-abe", "visitor", "Japanese Prime Minister", "jpn"),
                part("kor", "host"),
            ),
            when=span(FROM_PUBLICATION),
            status="planned",
            place="pyeongchang",
            topics=("japan-south-korea-relations", "winter-olympics"),
            evidence=(ev("his intentions to attend the Pyeongchang Olympics in South Korea"),),
            note="Announced by Abe himself, so 'planned'. " + NOTE_ANTICIPATED,
        ),
        Incident(
            id="thaad-deployment",
            summary="South Korea decides to have the US deploy the THAAD missile-defence system on its territory.",
            participants=(part("kor", "initiator"), part("usa", "participant")),
            when=span(BEFORE_PUBLICATION),
            status="occurred",
            place="south-korea",
            topics=("thaad",),
            evidence=(
                ev(
                    "Seoul\u2019s decision for the US to deploy the Terminal High Altitude Air Defence System (THAAD) in the country"
                ),
            ),
            category="military_deployment",
            note=(
                "South Korea decides (initiator), the US deploys. The article implies some "
                "deployment took place, as 'further deployment' is to be suspended; its extent "
                "and dates are not given. " + NOTE_UNDATED
            ),
        ),
        Dispute(
            id="china-south-korea-thaad-dispute",
            summary="China and South Korea fall out over the THAAD deployment, then repair relations.",
            participants=(part("chn", "party"), part("kor", "party")),
            when=span(BEFORE_PUBLICATION),
            status="ongoing",
            topics=("thaad", "china-south-korea-relations"),
            evidence=(
                ev(
                    "Chinese diplomacy has showed a dovish side recently, repairing relations with Seoul"
                ),
                ev("nearly one year of hostilities over Seoul\u2019s decision"),
                ev("Beijing views THAAD\u2019s powerful radar with suspicion"),
                ev(
                    "a possible asset that can detect missile launches and military aircraft movements in China and its airspace"
                ),
            ),
            relations=(rel("caused_by", "thaad-deployment"),),
            subject="South Korea's decision to have the US deploy THAAD, whose radar China views with suspicion",
            state="easing",
            note=(
                "'nearly one year of hostilities', ended recently by a repair of relations: "
                "state 'easing'. The model has no duration field, so the length is in this note "
                "only. " + NOTE_ONGOING
            ),
        ),
        Agreement(
            id="china-south-korea-thaad-deal",
            summary="China and South Korea make a deal for rapprochement, reportedly based on limits to THAAD.",
            participants=(part("chn", "party"), part("kor", "party")),
            when=span(BEFORE_PUBLICATION),
            status="occurred",
            topics=("thaad", "china-south-korea-relations"),
            evidence=(
                ev("The deal made between Beijing and Seoul for bringing about rapprochement"),
                ev(
                    "was said to be based on Seoul\u2019s promise to suspend further deployment of THAAD and self-restraint on its expansion"
                ),
            ),
            relations=(rel("related_to", "china-south-korea-thaad-dispute"),),
            stage="agreed",
            terms=(
                "South Korea suspends further deployment of THAAD (as reported)",
                "South Korea exercises self-restraint on expanding THAAD (as reported)",
            ),
            note=(
                "'was said to be based on': the terms are reported, by an unnamed source, not "
                "confirmed by the article. " + NOTE_RECENT
            ),
        ),
    ]


# -- the dataset ------------------------------------------------------------------

CAMEO_CODES: dict[str, str] = {
    "apec-summit-danang": "040",  # Consult
    "danang-sidelines-meeting": "044",  # Meet at a 'third' location (Vietnam)
    "abe-fresh-start": "030",  # Express intent to cooperate
    "kono-visit-beijing": "042",  # Make a visit
    "china-announces-intention": "030",  # Express intent to cooperate
    "kono-li-meeting": "040",  # Consult
    "kono-yang-meeting": "040",  # Consult
    "kono-wang-meeting": "040",  # Consult
    "kono-message": "030",  # Express intent to cooperate
    "china-acknowledges-kono-father": "051",  # Praise or endorse
    "co-investment-intentions": "0311",  # Express intent to cooperate economically
    "trilateral-summit-2015": "040",  # Consult
    "asean-summit-philippines": "040",  # Consult
    "asean-trilateral-talks": "044",  # Meet at a 'third' location (the Philippines)
    "trilateral-meeting-agreement": "036",  # Express intent to meet or negotiate
    "kanasugi-kong-talks": "040",  # Consult
    "japan-urges-china-on-north-korea": "022",  # Appeal for diplomatic cooperation
    "kim-nuclear-button-warning": "1385",  # Threaten attack with WMD
    "un-sanctions-north-korea": "163",  # Impose embargo, boycott, or sanctions
    "china-follows-un-sanctions": "163",  # Impose embargo, boycott, or sanctions
    "japan-offers-aid-north-korea": "0331",  # Express intent to provide economic aid
    "abductions": "181",  # Abduct, hijack, or take hostage
    "us-carrier-deployment": "150",  # Demonstrate military or police power
    "us-b2-deployment-guam": "150",  # Demonstrate military or police power
    "us-persuades-north-korea": "020",  # Make an appeal or request
    "china-japan-rift-2012": "160",  # Reduce relations
    "abe-olympics-announcement": "036",  # Express intent to meet or negotiate
}
"""CAMEO codes of the events where one clearly fits; the PLOVER type comes from the
project's CAMEO-to-PLOVER table. Only events that occurred or are ongoing are coded:
CAMEO has no modality, so anticipated, hypothetical, negated or cancelled events
carry no code (their status says what they are)."""

CODED_STATUSES = frozenset({Status.OCCURRED, Status.ONGOING})


def with_codes(events: list[Event]) -> list[Event]:
    """Attach `CAMEO_CODES` (and the mapped PLOVER types) to the events."""
    known = {e.id: e for e in events}
    for event_id in CAMEO_CODES:
        if event_id not in known:
            raise KeyError(f"CAMEO_CODES names an unknown event: {event_id!r}")
        if known[event_id].status not in CODED_STATUSES:
            raise ValueError(f"only occurred or ongoing events are coded: {event_id!r}")
    out = []
    for event in events:
        cameo = CAMEO_CODES.get(event.id)
        if cameo is None:
            out.append(event)
            continue
        found = [EventCode(scheme="cameo", code=cameo)]
        plover = codes.plover_type(cameo)
        if plover is not None:
            found.append(EventCode(scheme="plover", code=plover))
        out.append(attrs.evolve(event, codes=tuple(found)))
    return out


def build_events(a: Article) -> list[Event]:
    """Every event, grouped by theme in the article's order, with their codes."""
    return with_codes(
        [
            *visit_events(a),
            *anticipated_events(a),
            *north_korea_events(a),
            *dispute_events(a),
            *south_korea_events(a),
        ]
    )


def build_dataset(article_path: Path = ARTICLE_PATH) -> Dataset:
    """Build and validate the reference dataset from the article at `article_path`."""
    text = read_article(article_path)
    a = Article(text)
    return Dataset(
        sources=[build_source(text)],
        actors=build_actors(a),
        memberships=build_memberships(a),
        places=build_places(a),
        events=build_events(a),
    )


def render(dataset: Dataset) -> bytes:
    """The dataset in the project's JSON format, as the bytes of the shipped file."""
    return dumps(dataset).encode("utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Build the dataset; write it, or with ``--check`` compare it with the shipped file."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped file is stale")
    args = parser.parse_args(argv)
    dataset = build_dataset()
    if args.check:
        current = DATA_PATH.read_bytes() if DATA_PATH.exists() else b""
        if current != render(dataset):
            sys.stderr.write(f"{DATA_PATH} is stale: run tools/build_reference.py\n")
            return 1
        sys.stdout.write(f"{DATA_PATH} is up to date: {dataset!r}\n")
        return 0
    dump(dataset, DATA_PATH, format="json")
    sys.stdout.write(f"wrote {DATA_PATH}: {dataset!r}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
