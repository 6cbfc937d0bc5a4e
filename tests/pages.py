"""Small generated pages shared by the batch, CLI and Spark tests."""

from __future__ import annotations


def text_page(i: int, *, extra: str = "Share on Facebook  Share on Twitter") -> str:
    """A plain-text page: a menu, a newsletter line, a headline, two paragraphs, ``extra``, a footer."""
    return (
        "Home | News | Sport | Contact\n\nSubscribe to our newsletter\n\n"
        f"Story number {i}: the river rose again\n\n"
        f"The river rose again on day {i}, and the town council met in the evening to decide what to do "
        "about the old bridge, which has stood since 1890 and carries most of the traffic into the square.\n\n"
        "Engineers told the council that the bridge could stand another winter if heavy lorries were kept "
        "off it, but that a full repair would take at least two years and cost a great deal of money.\n\n"
        f"{extra}\n\nCopyright 2024 Example News. All rights reserved.\n"
    )


def html_page(i: int) -> bytes:
    """The same story as a small HTML page with navigation and a footer."""
    paragraphs = "".join(f"<p>{p}</p>" for p in text_page(i).split("\n\n")[3:5])
    return (
        f"<html><head><meta charset='utf-8'><title>Story {i}</title></head><body><nav><a href='/'>Home</a> "
        f"<a href='/n'>News</a></nav><article><h1>Story {i} – über</h1>{paragraphs}</article>"
        "<footer>Copyright 2024</footer></body></html>"
    ).encode()
