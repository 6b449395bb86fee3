"""Chunked sample generation: flat memory at 10 M units, same data as one piece up to a chunk."""

from __future__ import annotations

import numpy as np
import pandas as pd

from personalroi.data.sample import generate, generate_chunks


def test_first_chunk_is_the_unchunked_sample() -> None:
    first = next(generate_chunks(2500, seed=3, chunk=1000))
    whole = generate(1000, seed=3)
    for name in ("visitors", "orders"):
        pd.testing.assert_frame_equal(
            pd.DataFrame(getattr(first, name)), pd.DataFrame(getattr(whole, name))
        )


def test_chunks_continue_ids_without_overlap() -> None:
    parts = list(generate_chunks(2500, seed=3, chunk=1000))
    assert [p.visitors["visitor_id"].size for p in parts] == [1000, 1000, 500]
    visitors = np.concatenate([p.visitors["visitor_id"] for p in parts])
    assert (visitors == np.arange(1, 2501)).all()
    orders = np.concatenate([p.orders["order_id"] for p in parts])
    assert (orders == np.arange(1, orders.size + 1)).all()
    for part, low in zip(parts, (1, 1001, 2001), strict=True):
        for frame in (part.orders, part.sessions, part.nps):
            ids = frame["visitor_id"]
            assert ((ids >= low) & (ids <= low + part.visitors["visitor_id"].size - 1)).all()
    # Later chunks are new draws, not copies of the first.
    assert not np.array_equal(parts[1].visitors["pre_revenue"], parts[0].visitors["pre_revenue"])
