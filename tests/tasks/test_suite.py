import pytest

from tasks.suite import SuiteError, load_suite, plan_episodes


def write(tmp_path, text):
    path = tmp_path / "suite.yaml"
    path.write_text(text)
    return str(path)


@pytest.mark.parametrize("name", ["smoke", "core", "full"])
def test_shipped_suites_load(name):
    suite = load_suite(name)
    assert suite.name == name and suite.tasks


def test_an_unknown_world_names_file_line_and_field(tmp_path):
    path = write(tmp_path, "name: s\ntasks:\n  - name: a\n    world: forge\n  - name: b\n    world: dungeon\n")
    with pytest.raises(SuiteError) as error:
        load_suite(path)
    message = str(error.value)
    assert f"{path}:6:" in message and "tasks.1.world" in message and "forge" in message


def test_an_unknown_field_is_refused(tmp_path):
    path = write(tmp_path, "name: s\ntasks:\n  - name: a\n    world: forge\n    sedes: [1]\n")
    with pytest.raises(SuiteError, match=r":5: field tasks\.0\.sedes"):
        load_suite(path)


def test_broken_yaml_names_the_line(tmp_path):
    path = write(tmp_path, "name: s\ntasks: [\n  - name: a\n")
    with pytest.raises(SuiteError, match=r"suite.yaml:\d+: not valid YAML"):
        load_suite(path)


def test_a_missing_suite_lists_the_shipped_ones():
    with pytest.raises(SuiteError, match="smoke"):
        load_suite("nonexistent-suite")


def test_plans_have_stable_unique_ids(tmp_path):
    path = write(tmp_path, "name: s\ntasks:\n  - {name: a, world: forge, seeds: {start: 3, count: 4}, repeats: 2}\n")
    suite = load_suite(path)
    first = plan_episodes(suite, [{"kind": "random"}], lambda a: a["kind"])
    again = plan_episodes(suite, [{"kind": "random"}], lambda a: a["kind"])
    assert [p.episode_id for p in first] == [p.episode_id for p in again]
    assert len({p.episode_id for p in first}) == 8
    assert sorted({p.seed for p in first}) == [3, 4, 5, 6]


def test_a_misspelt_option_names_the_line_and_the_valid_keys(tmp_path):
    path = write(tmp_path, "name: s\ntasks:\n  - name: a\n    world: forge\n    options: {tire: 2}\n")
    with pytest.raises(SuiteError, match=r":5: field tasks\.0\.options: unknown forge option 'tire'; options: tier, "
                                         r"variant, mode\. Did you mean 'tier'\?"):
        load_suite(path)
