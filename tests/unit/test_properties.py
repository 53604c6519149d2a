"""Properties over any input a client could send: nothing typed crashes a form,
and dates said back are dates that were meant."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from magicloop.services.dates import describe, parse_when
from magicloop.services.errors import InvalidInput
from magicloop.services.reflection import preview_due_date
from magicloop.services.security import password_problem
from magicloop.services.validation import FormCheck, has_bad_characters

ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(),
    st.binary(),
    st.lists(st.text(), max_size=3),
    st.dictionaries(st.text(), st.text(), max_size=3),
)
TODAY = dt.date(2026, 11, 22)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_any_typed_date_is_a_date_or_nothing(text, today):
    parsed = parse_when(text, today)
    assert parsed is None or isinstance(parsed, dt.date)
    if parsed is not None:
        assert describe(parsed, today)


@settings(max_examples=300, deadline=None)
@given(ANY_VALUE)
def test_a_form_field_takes_any_value_without_crashing(value):
    form = FormCheck({"field": value})
    text = form.text("field", "Field", max_len=100, multiline=True)
    form.email("field")
    form.integer("field", "Number", low=1, high=5)
    form.date("field", "Date", today=TODAY, required=False)
    form.choice("field", "Choice", ["a", "b"])
    form.time_zone("field")
    assert not has_bad_characters(text) or form.errors
    try:
        form.raise_if_errors()
    except InvalidInput as refusal:
        assert set(refusal.field_errors) == {"field"}


@settings(max_examples=200, deadline=None)
@given(ANY_VALUE)
def test_any_password_is_judged_without_crashing(value):
    problem = password_problem(value)
    assert problem is None or isinstance(problem, str)


@given(st.text(max_size=40))
def test_the_preview_never_crashes_and_never_accepts_the_past(text):
    message = preview_due_date(text, TODAY)
    parsed = parse_when(text, TODAY) if text.strip() else None
    if parsed is not None and parsed < TODAY:
        assert "in the past" in message
