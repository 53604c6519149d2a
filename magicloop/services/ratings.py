"""Manager ratings of a report's competencies, and the gap against the self-assessment."""

from __future__ import annotations

import dataclasses

from sqlalchemy import bindparam
from sqlmodel import Session, select

from magicloop.models import Competency, CompetencyRating, RaterKind, User, utcnow
from magicloop.services import timeline
from magicloop.services.loop_rows import LOOP
from magicloop.services.loops import load_loop, load_open_loop
from magicloop.services.notifications import loop_link, notify
from magicloop.services.policy import Action
from magicloop.services.prepared import built_once
from magicloop.services.recall import remembered
from magicloop.services.validation import FormCheck
from magicloop.services.versions import Changed, Conflict, opened, shown
from magicloop.services.words import counted


@dataclasses.dataclass(frozen=True)
class GapRow:
    competency_id: int
    name: str
    short: str  # the fewest first words that tell it apart from the others: for a chart's labels
    # None, never 0, where nobody rated: the table shows "—" and the radar leaves the point out.
    self_score: int | None
    manager_score: int | None
    gap: int | None  # manager minus self, once both have rated


_CONNECTIVES = frozenset({"a", "an", "and", "for", "in", "of", "on", "or", "the", "to", "with"})


def short_names(names: list[str]) -> list[str]:
    """For each name, its first words — as few as tell it apart from every other name, never ending on
    "and" or "of": "CX metrics and measurement" beside "CX business cases" is "CX metrics"."""

    def first(words: list[str], count: int) -> str:
        while count < len(words) and words[count - 1].lower() in _CONNECTIVES:
            count += 1
        return " ".join(words[:count])

    split = [name.split() for name in names]
    shorts = []
    for words in split:
        count = 1
        others = [w for w in split if w is not words]
        while count < len(words) and any(first(other, count) == first(words, count) for other in others):
            count += 1
        shorts.append(first(words, count))
    return shorts


def framework_competencies(db: Session, framework_id: int) -> list[Competency]:
    """The competencies of one framework version, in its order: a loop's are those of the version it started on."""
    read = lambda: list(db.exec(_competencies(), params={"framework_id": framework_id}))  # noqa: E731
    return remembered(db, ("competencies", framework_id), read, reads=(Competency,))


@built_once
def _competencies():
    return select(Competency).where(Competency.framework_id == bindparam("framework_id")).order_by(Competency.position)


def compared_competencies(db: Session, framework_ids: list[int]) -> list[Competency]:
    """One competency per key across these versions (the newest first): as the newest names and orders them,
    then those it no longer has (retired), as the next newest last had them. One statement."""
    order = list(dict.fromkeys(framework_ids))
    query = select(Competency).where(Competency.framework_id.in_(order))
    kept: dict[str, Competency] = {}
    for competency in sorted(db.exec(query).all(), key=lambda c: (order.index(c.framework_id), c.position)):
        kept.setdefault(competency.key, competency)
    return list(kept.values())


def self_scores_by_key(db: Session, loop_id: int | None) -> dict[str, int]:
    """A loop's self-ratings by competency key, to set beside a loop on another framework version."""
    if loop_id is None:
        return {}
    return dict(db.exec(_self_scores(), params={"loop_id": loop_id}).all())


@built_once
def _self_scores():
    return (
        select(Competency.key, CompetencyRating.score)
        .join(Competency, Competency.id == CompetencyRating.competency_id)
        .where(CompetencyRating.loop_id == LOOP, CompetencyRating.rater_kind == RaterKind.SELF)
    )


def ratings_by_competency(db: Session, loop_id: int | None, kind: RaterKind) -> dict[int, CompetencyRating]:
    if loop_id is None:
        return {}
    read = lambda: db.exec(_ratings(), params={"loop_id": loop_id}).all()  # noqa: E731
    rows = remembered(db, ("ratings", loop_id), read, reads=(CompetencyRating,))
    return {r.competency_id: r for r in rows if r.rater_kind == kind}


@built_once
def _ratings():
    return select(CompetencyRating).where(CompetencyRating.loop_id == LOOP)


def save_ratings(db: Session, actor: User, loop_id: object, data: dict, kind: RaterKind) -> int:
    """Ratings arrive as `score-<competency id>` (1–5) and `evidence-<id>`; returns how many were saved."""
    action = Action.EDIT_OWN if kind == RaterKind.SELF else Action.RATE_AS_MANAGER
    loop = load_open_loop(db, actor, loop_id, action)
    form = FormCheck(data)
    chosen = []
    for competency in framework_competencies(db, loop.framework_id):
        evidence = form.text(f"evidence-{competency.id}", "Evidence", max_len=2000, required=False, multiline=True)
        if form.data.get(f"score-{competency.id}") in (None, ""):
            continue
        score = form.integer(f"score-{competency.id}", "Rating", low=1, high=5)
        if score is not None:
            chosen.append((competency, score, evidence))
    if not chosen and not form.errors:
        form.fail("assessment", "Rate at least one competency from 1 to 5.")
    form.raise_if_errors()
    existing, now = ratings_by_competency(db, loop.id, kind), utcnow()
    _check_versions(data, [competency for competency, _, _ in chosen], existing)
    for competency, score, evidence in chosen:
        rating = existing.get(competency.id) or CompetencyRating(
            loop_id=loop.id, competency_id=competency.id, rater_id=actor.id, rater_kind=kind, score=score
        )
        rating.rater_id, rating.score, rating.evidence, rating.updated_at = actor.id, score, evidence, now
        db.add(rating)
    who = "Rated" if kind == RaterKind.SELF else f"{actor.display_name} (manager) rated"
    count = counted(len(chosen), "competency", "competencies")
    timeline.on_loop(db, loop, actor, "rating", f"{who} {count} in loop {loop.number}")
    if kind == RaterKind.MANAGER:
        notify(
            db, loop.owner_id, "rating", f"{actor.display_name} rated {count}", loop_link(loop.id, stage=1), actor=actor
        )
    return len(chosen)


def _check_versions(data: dict, rated: list[Competency], existing: dict[int, CompetencyRating]) -> None:
    """Each rating the form sets must be as the form found it (`version-<competency id>`, 0 while unrated);
    otherwise nothing is saved, and the ratings that changed are shown as they now stand."""

    def version(competency: Competency) -> int:
        return existing[competency.id].version if competency.id in existing else 0

    moved = [c for c in rated if opened(data, f"version-{c.id}") != version(c)]
    if moved:
        now = [(c.name, _rating_text(existing.get(c.id))) for c in moved]
        raise Conflict(Changed(fields=shown(now), versions={f"version-{c.id}": version(c) for c in moved}))


def _rating_text(rating: CompetencyRating | None) -> str | None:
    if rating is None:
        return None
    return f"{rating.score} of 5" + (f" — {rating.evidence}" if rating.evidence else "")


def gap_view(db: Session, actor: User, loop_id: object) -> list[GapRow]:
    """Self against manager for every competency, biggest gaps first."""
    loop = load_loop(db, actor, loop_id)
    mine = ratings_by_competency(db, loop.id, RaterKind.SELF)
    managers = ratings_by_competency(db, loop.id, RaterKind.MANAGER)
    rows = []
    competencies = framework_competencies(db, loop.framework_id)
    for c, short in zip(competencies, short_names([c.name for c in competencies]), strict=True):
        own = mine[c.id].score if c.id in mine else None
        theirs = managers[c.id].score if c.id in managers else None
        compared = own is not None and theirs is not None
        rows.append(
            GapRow(
                competency_id=c.id,
                name=c.name,
                short=short,
                self_score=own,
                manager_score=theirs,
                gap=theirs - own if compared else None,
            )
        )
    # Stable sort: equal gaps keep the framework's order, rated pairs before unrated ones.
    return sorted(rows, key=lambda r: (-abs(r.gap or 0), r.gap is None))
