"""Money is an int number of paise; these format it for people."""

from __future__ import annotations


def group_indian(rupees: int) -> str:
    """Group digits the Indian way: 1,00,00,000."""
    digits = str(abs(rupees))
    if len(digits) <= 3:
        grouped = digits
    else:
        head, tail = digits[:-3], digits[-3:]
        pairs = []
        while len(head) > 2:
            pairs.insert(0, head[-2:])
            head = head[:-2]
        if head:
            pairs.insert(0, head)
        grouped = ",".join(pairs) + "," + tail
    return ("-" if rupees < 0 else "") + grouped


def format_rupees(paise: int, *, with_paise: bool = True) -> str:
    """50000 -> '₹500.00'; 10000000 -> '₹1,00,000.00'."""
    if not isinstance(paise, int) or isinstance(paise, bool):
        raise TypeError("money is an int number of paise")
    rupees, rest = divmod(abs(paise), 100)
    sign = "-" if paise < 0 else ""
    text = f"{sign}₹{group_indian(rupees)}"
    return f"{text}.{rest:02d}" if with_paise else text
