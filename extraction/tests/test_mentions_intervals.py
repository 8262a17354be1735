"""The taken-spans index of `find_mentions`: sorted lookups answer as a scan of every span would."""

import random

from extraction.mentions import _Intervals


def test_overlaps_answers_as_a_scan_of_every_span_would():
    rng = random.Random(3)
    taken, spans = _Intervals(), []
    for _ in range(400):
        start = rng.randrange(5000)
        end = start + rng.choice([1, 2, 5, 12, 40, 300])
        taken.add(start, end)
        spans.append((start, end))
    for _ in range(2000):
        start = rng.randrange(5400)
        end = start + rng.randrange(1, 60)
        expected = any(s < end and start < e for s, e in spans)
        assert taken.overlaps(start, end) is expected, (start, end)


def test_remove_inside_forgets_only_the_spans_inside():
    taken = _Intervals()
    for start, end in [(0, 5), (10, 14), (12, 30), (20, 25), (40, 45)]:
        taken.add(start, end)
    taken.remove_inside(10, 26, [])
    assert taken.spans == [(0, 5), (12, 30), (40, 45)]
    assert not taken.overlaps(6, 10) and taken.overlaps(29, 31) and not taken.overlaps(30, 40)
