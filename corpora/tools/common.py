"""Shared word banks for the corpus generators. Everything here was written for swift-nlp.

Places, people and companies are invented; any resemblance to real ones is accidental.
"""
import random

FIRST = """Amara Ben Chloe Dmitri Elif Farid Greta Hamza Ines Jonas Keiko Liam Mei Nadia Oscar Priya Quentin Rosa
Sanjay Tomasz Uma Viktor Wen Ximena Yusuf Zoe Aiden Bea Carlos Dara Emeka Fatima Gio Hana Ivo Jade Kwame Lena
Mateo Noor Olu Paloma Rhys Sofia Theo Ulla Vera Wanjiru Yara Zainab Arjun Bridget Cian Delphine Esme Felix
Gareth Hiroshi Ingrid Joao Kasia Lucien Marisol Nikhil Orla Pavel Raffaele Saoirse Tariq Valentina Wei Xavier
Yusra Zeynep Agnes Bruno Celine Desmond Eun-ji Fionn Gwen Haruto Isla Jamal Kalani Lotte Marcus Nilufar""".split()
LAST = """Abara Bellweather Castillo Drummond Eriksen Fairbanks Gallo Hartley Ibsen Jovanovic Kaur Lindqvist
Mbeki Nakamura Okafor Petrov Quinlan Ramos Sato Thornbury Ugarte Varga Whitlock Xu Yilmaz Zanetti Achterberg
Brennan Chowdhury Delacroix Esposito Fitzgerald Gupta Hollis Iyer Jansen Kovac Laurent Moreau Novak Oyelaran
Pereira Rahman Szabo Tanaka Underhill Vasquez Wainwright Young Zhou Asante Blackwood Costa Dube Ferreira""".split()
PREFIX = """Ash Brack Cole Dun Elm Fern Glen Hart Kings Lang Mill North Oak Pen Red Stan Thorn Wick West Alder Barrow
Cinder Dove Ever Fal Gold Holly Iver Juniper Kell Lark Marl Nether Orm Pike Quarry Rook Salt Tall Umber Vale Whin
Yarrow Bram Corr Dray Esk Fallow Grey Hawk""".split()
SUFFIX = """ford bury ton mere wick by field haven stead brook ley mouth gate well combe holm thorpe dale ridge cross
minster port water moor hurst""".split()
FOREIGN = ["Sant'Elia", "Vallombre", "Ostrava-Nova", "Kirrimaa", "Belcastro", "Porto Lume", "Saint-Aubrac",
           "Mirovice", "Altavera", "Tessaly", "Kalvik", "Marenza", "Dunaháza", "Villafría", "Lysmark", "Oranjedal",
           "Castelnau-Vert", "Helvik", "Sorrento Basso", "Kivijärvi", "Trebinje Alta", "São Brandão", "Łomnica Dolna",
           "Bad Wendelstein", "Cala Morena", "Île-aux-Grives"]
COUNTRIES = ["Esterra", "Valdoria", "the Republic of Tarn", "Oskaria", "the Meyra Islands", "Lusovia", "Kandrel",
             "the Free State of Orlais", "Norvelle", "Saxony-Brel"]
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTHS = "January February March April May June July August September October November December".split()
CURRENCIES = [("£", ""), ("$", ""), ("€", ""), ("", " euros"), ("", " dollars"), ("", " pounds"), ("¥", "")]


def town(rng: random.Random) -> str:
    return rng.choice(PREFIX) + rng.choice(SUFFIX)


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def date(rng: random.Random, style: int | None = None) -> str:
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1998, 2025)
    s = rng.randint(0, 4) if style is None else style
    if s == 0:
        return f"{d} {MONTHS[m - 1]} {y}"
    if s == 1:
        return f"{MONTHS[m - 1]} {d}, {y}"
    if s == 2:
        return f"{y}-{m:02d}-{d:02d}"
    if s == 3:
        return f"{d:02d}/{m:02d}/{y}"
    return f"the {ordinal(d)} of {MONTHS[m - 1]}"


def ordinal(n: int) -> str:
    suf = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suf}"


# When set (by a generator, per paragraph), every amount in that paragraph uses this currency.
FIXED_CURRENCY: list = []


def money(rng: random.Random, lo: float, hi: float, cents: bool = True) -> str:
    sym, word = FIXED_CURRENCY[0] if FIXED_CURRENCY else rng.choice(CURRENCIES)
    v = rng.uniform(lo, hi)
    if sym == "¥":
        v *= 150
        return f"¥{int(v):,}"
    txt = f"{v:,.2f}" if cents and v < 1000 else f"{int(v):,}"
    return f"{sym}{txt}{word}"


def clock(rng: random.Random) -> str:
    h, m = rng.randint(5, 23), rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50])
    if rng.random() < 0.5:
        return f"{h:02d}:{m:02d}"
    ap = "a.m." if h < 12 else "p.m."
    h12 = h if h <= 12 else h - 12
    return f"{h12}:{m:02d} {ap}" if m else f"{h12} {ap}"


def fill(rng: random.Random, template: str, **fixed) -> str:
    """Fill {name} slots; values repeated within one call stay the same."""
    cache = dict(fixed)

    def get(key):
        if key not in cache:
            cache[key] = SLOTS[key.rstrip("0123456789")](rng)
        return cache[key]

    out, i = [], 0
    while i < len(template):
        j = template.find("{", i)
        if j < 0:
            out.append(template[i:])
            break
        k = template.find("}", j)
        out.append(template[i:j])
        out.append(str(get(template[j + 1:k])))
        i = k + 1
    return "".join(out)


SLOTS = {
    "town": town,
    "person": person,
    "first": lambda r: r.choice(FIRST),
    "last": lambda r: r.choice(LAST),
    "foreign": lambda r: r.choice(FOREIGN),
    "country": lambda r: r.choice(COUNTRIES),
    "weekday": lambda r: r.choice(WEEKDAYS),
    "month": lambda r: r.choice(MONTHS),
    "date": date,
    "year": lambda r: r.randint(1950, 2025),
    "time": clock,
    "n": lambda r: r.randint(2, 19),
    "num": lambda r: r.randint(20, 950),
    "big": lambda r: f"{r.randint(1, 99) * 1000 + r.randint(0, 999):,}",
    "pct": lambda r: f"{r.randint(2, 85)}%",
    "dec": lambda r: f"{r.uniform(0.5, 9.9):.1f}",
    "price": lambda r: money(r, 1.5, 60),
    "cheap": lambda r: money(r, 1.2, 14),
    "room": lambda r: money(r, 18, 95),
    "steps": lambda r: r.randint(160, 420),
    "busmins": lambda r: r.choice([20, 30, 40, 45, 60, 90]),
    "cost": lambda r: money(r, 80, 2000),
    "bigcost": lambda r: f"{r.choice(['£', '$', '€'])}{r.uniform(1.2, 48):.1f} million",
    "order": lambda r: f"{r.choice(['#', 'ORD-', 'no. ', ''])}{r.randint(10000, 999999)}",
    "tx": lambda r: f"TX-{r.randint(100000, 999999)}",
    "last4": lambda r: f"{r.randint(0, 9999):04d}",
    "km": lambda r: r.randint(3, 420),
    "temp": lambda r: r.randint(-12, 38),
}

SLOTS.update({
    "pct2": lambda r: f"{r.randint(3, 40)}%",
    "age": lambda r: r.randint(25, 140),
    "tort": lambda r: r.randint(40, 110),
    "wait": lambda r: r.randint(35, 95),
    "kmshort": lambda r: r.randint(3, 18),
    "kmmid": lambda r: r.randint(12, 70),
    "hot": lambda r: r.randint(36, 44),
    "gust": lambda r: r.randint(90, 150),
    "deep": lambda r: f"{r.randint(8, 40) * 100:,}",
    "big2": lambda r: f"{r.randint(12, 95) * 100:,}",
    "fare": lambda r: r.choice(["£2", "£1.50", "€1.80", "$2.50", "£2.20"]),
    "ordinal_small": lambda r: ordinal(r.randint(2, 11)),
    "cost2": lambda r: money(r, 500, 9000, cents=False),
    "food2": lambda r: r.choice(["dumplings", "cheese", "pies", "oysters", "chips", "cake"]),
})
