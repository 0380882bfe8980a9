"""English country names as ICEWS writes them, mapped to ISO 3166-1 alpha-3 codes.

ICEWS names countries in words ("Russian Federation", "Occupied Palestinian
Territory", "Moldova, Republic of"). Each line below is a code and its names,
separated by ``|``: the ISO short name, common variants and the ICEWS spelling.
Names are matched case-insensitively after collapsing white space. Kosovo has
no ISO code and maps to nothing (the actor keeps no country).
"""

from __future__ import annotations

_TABLE = """
ABW Aruba
AFG Afghanistan
AGO Angola
AIA Anguilla
ALA Aland Islands|Åland Islands
ALB Albania
AND Andorra
ARE United Arab Emirates|UAE
ARG Argentina
ARM Armenia
ASM American Samoa
ATA Antarctica
ATF French Southern Territories
ATG Antigua and Barbuda
AUS Australia
AUT Austria
AZE Azerbaijan
BDI Burundi
BEL Belgium
BEN Benin
BES Bonaire, Sint Eustatius and Saba
BFA Burkina Faso
BGD Bangladesh
BGR Bulgaria
BHR Bahrain
BHS Bahamas|The Bahamas
BIH Bosnia and Herzegovina|Bosnia-Herzegovina
BLM Saint Barthelemy|Saint Barthélemy
BLR Belarus
BLZ Belize
BMU Bermuda
BOL Bolivia|Bolivia, Plurinational State of
BRA Brazil
BRB Barbados
BRN Brunei|Brunei Darussalam
BTN Bhutan
BVT Bouvet Island
BWA Botswana
CAF Central African Republic
CAN Canada
CCK Cocos (Keeling) Islands
CHE Switzerland
CHL Chile
CHN China|People's Republic of China
CIV Cote d'Ivoire|Côte d'Ivoire|Ivory Coast
CMR Cameroon
COD Democratic Republic of Congo|Democratic Republic of the Congo|Congo, DRC|Zaire
COD Congo, the Democratic Republic of the|Congo, Democratic Republic of the
COG Congo|Republic of Congo|Republic of the Congo|Congo-Brazzaville
COK Cook Islands
COL Colombia
COM Comoros
CPV Cape Verde|Cabo Verde
CRI Costa Rica
CUB Cuba
CUW Curacao|Curaçao
CXR Christmas Island
CYM Cayman Islands
CYP Cyprus
CZE Czech Republic|Czechia
DEU Germany
DJI Djibouti
DMA Dominica
DNK Denmark
DOM Dominican Republic
DZA Algeria
ECU Ecuador
EGY Egypt
ERI Eritrea
ESH Western Sahara
ESP Spain
EST Estonia
ETH Ethiopia
FIN Finland
FJI Fiji
FLK Falkland Islands|Falkland Islands (Malvinas)
FRA France
FRO Faroe Islands
FSM Micronesia|Micronesia, Federated States of
GAB Gabon
GBR United Kingdom|Great Britain|UK
GEO Georgia
GGY Guernsey
GHA Ghana
GIB Gibraltar
GIN Guinea
GLP Guadeloupe
GMB Gambia|The Gambia
GNB Guinea-Bissau
GNQ Equatorial Guinea
GRC Greece
GRD Grenada
GRL Greenland
GTM Guatemala
GUF French Guiana
GUM Guam
GUY Guyana
HKG Hong Kong
HMD Heard Island and McDonald Islands
HND Honduras
HRV Croatia
HTI Haiti
HUN Hungary
IDN Indonesia
IMN Isle of Man
IND India
IOT British Indian Ocean Territory
IRL Ireland
IRN Iran|Iran, Islamic Republic of
IRQ Iraq
ISL Iceland
ISR Israel
ITA Italy
JAM Jamaica
JEY Jersey
JOR Jordan
JPN Japan
KAZ Kazakhstan
KEN Kenya
KGZ Kyrgyzstan
KHM Cambodia
KIR Kiribati
KNA Saint Kitts and Nevis
KOR South Korea|Korea, Republic of|Republic of Korea
KWT Kuwait
LAO Laos|Lao People's Democratic Republic
LBN Lebanon
LBR Liberia
LBY Libya|Libyan Arab Jamahiriya
LCA Saint Lucia
LIE Liechtenstein
LKA Sri Lanka
LSO Lesotho
LTU Lithuania
LUX Luxembourg
LVA Latvia
MAC Macau|Macao
MAF Saint Martin (French part)
MAR Morocco
MCO Monaco
MDA Moldova|Moldova, Republic of|Republic of Moldova
MDG Madagascar
MDV Maldives
MEX Mexico
MHL Marshall Islands
MKD Macedonia|North Macedonia|the former Yugoslav Republic of Macedonia
MKD Macedonia, the former Yugoslav Republic of
MLI Mali
MLT Malta
MMR Myanmar|Burma
MNE Montenegro
MNG Mongolia
MNP Northern Mariana Islands
MOZ Mozambique
MRT Mauritania
MSR Montserrat
MTQ Martinique
MUS Mauritius
MWI Malawi
MYS Malaysia
MYT Mayotte
NAM Namibia
NCL New Caledonia
NER Niger
NFK Norfolk Island
NGA Nigeria
NIC Nicaragua
NIU Niue
NLD Netherlands|The Netherlands
NOR Norway
NPL Nepal
NRU Nauru
NZL New Zealand
OMN Oman
PAK Pakistan
PAN Panama
PCN Pitcairn
PER Peru
PHL Philippines
PLW Palau
PNG Papua New Guinea
POL Poland
PRI Puerto Rico
PRK North Korea|Korea, Democratic People's Republic of|Democratic People's Republic of Korea
PRT Portugal
PRY Paraguay
PSE Occupied Palestinian Territory|Palestine|Palestine, State of|State of Palestine
PSE Palestinian Territory, Occupied
PYF French Polynesia
QAT Qatar
REU Reunion|Réunion
ROU Romania
RUS Russian Federation|Russia
RWA Rwanda
SAU Saudi Arabia
SDN Sudan
SEN Senegal
SGP Singapore
SGS South Georgia and the South Sandwich Islands
SHN Saint Helena
SJM Svalbard and Jan Mayen
SLB Solomon Islands
SLE Sierra Leone
SLV El Salvador
SMR San Marino
SOM Somalia
SPM Saint Pierre and Miquelon
SRB Serbia
SSD South Sudan
STP Sao Tome and Principe|São Tomé and Príncipe
SUR Suriname
SVK Slovakia
SVN Slovenia
SWE Sweden
SWZ Swaziland|Eswatini
SXM Sint Maarten (Dutch part)
SYC Seychelles
SYR Syria|Syrian Arab Republic
TCA Turks and Caicos Islands
TCD Chad
TGO Togo
THA Thailand
TJK Tajikistan
TKL Tokelau
TKM Turkmenistan
TLS Timor-Leste|East Timor
TON Tonga
TTO Trinidad and Tobago
TUN Tunisia
TUR Turkey|Türkiye
TUV Tuvalu
TWN Taiwan|Taiwan, Province of China
TZA Tanzania|Tanzania, United Republic of
UGA Uganda
UKR Ukraine
UMI United States Minor Outlying Islands
URY Uruguay
USA United States|United States of America
UZB Uzbekistan
VAT Holy See|Holy See (Vatican City State)|Vatican City
VCT Saint Vincent and the Grenadines
VEN Venezuela|Venezuela, Bolivarian Republic of
VGB British Virgin Islands|Virgin Islands, British
VIR United States Virgin Islands|Virgin Islands, U.S.
VNM Vietnam|Viet Nam
VUT Vanuatu
WLF Wallis and Futuna
WSM Samoa
YEM Yemen
ZAF South Africa
ZMB Zambia
ZWE Zimbabwe
"""


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


COUNTRY_CODES: dict[str, str] = {
    _key(name): line[:3] for line in _TABLE.strip().splitlines() for name in line[4:].split("|")
}
"""Case-folded country name -> ISO 3166-1 alpha-3 code."""

COUNTRY_NAMES: dict[str, str] = {}
"""ISO 3166-1 alpha-3 code -> its first name above (the ICEWS/ISO short name)."""
for _line in _TABLE.strip().splitlines():
    COUNTRY_NAMES.setdefault(_line[:3], _line[4:].split("|")[0])


def country_code(name: str) -> str | None:
    """The ISO alpha-3 code of a country `name`, or None when the name is unknown."""
    return COUNTRY_CODES.get(_key(name))
