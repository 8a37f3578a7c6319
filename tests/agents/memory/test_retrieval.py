"""Retrieval on synthetic data: each method finds the known best match; equal scores go by id."""

from agents.memory.retrieval import RRF_K, Document, Retriever, fuse

# Twenty distractors about other things, and one document that is the right answer for every method.
DISTRACTORS = [Document((i, 0), f"sig-{i % 5}", f"gather wood{i} log at grove {i} then rest") for i in range(1, 21)]
TARGET = Document((42, 3), "sig-target", "craft herb1 amulet at alchemy lab with herb1 leaf")


def retriever() -> Retriever:
    return Retriever([*DISTRACTORS[:10], TARGET, *DISTRACTORS[10:]])


def test_exact_match_returns_only_the_same_signature_in_id_order():
    r = retriever()
    assert [h.document.id for h in r.exact("sig-target")] == [(42, 3)]
    assert [h.document.id for h in r.exact("sig-2")] == [(2, 0), (7, 0), (12, 0), (17, 0)]
    assert r.exact("no such state") == []


def test_bm25_ranks_the_document_sharing_the_rare_terms_first():
    hits = retriever().bm25("which recipe makes the herb1 amulet?")
    assert hits[0].document == TARGET and hits[0].score > 0
    assert all(h.document != TARGET for h in hits[1:])
    assert retriever().bm25("zebra") == []  # no shared term: nothing, not everything at score 0


def test_fused_puts_a_document_first_in_both_lists_on_top():
    hits = retriever().search("sig-target", "herb1 amulet", k=3)
    assert hits[0].document == TARGET
    assert hits[0].score == 2 / (RRF_K + 1)


def test_fusion_prefers_agreement_and_breaks_ties_by_id():
    a, b, c = (Document((n, 0), "", "") for n in (3, 1, 2))
    from agents.memory.retrieval import Hit

    fused = fuse([[Hit(a, 1), Hit(b, 1)], [Hit(b, 1), Hit(a, 1)], [Hit(c, 1)]])
    # a and b tie (ranks 1+2 each): the lower id, b = (1, 0), first; c (one list only) last
    assert [h.document.id for h in fused] == [(1, 0), (3, 0), (2, 0)]


def test_equal_bm25_scores_come_back_in_id_order_whatever_the_input_order():
    twins = [Document((n, 0), "", "craft plank") for n in (9, 4, 6)]
    assert [h.document.id for h in Retriever(twins).bm25("plank")] == [(4, 0), (6, 0), (9, 0)]
    assert [h.document.id for h in Retriever(list(reversed(twins))).search("", "plank", 2, "bm25")] == [(4, 0), (6, 0)]


def test_k_and_an_empty_index_bound_the_answer():
    assert retriever().search("sig-target", "herb1", k=0) == []
    assert Retriever([]).search("x", "herb1", k=4) == []
