"""SQLModel tables. Importing this package registers every table on `metadata`."""

from sqlmodel import SQLModel

from magicloop.models.activity import Comment, Notification, PrivateNote, TimelineEvent
from magicloop.models.audit import AuditEvent
from magicloop.models.base import UTCDateTime, utcnow
from magicloop.models.items import (
    COEReview,
    GrowthConversation,
    Idea,
    ManagerAsk,
    ProgressUpdate,
    Recommendation,
)
from magicloop.models.loop import (
    ActionStep,
    CarriedItem,
    CompetencyRating,
    ItemStatus,
    Loop,
    Priority,
    RaterKind,
    SelfReflection,
    Stage,
    StageReflection,
)
from magicloop.models.outbox import OutboxMail
from magicloop.models.people import (
    AccountLink,
    AuthSession,
    Competency,
    CompetencyFramework,
    Invite,
    MentorGrant,
    Organisation,
    ReportingLine,
    SignInThrottle,
    User,
)
from magicloop.models.pulse import DISCIPLINES, CulturePulse, PulseInvitation, PulseResponse
from magicloop.models.review import QuarterlyReview

metadata = SQLModel.metadata

# Records that hang off a loop; the loop's owner is the professional they concern.
LOOP_RECORDS = (
    ActionStep,
    CarriedItem,
    COEReview,
    Comment,
    CompetencyRating,
    GrowthConversation,
    Idea,
    ManagerAsk,
    ProgressUpdate,
    Recommendation,
    SelfReflection,
    StageReflection,
)

__all__ = [
    "AccountLink",
    "LOOP_RECORDS",
    "ActionStep",
    "AuditEvent",
    "AuthSession",
    "COEReview",
    "CarriedItem",
    "Comment",
    "Competency",
    "CompetencyFramework",
    "CompetencyRating",
    "CulturePulse",
    "DISCIPLINES",
    "GrowthConversation",
    "Idea",
    "Invite",
    "ItemStatus",
    "Loop",
    "ManagerAsk",
    "MentorGrant",
    "Notification",
    "Organisation",
    "OutboxMail",
    "Priority",
    "PrivateNote",
    "PulseInvitation",
    "PulseResponse",
    "ProgressUpdate",
    "QuarterlyReview",
    "RaterKind",
    "Recommendation",
    "ReportingLine",
    "SelfReflection",
    "SignInThrottle",
    "Stage",
    "StageReflection",
    "TimelineEvent",
    "User",
    "UTCDateTime",
    "metadata",
    "utcnow",
]
