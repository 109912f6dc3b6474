from datetime import timedelta

from lantern.core.ukdate import duration_words


def test_lengths_of_time_in_words_to_the_minute():
    assert duration_words(timedelta(minutes=45)) == "45 minutes"
    assert duration_words(timedelta(hours=3, minutes=20)) == "3 hours 20 minutes"
    assert duration_words(timedelta(days=2, hours=5, minutes=7)) == "2 days 5 hours"
    assert duration_words(timedelta(hours=1, minutes=1)) == "1 hour 1 minute"
    assert duration_words(timedelta(seconds=30)) == "less than a minute"
