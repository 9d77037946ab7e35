"""The budgeted child process (xaso.documents.sandbox): a result comes back, a reader's refusal keeps its code,
and a function past its CPU time or memory is stopped with the Vietnamese refusal, not the web process."""

import time

import pytest

from xaso.documents import DocumentError
from xaso.documents.sandbox import Budget, OverBudget, isolated, run

pytestmark = pytest.mark.skipif(not isolated(), reason="needs POSIX resource limits and a fork server")


def double(x):
    return 2 * x


def refuse():
    raise DocumentError("Tệp “a.docx” bị hỏng.", "bad_docx")


def spin():
    while True:
        pass


def hoard():
    return [bytearray(1 << 20) for _ in range(4096)]  # 4 GB


def test_a_result_comes_back_with_what_the_child_spent():
    result, usage = run(double, 21, name="a.docx", budget=Budget())
    assert result == 42 and usage.isolated and usage.cpu_seconds < 5


def test_a_refusal_keeps_its_message_and_code():
    with pytest.raises(DocumentError) as caught:
        run(refuse, name="a.docx", budget=Budget())
    assert (caught.value.code, caught.value.message) == ("bad_docx", "Tệp “a.docx” bị hỏng.")


@pytest.mark.parametrize("function,budget", [(spin, Budget(cpu_seconds=1)), (hoard, Budget(memory_mb=300))],
                         ids=["cpu", "memory"])
def test_past_the_budget_the_child_is_stopped_with_a_refusal(function, budget):
    started = time.monotonic()
    with pytest.raises(OverBudget) as caught:
        run(function, name="kh.docx", budget=budget)
    print(f"\n{function.__name__}: refused after {time.monotonic() - started:.2f} s")
    assert caught.value.code == "over_budget" and "quá lớn hoặc quá phức tạp để xử lý" in caught.value.message
    assert time.monotonic() - started < 20
