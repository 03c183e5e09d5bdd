"""The update periods: launch, then every three months; period n ends at launch + 3n months."""

import calendar
from dataclasses import dataclass
from datetime import datetime

MONTHS_PER_PERIOD = 3


def add_months(moment: datetime, months: int) -> datetime:
    """Same day and time `months` later; the 31st becomes the month's last day."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


@dataclass(frozen=True)
class Period:
    launch: datetime
    index: int
    start: datetime
    end: datetime  # exclusive; also the moment the update is due

    @property
    def previous(self) -> "Period":
        return period(self.launch, self.index - 1)


def period(launch: datetime, index: int) -> Period:
    """Period 0 is the three months up to the launch: the update at launch looks back on them."""
    return Period(
        launch=launch,
        index=index,
        start=add_months(launch, MONTHS_PER_PERIOD * (index - 1)),
        end=add_months(launch, MONTHS_PER_PERIOD * index),
    )


def due_period(launch: datetime, now: datetime) -> Period | None:
    """The latest period whose update is due at `now`, or None before the launch."""
    if now < launch:
        return None
    months = (now.year - launch.year) * 12 + now.month - launch.month
    index = max(months // MONTHS_PER_PERIOD, 0)
    while index > 0 and period(launch, index).end > now:
        index -= 1
    return period(launch, index)
