"""The SQLite store: what goes in comes out; a key is written once; readers cannot write."""

import sqlite3

import pytest

from agents.memory.store import Episode, Step, connect, create_empty, freeze, read_episodes, write_episode


def episode(key: str, success: bool = True, seed: int = 0, retrieved=()) -> Episode:
    steps = [Step("at home", "s0", "act", {"command": "move herb1 meadow"}, "move herb1 meadow", "go", 0.0, True),
             Step("at herb1 meadow", "s1", "act", {"command": "gather"}, "gather", "", 10.0, False)]
    return Episode(key=key, world="w", task="t", options={"tier": 1}, seed=seed, model="m", agent="a",
                   goal="craft herb1 amulet", success=success, score=50.0, plan="gather, craft",
                   scores={"progress": 50.0}, tokens=7, steps=steps, retrieved=list(retrieved))


def test_a_written_episode_reads_back_whole(tmp_path):
    path = tmp_path / "m.sqlite"
    first = write_episode(path, episode("a"))
    second = write_episode(path, episode("b", success=False, seed=3, retrieved=[first, first]))
    back = read_episodes(path)
    assert [e.id for e in back] == [first, second] == [1, 2]
    assert back[0].steps == episode("a").steps and back[0].options == {"tier": 1} and back[0].plan == "gather, craft"
    assert back[1].retrieved == [1] and not back[1].success and back[1].seed == 3


def test_the_same_key_is_written_once(tmp_path):
    path = tmp_path / "m.sqlite"
    assert write_episode(path, episode("a")) == 1
    assert write_episode(path, episode("a")) is None
    assert len(read_episodes(path)) == 1


def test_a_reader_cannot_write_and_a_missing_store_is_an_error(tmp_path):
    path = tmp_path / "m.sqlite"
    create_empty(path)
    db = connect(path, write=False)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        db.execute("DELETE FROM episodes")
    db.close()
    with pytest.raises(FileNotFoundError):
        connect(tmp_path / "nowhere.sqlite", write=False)


def test_freeze_copies_and_drops_with_their_steps(tmp_path):
    path = tmp_path / "m.sqlite"
    for key in "abc":
        write_episode(path, episode(key))
    freeze(path, tmp_path / "all.sqlite")
    freeze(path, tmp_path / "some.sqlite", drop=[2])
    assert [e.key for e in read_episodes(tmp_path / "all.sqlite")] == ["a", "b", "c"]
    assert [e.key for e in read_episodes(tmp_path / "some.sqlite")] == ["a", "c"]
    db = connect(tmp_path / "some.sqlite", write=False)
    assert db.execute("SELECT COUNT(*) FROM steps").fetchone()[0] == 4
    db.close()


def test_the_same_writes_give_the_same_bytes(tmp_path):
    for name in ("one", "two"):
        for key in "abc":
            write_episode(tmp_path / f"{name}.sqlite", episode(key, retrieved=[1]))
    assert (tmp_path / "one.sqlite").read_bytes() == (tmp_path / "two.sqlite").read_bytes()
