"""Teams, contact points (hotlines, channels, mailboxes, tips), violations, risk, reports."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, Date, DateTime, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from greenzone_desktop.models.base import Base, String, SyncMixin, Text, enum_check
from greenzone_desktop.vocab import (
    ChannelKind,
    RiskLevel,
    TeamKind,
    ViolationHandling,
    ViolationStatus,
)


class Team(Base, SyncMixin):
    __tablename__ = "teams"
    __table_args__ = (enum_check("kind", TeamKind.codes()),)

    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    area: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class TeamMember(Base, SyncMixin):
    __tablename__ = "team_members"

    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id"), index=True)
    person_id: Mapped[str | None] = mapped_column(ForeignKey("persons.id"), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="Thành viên")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str | None] = mapped_column(String(15))


class TeamHousehold(Base, SyncMixin):
    """A household covered by a community COVID team or a self-management team."""

    __tablename__ = "team_households"

    team_id: Mapped[str] = mapped_column(ForeignKey("teams.id"), index=True)
    household_id: Mapped[str] = mapped_column(ForeignKey("households.id"), index=True)


class Hotline(Base, SyncMixin):
    __tablename__ = "hotlines"

    name: Mapped[str] = mapped_column(String(200))
    number: Mapped[str] = mapped_column(String(15))
    owner: Mapped[str] = mapped_column(String(200), default="")


class Channel(Base, SyncMixin):
    __tablename__ = "channels"
    __table_args__ = (enum_check("kind", ChannelKind.codes()),)

    kind: Mapped[str] = mapped_column(String(10), default=ChannelKind.ZALO.value)
    name: Mapped[str] = mapped_column(String(200))
    link: Mapped[str] = mapped_column(String(300), default="")
    admin: Mapped[str] = mapped_column(String(200), default="")
    members: Mapped[int] = mapped_column(Integer, default=0)


class Mailbox(Base, SyncMixin):
    __tablename__ = "mailboxes"

    place: Mapped[str] = mapped_column(String(300))
    manager: Mapped[str] = mapped_column(String(200), default="")
    installed_on: Mapped[date | None] = mapped_column(Date)


class Tip(Base, SyncMixin):
    """A tip received through a hotline, a channel or a mailbox."""

    __tablename__ = "tips"

    received_on: Mapped[date] = mapped_column(Date)
    channel: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text, default="")
    closed: Mapped[bool] = mapped_column(Boolean, default=False)


class Violation(Base, SyncMixin):
    __tablename__ = "violations"
    __table_args__ = (
        enum_check("handling", [*ViolationHandling.codes(), ""]),
        enum_check("status", ViolationStatus.codes()),
        CheckConstraint("fine_amount >= 0", name="fine_positive"),
    )

    person_id: Mapped[str | None] = mapped_column(ForeignKey("persons.id"), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    what: Mapped[str] = mapped_column(Text)
    occurred_on: Mapped[date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(300), default="")
    handling: Mapped[str] = mapped_column(String(10), default="")
    fine_amount: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(8), default=ViolationStatus.OPEN.value)


class RiskAssessment(Base, SyncMixin):
    __tablename__ = "risk_assessments"
    __table_args__ = (
        enum_check("level", RiskLevel.codes()),
        enum_check("proposed_level", RiskLevel.codes()),
        CheckConstraint(
            "level = proposed_level OR length(override_reason) > 0", name="override_reason"
        ),
    )

    assessed_on: Mapped[date] = mapped_column(Date, index=True)
    assessors: Mapped[str] = mapped_column(Text, default="")
    preset: Mapped[str] = mapped_column(String(40))
    proposed_level: Mapped[str] = mapped_column(String(1))
    level: Mapped[str] = mapped_column(String(1))
    override_reason: Mapped[str] = mapped_column(Text, default="")
    figures: Mapped[dict] = mapped_column(JSON, default=dict)


class DailyReport(Base, SyncMixin):
    """A daily report sent to the ward: the figures as they were that day."""

    __tablename__ = "daily_reports"

    report_on: Mapped[date] = mapped_column(Date, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)
    figures: Mapped[dict] = mapped_column(JSON, default=dict)
    files: Mapped[list] = mapped_column(JSON, default=list)
