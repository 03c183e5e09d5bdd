"""Update periods (launch, then every three months) and the chart image."""

import struct
import zlib
from datetime import UTC, datetime

from inspraak_notifications.policy_updates.chart import HEIGHT, WIDTH, participation_chart
from inspraak_notifications.policy_updates.periods import add_months, due_period, period

LAUNCH = datetime(2031, 1, 31, 9, 0, tzinfo=UTC)


class TestPeriods:
    def test_period_zero_is_due_at_launch_and_looks_back_three_months(self):
        first = period(LAUNCH, 0)
        assert first.end == LAUNCH
        assert first.start == datetime(2030, 10, 31, 9, 0, tzinfo=UTC)

    def test_a_period_ends_three_months_after_the_previous_one(self):
        assert period(LAUNCH, 1).start == LAUNCH
        assert period(LAUNCH, 1).end == datetime(2031, 4, 30, 9, 0, tzinfo=UTC)
        assert period(LAUNCH, 2).previous == period(LAUNCH, 1)

    def test_nothing_is_due_before_the_launch(self):
        assert due_period(LAUNCH, datetime(2031, 1, 31, 8, 59, tzinfo=UTC)) is None

    def test_the_latest_due_period_is_chosen(self):
        assert due_period(LAUNCH, LAUNCH).index == 0
        assert due_period(LAUNCH, datetime(2031, 4, 30, 8, 59, tzinfo=UTC)).index == 0
        assert due_period(LAUNCH, datetime(2031, 4, 30, 9, 0, tzinfo=UTC)).index == 1
        assert due_period(LAUNCH, datetime(2032, 2, 1, tzinfo=UTC)).index == 4

    def test_month_ends_are_kept_within_the_month(self):
        assert add_months(datetime(2031, 11, 30, tzinfo=UTC), 3).date().isoformat() == "2032-02-29"


class TestChart:
    def test_the_chart_is_a_valid_png(self):
        png = participation_chart([(3, False), (0, False), (12, True), (7, True)], "#0b5394")
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        width, height = struct.unpack(">II", png[16:24])
        assert (width, height) == (WIDTH, HEIGHT)
        data = b""
        position = 8
        while position < len(png):
            length = struct.unpack(">I", png[position : position + 4])[0]
            kind = png[position + 4 : position + 8]
            if kind == b"IDAT":
                data += png[position + 8 : position + 8 + length]
            position += 12 + length
        assert len(zlib.decompress(data)) == HEIGHT * (1 + WIDTH * 3)

    def test_current_weeks_are_drawn_in_the_tenants_colour(self):
        png = participation_chart([(5, True)], "#0b5394")
        raw = zlib.decompress(png[png.index(b"IDAT") + 4 : png.index(b"IEND") - 8])
        assert bytes((0x0B, 0x53, 0x94)) in raw

    def test_an_empty_period_still_draws(self):
        assert participation_chart([]).startswith(b"\x89PNG")
