"""The daily items' pure parts: the order they are asked in, what a period adds up to, and the
button data the bot accepts for them."""

from datetime import UTC, date, datetime

import pytest

from diarybot.bot import button_data
from diarybot.domain.daily_items import DailyItem, Region, next_item, switched
from diarybot.domain.entries import Entry
from diarybot.domain.item_figures import item_figures

SLEEP, MOOD, REGIONS = DailyItem.SLEEP, DailyItem.MOOD, DailyItem.REGIONS


def test_items_are_asked_in_a_fixed_order_whatever_order_they_were_switched_on():
    on = switched(switched((), REGIONS), SLEEP)
    assert on == (SLEEP, REGIONS)
    assert next_item(on, None) is SLEEP
    assert next_item(on, SLEEP) is REGIONS
    assert next_item(on, REGIONS) is None
    assert next_item((), None) is None
    assert switched(on, SLEEP) == (REGIONS,)


def entry(day, n, **items):
    return Entry(
        id=f"{day:08x}{n:02x}",
        recorded_at=datetime(2026, 11, day, 8 + n, tzinfo=UTC),
        local_date=date(2026, 11, day),
        score=5,
        **items,
    )


def test_figures_are_means_of_daily_means_and_regions_by_days_named():
    figures = item_figures(
        [
            entry(1, 0, sleep=2, regions=(Region.NECK,)),
            entry(1, 1, sleep=4, mood=3, regions=(Region.NECK, Region.HIPS)),
            entry(2, 0, sleep=9, regions=(Region.HIPS,)),
            entry(3, 0, regions=(Region.HIPS, Region.FEET)),
        ]
    )
    assert (figures.sleep_mean, figures.sleep_days) == (6.0, 2)  # (3 + 9) / 2, not 15 / 3
    assert (figures.mood_mean, figures.mood_days) == (3.0, 1)
    assert figures.regions == ((Region.HIPS, 3), (Region.NECK, 1), (Region.FEET, 1))
    assert figures.any
    assert not item_figures([entry(4, 0)]).any


@pytest.mark.parametrize(
    ("data", "accepted"),
    [
        ("si:sleep", True),
        ("si:weather", False),
        ("ia:0123456789:mood:10", True),
        ("ia:0123456789:mood:s", True),
        ("ia:0123456789:mood:11", False),
        ("ia:0123456789:regions:3", False),
        ("ib:0123456789:lower_back", True),
        ("ib:0123456789:elbow", False),
        ("ic:0123456789:done", True),
        ("ic:0123456789:maybe", False),
    ],
)
def test_only_the_item_buttons_we_make_are_accepted(data, accepted):
    assert (button_data.parse_callback(data) is not None) is accepted
