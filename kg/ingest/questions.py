"""Questions, answers and statements: who asked what, and who replied.

A question is a sentence whose subject (a person or post at its start, or "He"/"She" for the
previous subject) "asked", "queried" or "enquired" anything, or an "In response to questions
from Cllr Y, it was noted that" lead-in. Its answer is the next sentence, before the next
question and within three sentences, whose subject is someone else and whose verb is a reply
("replied", "responded", "said", "assured", "acknowledged", "confirmed", "explained"...), or an
impersonal "It was explained that". A statement is any other sentence whose subject speaks
("Chris Batten commented that...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.ingest.model import Person, Question, Span, Statement
from kg.ingest.textutil import starting_in

_ASK_VERB = r"(?:asked|queried|enquired|inquired|questioned|sought (?:clarity|clarification|assurance))\b"
# the subject's own verb, or a second verb joined by "and" ("thought ... and asked when")
_ASK = re.compile(rf"^(?:also\s+|then\s+|further\s+)?{_ASK_VERB}|,?\s+and\s+(?:also\s+)?{_ASK_VERB}"
                  r"|^requested\b[^.;]*\b(?:why|whether|how|what|when|which)\b")  # a request for an explanation
_REPLY = re.compile(r"^(?:also\s+|then\s+|further\s+)?(?:replied|responded|said|assured|acknowledged|confirmed"
                    r"|explained|advised|stated|answered|informed|noted|added|clarified|agreed)\b")
_SPEAK = re.compile(r"^(?:also\s+|then\s+|further\s+)?(?:commented|noted|added|stated|said|highlighted|agreed"
                    r"|thanked|reminded|referred|requested|emphasised|emphasized|welcomed|informed|expressed"
                    r"|explained|reported|presented|introduced|suggested|felt|thought|raised|outlined|confirmed"
                    r"|acknowledged|assured|advised|updated|gave)\b")
_IN_RESPONSE = re.compile(r"^(?:In response to|Further to|Following|Responding to)\s+(?:a\s+|the\s+)?"
                          r"(?:questions?|quer(?:y|ies))(?:\s+and\s+comments?)?(?:\s+(?:from|by)\s+(?P<who>[^,]+))?,?")
_IMPERSONAL = re.compile(r"^(?:[Ii]t was (?:explained|noted|confirmed|reported|advised|clarified|stated|highlighted)"
                         r"|(?:The|Officers|The officers)\s+(?:officers\s+)?(?:explained|advised|confirmed|responded|replied))\b")
_PRONOUN = re.compile(r"^(?:He|She|They)\b")
# an unnamed asker: "A member asked", "A Committee Member queried", "Members sought clarity"
_ANONYMOUS = re.compile(r"^(?:(?:A|One|Another)\s+(?:(?:committee|panel|board)\s+)?(?:member|councillor)|Members)\b", re.I)


@dataclass(frozen=True)
class _Turn:
    sentence: Span
    speaker: str | None  # Person.key
    rest: str  # the sentence after the subject


def find_questions(text: str, sents: list[Span], people: list[Person]) -> tuple[list[Question], list[Statement]]:
    """Questions (with their answers) and statements, each in document order."""
    turns = _turns(text, sents, people)
    questions: list[Question] = []
    answered: set[int] = set()
    for i, turn in enumerate(turns):
        quote = turn.sentence.quote(text)
        lead = _IN_RESPONSE.match(quote)
        if lead:
            who = _speaker_in(turn.sentence.start + lead.start("who"), turn.sentence.start + lead.end("who"), people) if lead["who"] else None
            questions.append(Question(who, None, " ".join(quote.split()), turn.sentence))
            continue
        anonymous = turn.speaker is None and _ANONYMOUS.match(quote)
        if anonymous:
            rest = quote[anonymous.end():].lstrip()
            if _ASK.search(rest):
                answer = _answer(text, turns, i, "")
                reply = turns[answer] if answer is not None else None
                if answer is not None:
                    answered.add(answer)
                questions.append(Question(None, reply.speaker if reply else None, " ".join(quote.split()), turn.sentence,
                                          " ".join(reply.sentence.quote(text).split()) if reply else None,
                                          reply.sentence if reply else None))
            continue
        if turn.speaker is None or not _ASK.search(turn.rest):
            continue
        answer = _answer(text, turns, i, turn.speaker)
        if answer is not None:
            answered.add(answer)
            reply = turns[answer]
            questions.append(Question(turn.speaker, reply.speaker, " ".join(quote.split()), turn.sentence,
                                      " ".join(reply.sentence.quote(text).split()), reply.sentence))
        else:
            questions.append(Question(turn.speaker, None, " ".join(quote.split()), turn.sentence))
    asked = {q.span for q in questions}
    statements = [Statement(t.speaker, " ".join(t.sentence.quote(text).split()), t.sentence)
                  for j, t in enumerate(turns)
                  if t.speaker and j not in answered and t.sentence not in asked and _SPEAK.match(t.rest)]
    return questions, statements


def _turns(text: str, sents: list[Span], people: list[Person]) -> list[_Turn]:
    """Each sentence with its speaking subject, if any (pronouns take the previous subject)."""
    mentions = sorted((span, p.key) for p in people for span in (p.span, *p.mentions))
    starts = [span.start for span, _ in mentions]
    turns: list[_Turn] = []
    last: str | None = None
    for sent in sents:
        speaker, rest_at = None, sent.start
        for i in starting_in(starts, sent.start, min(sent.end, sent.start + 12)):
            span, key = mentions[i]
            lead = text[sent.start:span.start]
            if re.fullmatch(r"(?:[Tt]he\s+|[Aa]lso,?\s+|[Tt]hen,?\s+)?", lead):
                speaker, rest_at = key, span.end
                break
        quote = text[rest_at:sent.end]
        if speaker is None and _PRONOUN.match(text[sent.start:sent.end]) and last:
            speaker, rest_at = last, sent.start + len(_PRONOUN.match(text[sent.start:sent.end]).group(0))
            quote = text[rest_at:sent.end]
        rest = re.sub(r"^[\s,]+(?:the\s+\w+\s+)?", "", quote) if speaker else quote
        if speaker:
            last = speaker
        turns.append(_Turn(sent, speaker, rest.lstrip(", ")))
    return turns


def _answer(text: str, turns: list[_Turn], i: int, asker: str) -> int | None:
    for j in range(i + 1, min(i + 4, len(turns))):
        turn = turns[j]
        if turn.speaker and _ASK.search(turn.rest) and turn.speaker != asker:
            return None
        if turn.speaker == asker and _ASK.search(turn.rest):
            return None
        if turn.speaker and turn.speaker != asker and _REPLY.match(turn.rest):
            return j
        if turn.speaker is None and _IMPERSONAL.match(turn.sentence.quote(text)):
            return j
    return None


def _speaker_in(start: int, end: int, people: list[Person]) -> str | None:
    found = [(span.start, p.key) for p in people for span in (p.span, *p.mentions) if start <= span.start < end]
    return min(found)[1] if found else None
