#!/usr/bin/env python3
"""Rebuilds lang/gazetteer/id-root-words.txt, the Indonesian root words the tagger consults.

    pip download Sastrawi==1.0.1 --no-deps -d /tmp/wheels
    python3 scripts/gazetteers.py /tmp/wheels

Source: Sastrawi 1.0.1 (MIT licence, Hanif Amal Robbani), its stemmer's kata-dasar.txt.
"""
import sys
import zipfile
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "lang" / "gazetteer" / "id-root-words.txt"
HEADER = (
    "# Source: Sastrawi 1.0.1 (MIT licence, (c) Hanif Amal Robbani), "
    "Sastrawi/Stemmer/data/kata-dasar.txt: Indonesian root words; one a line."
)


def main(folder):
    wheels = sorted(Path(folder).glob("Sastrawi-*.whl"))
    if not wheels:
        sys.exit(f"no Sastrawi wheel in {folder}")
    text = zipfile.ZipFile(wheels[-1]).read("Sastrawi/Stemmer/data/kata-dasar.txt").decode()
    words = sorted(set(text.split()))
    TARGET.write_text(HEADER + "\n" + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{TARGET.name}: {len(words)} words")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/wheels")
