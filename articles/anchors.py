"""Sentence anchors of the article page: every sentence a fact was drawn from gets an element
`id="s-<start>"` (its character offset in the text), so a provenance link elsewhere can jump
to `/articles/<id>/#s-<start>` and the page highlights it with CSS `:target` (no script)."""

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from articles.selectors import Segment


@dataclass
class Block:
    """A run of segments; `anchor` is the start of the sentence it is, or None between them."""

    anchor: int | None
    segments: list[Segment] = field(default_factory=list)


def sentence_spans(spans: Iterable[tuple[int, int]], *, length: int) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) sentence spans inside the text; of two overlapping
    spans the earlier is kept, so every anchor is unique."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if 0 <= start < end <= length and (not kept or start >= kept[-1][1]):
            kept.append((start, end))
    return kept


def sentence_blocks(segments: list[Segment], spans: list[tuple[int, int]]) -> list[Block]:
    """`segments` (which cover the text in order) grouped into sentence blocks and the text
    between them. Plain text is cut at sentence edges; a highlighted name stays whole in the
    block where it begins. Every character stays, in order, exactly once."""
    starts = [start for start, _ in spans]

    def anchor_at(position: int) -> int | None:
        i = bisect_right(starts, position) - 1
        return starts[i] if i >= 0 and position < spans[i][1] else None

    edges = sorted({edge for span in spans for edge in span})
    blocks: list[Block] = []

    def add(position: int, segment: Segment) -> None:
        anchor = anchor_at(position)
        if not blocks or blocks[-1].anchor != anchor:
            blocks.append(Block(anchor))
        blocks[-1].segments.append(segment)

    position = 0
    for segment in segments:
        end = position + len(segment.text)
        if segment.mention is not None:
            add(position, segment)
        else:
            cuts = [position] + [e for e in edges if position < e < end] + [end]
            for a, b in zip(cuts, cuts[1:], strict=False):
                add(a, Segment(segment.text[a - position : b - position]))
        position = end
    return blocks
