"""Households, their members, organisations, commitments and aid."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    event,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from greenzone_desktop.models.base import Base, String, SyncMixin, Text, enum_check, order_check
from greenzone_desktop.models.search_index import (
    households_table_created,
    households_table_dropping,
)
from greenzone_desktop.vocab import (
    CommitmentKind,
    HouseholdKind,
    OrganizationKind,
    Relation,
    Residency,
    Sex,
)


class Household(Base, SyncMixin):
    __tablename__ = "households"
    __table_args__ = (
        enum_check("kind", HouseholdKind.codes()),
        Index(
            "uq_households_unit_code",
            "unit_id",
            "code",
            unique=True,
            sqlite_where=text("deleted = 0"),
            postgresql_where=text("deleted = false"),
        ),
    )

    code: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20), default=HouseholdKind.FAMILY.value)
    head_id: Mapped[str | None] = mapped_column(
        ForeignKey("persons.id", use_alter=True, name="fk_households_head_id_persons"), index=True
    )
    head_name: Mapped[str] = mapped_column(String(200), default="")
    head_sort: Mapped[str] = mapped_column(String(400), default="", index=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    area: Mapped[str] = mapped_column(String(100), default="", index=True)
    phone: Mapped[str | None] = mapped_column(String(15))
    notes: Mapped[str] = mapped_column(Text, default="")
    search_key: Mapped[str] = mapped_column(Text, default="")
    # The live members' search keys joined by " | ": one row answers "a member named …" without
    # a persons subquery. Derived on this PC (models/search_keys.py), never sent in a package.
    members_key: Mapped[str] = mapped_column(Text, default="", server_default="",
                                             info={"local": True})


# The households list walks this in code order and reads everything it filters on from it.
Index("ix_households_search", Household.code, Household.id, Household.deleted,
      Household.search_key, Household.members_key)
# The substring index over the same keys (models/search_index.py), created with the table.
event.listen(Household.__table__, "after_create", households_table_created)
event.listen(Household.__table__, "before_drop", households_table_dropping)


class Person(Base, SyncMixin):
    __tablename__ = "persons"
    __table_args__ = (
        enum_check("sex", Sex.codes()),
        enum_check("residency", Residency.codes()),
        enum_check("relation", Relation.codes()),
        CheckConstraint("length(full_name) > 0", name="name_not_empty"),
        CheckConstraint(
            "cccd IS NULL OR length(cccd) IN (9, 12)", name="cccd_length"
        ),
        CheckConstraint("phone IS NULL OR length(phone) BETWEEN 10 AND 11", name="phone_length"),
        CheckConstraint("birth_year IS NULL OR birth_year BETWEEN 1880 AND 2200", name="year"),
        order_check("birth_date", "residency_until"),
        Index(
            "uq_persons_unit_cccd",
            "unit_id",
            "cccd",
            unique=True,
            sqlite_where=text("deleted = 0 AND cccd IS NOT NULL"),
            postgresql_where=text("deleted = false AND cccd IS NOT NULL"),
        ),
        Index("ix_persons_name_key_birth", "name_key", "birth_year"),
        # Search walks this covering index in the official name order and stops at the limit.
        Index("ix_persons_search_sorted", "deleted", "sort_key", "search_key", "household_id"),
    )

    household_id: Mapped[str] = mapped_column(ForeignKey("households.id"), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), default="")
    sort_key: Mapped[str] = mapped_column(String(400), default="", index=True)
    birth_date: Mapped[date | None] = mapped_column(Date)
    birth_year: Mapped[int | None] = mapped_column(Integer, index=True)
    sex: Mapped[str] = mapped_column(String(3))
    relation: Mapped[str] = mapped_column(String(20), default=Relation.OTHER.value)
    cccd: Mapped[str | None] = mapped_column(String(12), index=True)
    cccd_issued_on: Mapped[date | None] = mapped_column(Date)
    cccd_issued_by: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str | None] = mapped_column(String(15), index=True)
    residency: Mapped[str] = mapped_column(String(12), default=Residency.PERMANENT.value)
    residency_until: Mapped[date | None] = mapped_column(Date)
    ethnicity: Mapped[str] = mapped_column(String(50), default="Kinh")
    religion: Mapped[str] = mapped_column(String(50), default="")
    occupation: Mapped[str] = mapped_column(String(200), default="")
    workplace: Mapped[str] = mapped_column(String(200), default="")
    insurance_no: Mapped[str] = mapped_column(String(20), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    search_key: Mapped[str] = mapped_column(Text, default="")


class Organization(Base, SyncMixin):
    __tablename__ = "organizations"
    __table_args__ = (
        enum_check("kind", OrganizationKind.codes()),
        CheckConstraint("workers >= 0", name="workers_positive"),
        CheckConstraint("length(name) > 0", name="name_not_empty"),
    )

    name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), default="", index=True)
    kind: Mapped[str] = mapped_column(String(20), default=OrganizationKind.BUSINESS.value)
    address: Mapped[str] = mapped_column(String(300), default="")
    area: Mapped[str] = mapped_column(String(100), default="")
    contact_person: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str | None] = mapped_column(String(15))
    workers: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")


class Commitment(Base, SyncMixin):
    """A signed commitment of a household or an organisation (or a home-quarantine one)."""

    __tablename__ = "commitments"
    __table_args__ = (
        enum_check("kind", CommitmentKind.codes()),
        CheckConstraint(
            "(household_id IS NULL) <> (organization_id IS NULL)", name="one_signer"
        ),
    )

    kind: Mapped[str] = mapped_column(String(20))
    household_id: Mapped[str | None] = mapped_column(ForeignKey("households.id"), index=True)
    organization_id: Mapped[str | None] = mapped_column(
        ForeignKey("organizations.id"), index=True
    )
    signed_on: Mapped[date] = mapped_column(Date)
    signed_by: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class Aid(Base, SyncMixin):
    """Hỗ trợ an sinh: aid given to a household in difficulty."""

    __tablename__ = "aid"
    __table_args__ = (CheckConstraint("amount >= 0", name="amount_positive"),)

    household_id: Mapped[str] = mapped_column(ForeignKey("households.id"), index=True)
    given_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(100))
    amount: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text, default="")
    given_by: Mapped[str] = mapped_column(String(200), default="")
