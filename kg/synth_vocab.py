"""Name and phrase pools for `kg synth`: real English children's services authorities, committee
names, people's names, posts, and the national bodies and legislation minutes talk about.

Why a pool of real authority names: benchmarks and the web UI should meet the same council names
(and the same slugs) that real minutes produce. The 153 authorities are the upper-tier councils
with children's services duties after the 2019-2023 reorganisations (Dorset and BCP, Bucks,
North and West Northamptonshire, Cumberland, Westmorland and Furness, North Yorkshire and
Somerset as unitaries). The councils already curated in data/councils come first, so small
corpora exercise the curated path; `--councils N` takes the first N.

Dates below are when a name becomes right or wrong in minutes: the LSCB is named only before
29 September 2019 (the safeguarding partnership after), CCGs before 1 July 2022 (ICBs after),
the HCPC regulates social workers until 1 December 2019 (Social Work England from 2 December).
"""

from __future__ import annotations

import datetime as dt

from kg.iris import node

LSCB_ABOLISHED = dt.date(2019, 9, 29)
LSCB_TRANSITION = dt.date(2018, 6, 29)  # areas had to start moving to partner arrangements
ICB_FROM = dt.date(2022, 7, 1)
SWE_REGULATOR_FROM = dt.date(2019, 12, 2)
SWE_ESTABLISHED = dt.date(2018, 4, 1)
CSWA_ROYAL_ASSENT = dt.date(2017, 4, 27)
CSWB_INTRODUCED = dt.date(2016, 5, 19)
CWSB_INTRODUCED = dt.date(2024, 12, 17)

# (name, kind, democracy host). Kinds: curated, london, met, county, unitary.
_CURATED = [
    ("Bath and North East Somerset Council", "unitary", "democracy.bathnes.gov.uk"),
    ("Cheshire East Council", "unitary", "moderngov.cheshireeast.gov.uk"),
    ("London Borough of Hammersmith and Fulham", "london", "democracy.lbhf.gov.uk"),
    ("London Borough of Haringey", "london", "www.minutes.haringey.gov.uk"),
    ("Stockport Council", "met", "democracy.stockport.gov.uk"),
    ("Manchester City Council", "met", "democracy.manchester.gov.uk"),
    ("Trafford Council", "met", "democratic.trafford.gov.uk"),
    ("Salford City Council", "met", "sccdemocracy.salford.gov.uk"),
]
_LONDON = ["Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden", "Croydon", "Ealing",
           "Enfield", "Hackney", "Harrow", "Havering", "Hillingdon", "Hounslow", "Islington", "Lambeth",
           "Lewisham", "Merton", "Newham", "Redbridge", "Richmond upon Thames", "Southwark", "Sutton",
           "Tower Hamlets", "Waltham Forest", "Wandsworth"]
_LONDON_OTHER = ["Royal Borough of Greenwich", "Royal Borough of Kensington and Chelsea",
                 "Royal Borough of Kingston upon Thames", "Westminster City Council", "City of London Corporation"]
_MET = ["Bolton Council", "Bury Council", "Oldham Council", "Rochdale Borough Council", "Tameside Council",
        "Wigan Council", "Knowsley Council", "Liverpool City Council", "St Helens Borough Council",
        "Sefton Council", "Wirral Council", "Barnsley Council", "Doncaster Council", "Rotherham Council",
        "Sheffield City Council", "Gateshead Council", "Newcastle City Council", "North Tyneside Council",
        "South Tyneside Council", "Sunderland City Council", "Birmingham City Council", "Coventry City Council",
        "Dudley Council", "Sandwell Council", "Solihull Council", "Walsall Council",
        "City of Wolverhampton Council", "Bradford Council", "Calderdale Council", "Kirklees Council",
        "Leeds City Council", "Wakefield Council"]
_COUNTY = ["Cambridgeshire", "Derbyshire", "Devon", "East Sussex", "Essex", "Gloucestershire", "Hampshire",
           "Hertfordshire", "Kent", "Lancashire", "Leicestershire", "Lincolnshire", "Norfolk", "Nottinghamshire",
           "Oxfordshire", "Staffordshire", "Suffolk", "Surrey", "Warwickshire", "West Sussex", "Worcestershire"]
_UNITARY = ["Bedford Borough Council", "Blackburn with Darwen Council", "Blackpool Council",
            "Bournemouth, Christchurch and Poole Council", "Bracknell Forest Council", "Brighton and Hove City Council",
            "Bristol City Council", "Buckinghamshire Council", "Central Bedfordshire Council",
            "Cheshire West and Chester Council", "Cornwall Council", "Cumberland Council", "Darlington Borough Council",
            "Derby City Council", "Dorset Council", "Durham County Council", "East Riding of Yorkshire Council",
            "Halton Borough Council", "Hartlepool Borough Council", "Herefordshire Council", "Isle of Wight Council",
            "Council of the Isles of Scilly", "Hull City Council", "Leicester City Council", "Luton Borough Council",
            "Medway Council", "Middlesbrough Council", "Milton Keynes City Council", "North East Lincolnshire Council",
            "North Lincolnshire Council", "North Northamptonshire Council", "North Somerset Council",
            "North Yorkshire Council", "Northumberland County Council", "Nottingham City Council",
            "Peterborough City Council", "Plymouth City Council", "Portsmouth City Council", "Reading Borough Council",
            "Redcar and Cleveland Borough Council", "Rutland County Council", "Shropshire Council", "Slough Borough Council",
            "Somerset Council", "South Gloucestershire Council", "Southampton City Council", "Southend-on-Sea City Council",
            "Stockton-on-Tees Borough Council", "Stoke-on-Trent City Council", "Swindon Borough Council",
            "Telford and Wrekin Council", "Thurrock Council", "Torbay Council", "Warrington Borough Council",
            "West Berkshire Council", "West Northamptonshire Council", "Westmorland and Furness Council",
            "Wiltshire Council", "Royal Borough of Windsor and Maidenhead", "Wokingham Borough Council",
            "City of York Council"]


def _host(name: str) -> str:
    core = name
    for cut in ("London Borough of ", "Royal Borough of ", "Council of the ", "City of ", " Corporation",
                " City Council", " County Council", " Borough Council", " Council"):
        core = core.replace(cut, "")
    return "democracy." + "".join(ch for ch in core.lower() if ch.isalnum()) + ".gov.uk"


def _councils() -> tuple[tuple[str, str, str], ...]:
    rows = list(_CURATED)
    rows += [(f"London Borough of {n}", "london", _host(n)) for n in _LONDON]
    rows += [(n, "london", _host(n)) for n in _LONDON_OTHER]
    rows += [(n, "met", _host(n)) for n in _MET]
    rows += [(f"{n} County Council", "county", _host(n)) for n in _COUNTY]
    rows += [(n, "unitary", _host(n)) for n in _UNITARY]
    return tuple(rows)


COUNCILS = _councils()  # 153 rows: (name, kind, host)

SCRUTINY = ("Children and Young People Scrutiny Committee", "Children's Services Overview and Scrutiny Committee",
            "Children and Families Overview and Scrutiny Committee", "Children, Young People and Education Scrutiny Panel",
            "Scrutiny Board (Children and Families)", "Children and Young People Policy Development and Scrutiny Panel",
            "Children and Education Select Committee", "Children and Young People's Services Scrutiny Committee")
PARENTING = ("Corporate Parenting Panel", "Corporate Parenting Committee", "Corporate Parenting Board")
EXECUTIVE = ("Cabinet", "Cabinet", "Cabinet", "Executive")

FIRST = ("Adam", "Alan", "Alison", "Amanda", "Andrew", "Angela", "Anne", "Barbara", "Ben", "Bernard", "Brian",
         "Carol", "Catherine", "Charlotte", "Chris", "Claire", "Colin", "Daniel", "David", "Deborah", "Denise",
         "Diane", "Duncan", "Eleanor", "Elaine", "Emma", "Fiona", "Gary", "Gemma", "Geoff", "Gillian", "Graham",
         "Hannah", "Helen", "Ian", "Imran", "Jacqui", "James", "Janet", "Jason", "Jeremy", "Joanne", "John",
         "Jonathan", "Karen", "Katie", "Keith", "Kevin", "Laura", "Lesley", "Linda", "Liz", "Louise", "Lucy",
         "Malcolm", "Margaret", "Mark", "Martin", "Matt", "Michael", "Mohammed", "Nadia", "Neil", "Nicola",
         "Nigel", "Paul", "Pauline", "Peter", "Priya", "Rachel", "Rebecca", "Richard", "Robert", "Ruth", "Sally",
         "Samina", "Sarah", "Shabana", "Sharon", "Simon", "Sophie", "Stephen", "Steve", "Stuart", "Susan",
         "Tariq", "Tim", "Tom", "Tracey", "Vicky", "Wendy", "Yasmin")
LAST = ("Adams", "Ahmed", "Akhtar", "Allen", "Armstrong", "Bailey", "Baker", "Barker", "Batten", "Bennett",
        "Bradshaw", "Brennan", "Burnett", "Campbell", "Carr", "Chamberlain", "Chapman", "Clarke", "Cochrane",
        "Collins", "Cooper", "Cawley-Harrison", "Davies", "Dixon", "Doherty", "Edwards", "Evans", "Fairclough",
        "Fisher", "Fletcher", "Foster", "Gibson", "Ginn", "Graham", "Griffiths", "Hardman", "Harris", "Hayes",
        "Henderson", "Hewitt", "Holmes", "Hughes", "Hussain", "Jackson", "Jenkins", "Johnson", "Kaur", "Kelly",
        "Khan", "Lawson", "Lloyd", "McCarthy", "Marshall", "Mason", "Miley", "Mitchell", "Moorhouse", "Murphy",
        "Nelson", "Newton", "O'Connor", "O'Neill", "Owen", "Parker", "Patel", "Pearson", "Phillips", "Price",
        "Quinn", "Rahman", "Reid", "Richardson", "Riley", "Roberts", "Robinson", "Rooney", "Russell", "Shah",
        "Sharma", "Simpson", "Singh", "Stevens", "Sullivan", "Taylor", "Thompson", "Turner", "Walker", "Wallace",
        "Ward", "Watson", "Webb", "Whitehead", "Wilkinson", "Williams", "Wilson", "Wright", "Young")

DCS_POSTS = ("Director of Children's Services", "Corporate Director for Children and Families",
             "Executive Director of Children's Services", "Strategic Director of People",
             "Director of Children and Young People's Services", "Corporate Director (People and Communities)")
AD_POSTS = ("Assistant Director for Safeguarding", "Assistant Director of Children's Social Care",
            "Assistant Director for Children in Care and Care Leavers", "Director of Children's Social Care")
OTHER_POSTS = ("Head of the Virtual School", "Head of Service for Children in Care", "Head of Fostering and Adoption",
               "Service Manager for Care Leavers", "Principal Social Worker", "Head of Early Help")
MEMBER_POSTS = ("Cabinet Member for Children and Families", "Cabinet Member for Children's Services",
                "Lead Member for Children's Services", "Portfolio Holder for Children and Young People",
                "Cabinet Member for Children, Education and Families")
COOPTED_ROLES = ("Church Representative (Catholic)", "Church Representative (Church of England)",
                 "Parent Governor Representative", "Young Lives Representative")


def _body(slug_: str) -> str:
    return node("body", slug_)


# National bodies and statutory institutions: surface forms minutes use, and their curated IRIs.
LSCB = _body("local-safeguarding-children-boards")
PARTNERSHIP = _body("safeguarding-partner-arrangements")
MASH = _body("multi-agency-safeguarding-hubs")
CCG = _body("clinical-commissioning-groups")
ICB = _body("integrated-care-boards")
OFSTED = _body("ofsted")
SWE = _body("social-work-england")
HCPC = _body("health-and-care-professions-council")
VIRTUAL_SCHOOL = _body("virtual-school")
RAA = _body("regional-adoption-agencies")
DFE = _body("department-for-education")
CSPRP = _body("child-safeguarding-practice-review-panel")

LEG = "http://www.legislation.gov.uk/id/ukpga/"
ACTS = {  # title: IRI on legislation.gov.uk
    "Children Act 1989": LEG + "1989/41",
    "Children Act 2004": LEG + "2004/31",
    "Children and Social Work Act 2017": LEG + "2017/16",
    "Children and Families Act 2014": LEG + "2014/6",
    "Care Act 2014": LEG + "2014/23",
    "Health and Care Act 2022": LEG + "2022/31",
    "Local Government Act 1972": LEG + "1972/70",
}
BILLS = {
    "Children and Social Work Bill": node("bill", "children-and-social-work-bill"),
    "Children's Wellbeing and Schools Bill": node("bill", "childrens-wellbeing-and-schools-bill"),
}

# What a section is about, as minutes would gloss it: (Act, section, gloss).
SECTIONS = (
    ("Children Act 1989", "17", "support for children in need"),
    ("Children Act 1989", "20", "accommodation for children with parental agreement"),
    ("Children Act 1989", "22", "the general duty to safeguard and promote the welfare of looked after children"),
    ("Children Act 1989", "22G", "the sufficiency duty"),
    ("Children Act 1989", "23C", "continuing support for former relevant children"),
    ("Children Act 1989", "31", "care orders"),
    ("Children Act 1989", "47", "child protection enquiries"),
    ("Children Act 2004", "10", "the duty to co-operate to improve well-being"),
    ("Children Act 2004", "11", "arrangements to safeguard and promote welfare"),
    ("Children Act 2004", "18", "the appointment of a Director of Children's Services"),
    ("Children and Social Work Act 2017", "1", "the corporate parenting principles"),
    ("Children and Social Work Act 2017", "2", "the local offer for care leavers"),
    ("Children and Social Work Act 2017", "3", "personal advisers for care leavers up to 25"),
    ("Children and Families Act 2014", "98", "Staying Put arrangements"),
    ("Children and Families Act 2014", "99", "the promotion of educational achievement of looked after children"),
    ("Care Act 2014", "58", "transition assessments for children"),
)

FUNDING = ("new burdens funding", "Staying Put grant", "grant funding", "one-off funding", "capital funding",
           "pilot funding", "Supporting Families grant", "transformation funding")  # "£X of ..."
PURPOSES = ("the Staying Close pilot", "the edge of care service", "the Supporting Families programme",
            "additional social work capacity", "the local offer for care leavers", "residential placements",
            "the Holiday Activities and Food programme", "the recruitment of foster carers", "the Family Hubs programme",
            "unaccompanied asylum seeking children", "the personal adviser service")  # "£X for ..."

COUNTED = (("care leavers", "were in touch with the service"), ("children in care", "were placed with foster carers"),
           ("social workers", "had been recruited"), ("foster carers", "had been approved"),
           ("referrals", "were received by the front door"), ("children", "were subject to a child protection plan"),
           ("young people", "had taken up the local offer"), ("families", "were supported by early help"),
           ("agency workers", "remained in post"), ("children", "had been adopted"))
