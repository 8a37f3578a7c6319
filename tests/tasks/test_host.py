"""tasks/host.py: what a host changes in its process while it plays, and gives back after."""

import gc

from tasks.host import GC_THRESHOLD, fewer_collections


def test_collections_are_rarer_while_a_host_plays_and_as_before_after():
    before = gc.get_threshold()
    kept = [object()]  # loaded before the host plays: frozen out of the collector's scans
    with fewer_collections():
        assert gc.get_threshold() == GC_THRESHOLD
        assert gc.get_freeze_count() > 0
        cycle = []
        cycle.append(cycle)
        del cycle
        assert gc.collect() >= 1  # rarer is not never: a cycle made meanwhile is still collected
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
    assert kept
