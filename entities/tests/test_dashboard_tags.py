"""The template filters that word dates as precisely as the sources allow."""

import datetime as dt
from types import SimpleNamespace

from entities.templatetags.dashboard import event_when


def test_an_event_s_day_or_the_day_of_the_report_that_gave_none():
    day = dt.date(2016, 10, 11)
    assert event_when(SimpleNamespace(date=day, date_precision="day")) == "11 Oct 2016"
    assert event_when(SimpleNamespace(date=day, date_precision="week")) == "By 11 Oct 2016"
    assert event_when(SimpleNamespace(date=None, date_precision="unknown")) == "Date unknown"
