#!/usr/bin/env python3
"""Rebuilds the English word lists the tagger consults (lang/gazetteer/en-*.txt).

    pip install faker==40.63.0
    python3 scripts/en_gazetteers.py ../shared/data/ner/wikigold/train.txt

Names and places come from Faker (MIT licence): en_US and en_GB given and family names, US
states and the countries of its `en` address provider. The dictionary words are the words
written in lower case at least three times in wikigold's training file (CC BY 4.0).
"""
import collections
import re
import sys
from pathlib import Path

import faker
from faker.providers.address.en import Provider as English
from faker.providers.address.en_US import Provider as American
from faker.providers.person.en_GB import Provider as BritishPeople
from faker.providers.person.en_US import Provider as AmericanPeople

FOLDER = Path(__file__).resolve().parent.parent / "lang" / "gazetteer"


def write(name, source, items):
    lines = [f"# Source: {source}; one entry a line."] + sorted(set(items))
    (FOLDER / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{name}: {len(lines) - 1} entries")


def main(wikigold_train):
    people = (AmericanPeople, BritishPeople)
    faker_people = f"Faker {faker.VERSION} (MIT licence), faker/providers/person/en_US and en_GB"
    given = [n for p in people for n in list(p.first_names_female) + list(p.first_names_male)]
    write("en-given-names.txt", faker_people, given)
    write("en-family-names.txt", faker_people, [n for p in people for n in p.last_names])
    write(
        "en-places.txt",
        f"Faker {faker.VERSION} (MIT licence), faker/providers/address/en_US (states) and en "
        "(countries)",
        list(American.states) + list(English.countries),
    )
    counts = collections.Counter()
    for line in open(wikigold_train, encoding="utf-8"):
        token = line.split()[0] if line.split() else ""
        if re.fullmatch(r"[a-z][a-z'\-]*", token):
            counts[token] += 1
    write(
        "en-common-words.txt",
        "wikigold train (CC BY 4.0, see models/NOTICE): words written in lower case at least "
        "three times",
        [w for w, n in counts.items() if n >= 3],
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/ner/wikigold/train.txt")
