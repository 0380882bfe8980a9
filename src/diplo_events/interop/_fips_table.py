"""FIPS 10-4 country codes (as GDELT writes them) mapped to ISO 3166-1 alpha-3 codes.

GDELT's geography fields (``ActionGeo_CountryCode`` and the like) and their
ADM1 codes use FIPS 10-4, the United States' former standard, whose codes often
differ from ISO's (``JA`` is Japan, ``CH`` China, ``KS`` South Korea). The pairs
below come from the ``fips`` and ``ISO3`` columns of GeoNames' ``countryInfo.txt``
(https://download.geonames.org/export/dump/countryInfo.txt, CC BY 4.0): every
country there with a FIPS code and an ISO code. Codes GeoNames folds into a
larger ISO entry are added from FIPS 10-4 as its authors know it (background
knowledge, not checked against a copy of the standard): the Gaza Strip
(``GZ``, with the West Bank ``WE``, ISO ``PSE``), Jan Mayen (``SJM`` with
Svalbard) and the United States Minor Outlying Islands (``UMI``). Codes with no ISO country
(``KV`` Kosovo, ``YI`` Serbia and Montenegro, ``OS`` oceans, …) are left out,
so they are reported as unknown.
"""

from __future__ import annotations

__all__ = ["FIPS_TO_ISO3", "iso3_of_fips"]

_PAIRS = """
AA ABW  AC ATG  AE ARE  AF AFG  AG DZA  AJ AZE  AL ALB  AM ARM  AN AND  AO AGO
AQ ASM  AR ARG  AS AUS  AU AUT  AV AIA  AY ATA  BA BHR  BB BRB  BC BWA  BD BMU
BE BEL  BF BHS  BG BGD  BH BLZ  BK BIH  BL BOL  BM MMR  BN BEN  BO BLR  BP SLB
BR BRA  BT BTN  BU BGR  BV BVT  BX BRN  BY BDI  CA CAN  CB KHM  CD TCD  CE LKA
CF COG  CG COD  CH CHN  CI CHL  CJ CYM  CK CCK  CM CMR  CN COM  CO COL  CQ MNP
CS CRI  CT CAF  CU CUB  CV CPV  CW COK  CY CYP  DA DNK  DJ DJI  DO DMA  DR DOM
EC ECU  EG EGY  EI IRL  EK GNQ  EN EST  ER ERI  ES SLV  ET ETH  EZ CZE  FG GUF
FI FIN  FJ FJI  FK FLK  FM FSM  FO FRO  FP PYF  FR FRA  FS ATF  GA GMB  GB GAB
GG GEO  GH GHA  GI GIB  GJ GRD  GK GGY  GL GRL  GM DEU  GP GLP  GQ GUM  GR GRC
GT GTM  GV GIN  GY GUY  HA HTI  HK HKG  HM HMD  HO HND  HR HRV  HU HUN  IC ISL
ID IDN  IM IMN  IN IND  IO IOT  IR IRN  IS ISR  IT ITA  IV CIV  IZ IRQ  JA JPN
JE JEY  JM JAM  JO JOR  KE KEN  KG KGZ  KN PRK  KR KIR  KS KOR  KT CXR  KU KWT
KZ KAZ  LA LAO  LE LBN  LG LVA  LH LTU  LI LBR  LO SVK  LS LIE  LT LSO  LU LUX
LY LBY  MA MDG  MB MTQ  MC MAC  MD MDA  MF MYT  MG MNG  MH MSR  MI MWI  MJ MNE
MK MKD  ML MLI  MN MCO  MO MAR  MP MUS  MR MRT  MT MLT  MU OMN  MV MDV  MX MEX
MY MYS  MZ MOZ  NC NCL  NE NIU  NF NFK  NG NER  NH VUT  NI NGA  NL NLD  NN SXM
NO NOR  NP NPL  NR NRU  NS SUR  NU NIC  NZ NZL  OD SSD  PA PRY  PC PCN  PE PER
PK PAK  PL POL  PM PAN  PO PRT  PP PNG  PS PLW  PU GNB  QA QAT  RE REU  RI SRB
RM MHL  RN MAF  RO ROU  RP PHL  RQ PRI  RS RUS  RW RWA  SA SAU  SB SPM  SC KNA
SE SYC  SF ZAF  SG SEN  SH SHN  SI SVN  SL SLE  SM SMR  SN SGP  SO SOM  SP ESP
ST LCA  SU SDN  SV SJM  SW SWE  SX SGS  SY SYR  SZ CHE  TB BLM  TD TTO  TH THA
TI TJK  TK TCA  TL TKL  TN TON  TO TGO  TP STP  TS TUN  TT TLS  TU TUR  TV TUV
TW TWN  TX TKM  TZ TZA  UC CUW  UG UGA  UK GBR  UP UKR  US USA  UV BFA  UY URY
UZ UZB  VC VCT  VE VEN  VI VGB  VM VNM  VQ VIR  VT VAT  WA NAM  WE PSE  WF WLF
WI ESH  WS WSM  WZ SWZ  YM YEM  ZA ZMB  ZI ZWE
"""

_FOLDED = """
GZ PSE  # Gaza Strip
JN SJM  # Jan Mayen
BQ UMI  # Navassa Island
DQ UMI  # Jarvis Island
FQ UMI  # Baker Island
HQ UMI  # Howland Island
JQ UMI  # Johnston Atoll
KQ UMI  # Kingman Reef
LQ UMI  # Palmyra Atoll
MQ UMI  # Midway Islands
WQ UMI  # Wake Island
"""

FIPS_TO_ISO3: dict[str, str] = {
    pair[:2]: pair[3:6]
    for text in (_PAIRS, _FOLDED)
    for line in text.strip().splitlines()
    for pair in line.split("#")[0].split("  ")
    if pair.strip()
}
"""FIPS 10-4 country code -> ISO 3166-1 alpha-3 code."""


def iso3_of_fips(code: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a FIPS 10-4 country `code`, or None when unknown."""
    return FIPS_TO_ISO3.get(code.strip().upper())
