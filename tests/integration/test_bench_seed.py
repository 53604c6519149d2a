"""The load benchmark builds its organisation through the services (tests/bench/seed.py): a
renamed or reshaped service must fail here, not months later when someone runs the benchmark."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, SQLModel, select

from magicloop.db import make_engine
from magicloop.models import Comment, Loop, ManagerAsk, Recommendation, TimelineEvent, User
from tests.bench import seed


def test_the_benchmark_organisation_still_builds_through_the_services(tmp_path, monkeypatch):
    monkeypatch.setattr(seed, "MANAGERS", 2)
    monkeypatch.setattr(seed, "PROFESSIONALS", 4)
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    engine = make_engine(url)
    SQLModel.metadata.create_all(engine)

    built = seed.seed(url, number=3, years=0.5)

    assert len(built.manager_ids) == 2 and len(built.professional_ids) == 4
    assert sorted(sum(built.reports.values(), [])) == sorted(built.professional_ids)
    with Session(engine) as db:

        def count(model, *where) -> int:
            return db.exec(select(func.count()).select_from(model).where(*where)).one()

        assert count(User) == 1 + 2 + 4
        assert count(Loop, Loop.owner_id == built.heavy_id) > 1  # years of repeated loops
        assert count(TimelineEvent, TimelineEvent.owner_id == built.heavy_id) > 1000
        for model in (ManagerAsk, Recommendation, Comment):
            assert count(model) > 0, f"no {model.__name__} seeded"
    engine.dispose()
