"""What a question, decision or amount is about (kg:about): a small, documented topic table.

Each topic is a pattern over the fact's own text and the targets it links to: duty IRIs, sections
and bodies. Every target is an IRI curated data describes (data/duties, data/legislation,
data/bodies; tests/test_ingest_curated.py checks it), one IRI per target, no alternatives. A duty is
still linked only when the run's curated data has it, so extracting with an empty or partial data
folder never points at a duty the store does not hold. Sections and bodies cited inside the fact's span are
added by the extractor separately; this table covers what the minutes say in everyday words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.iris import node
from kg.namespaces import LEGID


@dataclass(frozen=True)
class Topic:
    name: str
    pattern: re.Pattern[str]
    targets: tuple[str, ...]


def _duty(slug: str) -> str:
    return node("duty", slug)


def _topic(name: str, pattern: str, *targets: str) -> Topic:
    return Topic(name, re.compile(pattern, re.IGNORECASE), targets)


TOPICS: tuple[Topic, ...] = (
    _topic("personal adviser to 25",
           r"personal advis[eo]rs?\b.*\b25\b|care leavers? up to (?:the )?(?:age of )?25|until 25",
           _duty("ukpga-2017-16-s3-personal-adviser-to-25"), f"{LEGID}ukpga/2017/16/section/3"),
    _topic("local offer for care leavers", r"local offer",
           _duty("ukpga-2017-16-s2-local-offer"), f"{LEGID}ukpga/2017/16/section/2"),
    _topic("safeguarding arrangements",
           r"\bLSCBs?\b|local safeguarding children['’]?s? boards?|safeguarding (?:partner )?arrangements"
           r"|police(?:,)? and (?:the )?(?:CCG|health)|(?:CCG|health) and (?:the )?police",
           _duty("ukpga-2017-16-s16-safeguarding-arrangements"),
           node("body", "local-safeguarding-children-boards")),
    _topic("section 47 enquiries", r"section 47|child protection (?:enquiries|inquiries)",
           _duty("ukpga-1989-41-s47-enquiries"), f"{LEGID}ukpga/1989/41/section/47"),
    _topic("virtual school head", r"virtual (?:school )?head|head of the virtual school",
           _duty("ukpga-1989-41-s22-3b-appoint-virtual-school-head"), node("body", "virtual-school")),
    _topic("corporate parenting", r"corporate parent",
           _duty("ukpga-2017-16-s1-corporate-parenting-principles")),
)


def topics_for(text: str, has_duty: Callable[[str], bool]) -> list[str]:
    """Targets of every topic whose pattern occurs in `text`; unknown duties are dropped.

    `has_duty` is usually Gazetteer.has_duty (the duty IRIs in data/duties/*.ttl).
    """
    found: list[str] = []
    for topic in TOPICS:
        if topic.pattern.search(text):
            for target in topic.targets:
                is_duty = target.startswith(node("duty", ""))
                if (not is_duty or has_duty(target)) and target not in found:
                    found.append(target)
    return found
