"""The competency framework people rate themselves against."""

from __future__ import annotations

from sqlmodel import Session

from magicloop.models import Competency, CompetencyFramework, Organisation

DEFAULT_CX_FRAMEWORK = "Customer Experience competencies"
DEFAULT_CX_COMPETENCIES: tuple[tuple[str, str], ...] = (
    ("Customer research and surveys", "Designing, running and reading customer research and surveys."),
    ("One-to-one customer engagement", "Listening to and working with customers directly."),
    ("Journey and process mapping", "Mapping journeys and the processes behind them."),
    ("CX metrics and measurement", "NPS, CSAT, CES and ROI: measuring what matters and why."),
    ("CX business cases", "Turning customer insight into a case the business funds."),
    ("Experience design and improvement", "Designing and improving experiences end to end."),
    ("Influencing a customer-centric culture", "Moving colleagues to put customers first."),
    ("Cross-functional collaboration", "Getting teams across the company to act together."),
)


def seed_default_framework(db: Session, organisation: Organisation) -> CompetencyFramework:
    framework = CompetencyFramework(organisation_id=organisation.id, version=1, name=DEFAULT_CX_FRAMEWORK)
    db.add(framework)
    db.flush()
    for position, (name, description) in enumerate(DEFAULT_CX_COMPETENCIES, start=1):
        db.add(Competency(framework_id=framework.id, position=position, name=name, description=description))
    return framework
