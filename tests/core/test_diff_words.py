"""word_diff: intraline opcodes that rebuild both texts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from recviewer.core.diff import tokenize, word_diff
from recviewer.core.diff.words import changed_words


def _sides(ops):
    a = "".join(t for op, t in ops if op in ("equal", "delete"))
    b = "".join(t for op, t in ops if op in ("equal", "insert"))
    return a, b


def test_single_inserted_word():
    ops = word_diff("The Sun is referred to as Sol in Latin.",
                    "The Sun is commonly referred to as Sol in Latin.")
    assert ops == [("equal", "The Sun is "), ("insert", "commonly "),
                   ("equal", "referred to as Sol in Latin.")]


def test_replacement_of_several_words_is_one_change():
    ops = word_diff("a b c end", "x y z end")
    assert ops == [("delete", "a b c"), ("insert", "x y z"), ("equal", " end")]


def test_equal_and_empty_texts():
    assert word_diff("same", "same") == [("equal", "same")]
    assert word_diff("", "") == []
    assert word_diff("", "new") == [("insert", "new")]
    assert word_diff("old", "") == [("delete", "old")]


def test_numbers_and_ids_are_whole_tokens():
    assert tokenize("score: 0.0743 file-637242804955.") == [
        "score", ":", " ", "0.0743", " ", "file-637242804955", "."]
    ops = word_diff("id file-1234567 here", "id file-7654321 here")
    assert ("delete", "file-1234567") in ops and ("insert", "file-7654321") in ops


def test_changed_words_helper():
    ops = word_diff("The Latin name for the Sun is Sol.", "The Latin word for the Sun is Sol.")
    assert changed_words(ops) == ("name", "word")


def test_long_texts_use_the_line_fallback_and_still_rebuild():
    a = "\n".join(f"line {i} says word{i % 7} and more" for i in range(3000))
    b = a.replace("line 1500 says", "line 1500 now says")
    ops = word_diff(a, b)
    assert _sides(ops) == (a, b)
    assert ("insert", "now ") in ops or any(op == "insert" and "now" in t for op, t in ops)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab .,\n-0123", max_size=60), st.text(alphabet="ab .,\n-0123", max_size=60))
def test_opcodes_rebuild_both_texts(a, b):
    ops = word_diff(a, b)
    assert _sides(ops) == (a, b)
    assert all(t for _, t in ops)  # no empty segments
    assert all(x[0] != y[0] for x, y in zip(ops, ops[1:]))  # merged runs


@given(st.text(max_size=80))
def test_tokens_rebuild_the_text(text):
    assert "".join(tokenize(text)) == text


def test_a_swapped_id_inside_a_changed_text_is_noise_the_rest_is_not():
    from recviewer.core.diff.noise import DEFAULT_RULES

    ops = word_diff("Created file-abc123def4 for you.", "Created file-9f8e7d6c5b for you, done.")
    noisy = DEFAULT_RULES.noisy_word_changes(ops)
    assert {ops[i] for i in noisy} == {("delete", "file-abc123def4"), ("insert", "file-9f8e7d6c5b")}
    real = [op for i, op in enumerate(ops) if op[0] != "equal" and i not in noisy]
    assert real and all("file-" not in text for _, text in real)


def test_a_changed_word_is_never_noise():
    from recviewer.core.diff.noise import DEFAULT_RULES

    ops = word_diff("the weather is sunny", "the weather is rainy")
    assert DEFAULT_RULES.noisy_word_changes(ops) == frozenset()
