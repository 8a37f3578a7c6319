"""The local model's worker process: crashes, bad files and out-of-memory loads become one clear line.

The worker runs a fake engine (tests/agents/fake_engine.py) except where the real llama.cpp load of a
garbage GGUF is the point.
"""

import threading

import pytest

from agents.local import LocalModel, local_completion
from agents.local_cpu import Memory, cpu_fingerprint
from agents.local_process import LocalModelError
from tests.agents.test_local_cpu import SAPPHIRE_RAPIDS, ZEN3

ACT = {"type": "function", "function": {"name": "act", "parameters": {
    "type": "object", "required": ["command"], "properties": {"command": {"type": "string"}}}}}
REQUEST = {"prompt": "<start_of_turn>user\nMove?<end_of_turn>\n<start_of_turn>model\n", "tools": [ACT],
           "tool_choice": {"type": "function", "function": {"name": "act"}}, "params": {}}


@pytest.fixture
def fake(monkeypatch, tmp_path):
    gguf = tmp_path / "model.gguf"
    gguf.write_bytes(b"GGUF")
    monkeypatch.setenv("GAMEHALL_LOCAL_ENGINE", "tests.agents.fake_engine:load")
    monkeypatch.setenv("GAMEHALL_LOCAL_MODEL", str(gguf))
    monkeypatch.setenv("GAMEHALL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GAMEHALL_LLAMA_EXTRA_BUFTS", raising=False)
    monkeypatch.delenv("GAMEHALL_VERBOSE", raising=False)
    models: list[LocalModel] = []

    def make(mode: str, cpuinfo: str = ZEN3) -> LocalModel:
        monkeypatch.setenv("FAKE_ENGINE", mode)
        models.append(LocalModel(cpuinfo=cpuinfo))
        return models[-1]

    yield make
    for model in models:
        model.close()


def test_a_request_goes_through_the_worker_and_back(fake):
    reply = fake("ok").complete(REQUEST, threading.Event())
    assert reply["call"] == ["act", {"command": f"echo {len(REQUEST['prompt'])}"}]
    assert reply["tokens_cached"] == len(REQUEST["prompt"]) // 2


def test_a_crash_with_extra_buffer_types_is_retried_without_them_and_remembered(fake, tmp_path):
    model = fake("crash-with-extra", ZEN3)
    assert model.choice.enabled is True
    assert model.complete(REQUEST, threading.Event())["call"][0] == "act"
    assert model.choice.enabled is False
    assert Memory(tmp_path / "cache" / "local-model.json").get(cpu_fingerprint(ZEN3)) is False
    assert fake("crash-with-extra", ZEN3).choice.enabled is False  # the next process starts with them off


def test_amx_cpus_start_without_extra_buffer_types(fake):
    model = fake("crash-with-extra", SAPPHIRE_RAPIDS)
    assert model.choice.enabled is False
    assert model.complete(REQUEST, threading.Event())["tokens_out"] == 3


def test_a_native_crash_is_one_line_naming_the_signal(fake):
    model = fake("crash", SAPPHIRE_RAPIDS)
    with pytest.raises(LocalModelError) as caught:
        model.complete(REQUEST, threading.Event())
    message = str(caught.value)
    assert "SIGSEGV" in message and "native crash" in message and "\n" not in message


def test_a_crash_while_loading_and_an_out_of_memory_load_fail_clearly(fake):
    with pytest.raises(LocalModelError, match="died while loading: SIGSEGV"):
        fake("crash-load", SAPPHIRE_RAPIDS).complete(REQUEST, threading.Event())
    model = fake("oom", SAPPHIRE_RAPIDS)
    with pytest.raises(LocalModelError, match="not enough memory to load"):
        model.complete(REQUEST, threading.Event())
    with pytest.raises(LocalModelError, match="not enough memory"):  # remembered: no second load
        model.complete(REQUEST, threading.Event())


def test_a_cancelled_call_returns_at_once_and_the_worker_serves_the_next(fake):
    model = fake("slow")
    cancelled = threading.Event()
    threading.Timer(0.2, cancelled.set).start()
    with pytest.raises(TimeoutError):
        model.complete(REQUEST, cancelled)


def test_a_missing_model_file_is_named(fake, monkeypatch, tmp_path):
    monkeypatch.setenv("GAMEHALL_LOCAL_MODEL", str(tmp_path / "nowhere.gguf"))
    with pytest.raises(LocalModelError, match="GAMEHALL_LOCAL_MODEL=.*nowhere.gguf: no such file"):
        fake("ok").complete(REQUEST, threading.Event())


def test_a_garbage_gguf_is_refused_by_the_real_llama_cpp_in_one_line(monkeypatch, tmp_path):
    pytest.importorskip("llama_cpp")
    garbage = tmp_path / "garbage.gguf"
    garbage.write_bytes(b"this is not a model\n" * 100)
    monkeypatch.setenv("GAMEHALL_LOCAL_MODEL", str(garbage))
    monkeypatch.setenv("GAMEHALL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("GAMEHALL_LOCAL_ENGINE", raising=False)
    model = LocalModel(cpuinfo=SAPPHIRE_RAPIDS)
    try:
        with pytest.raises(LocalModelError) as caught:
            model.complete(REQUEST, threading.Event())
    finally:
        model.close()
    message = str(caught.value)
    assert f"cannot load {garbage}" in message and "\n" not in message


async def test_local_completion_has_the_litellm_shape_with_cached_tokens(fake, monkeypatch):
    import agents.local as local

    monkeypatch.setattr(local, "_model", fake("ok"))
    response = await local_completion(model="local/gemma-3-270m", messages=[{"role": "user", "content": "Move?"}],
                                      tools=[ACT], tool_choice=REQUEST["tool_choice"], max_tokens=8)
    assert response.choices[0].message.tool_calls[0].function.name == "act"
    assert response.usage.prompt_tokens_details.cached_tokens == response.usage.prompt_tokens // 2
    with pytest.raises(LocalModelError, match="unknown local model"):
        await local_completion(model="local/gpt-5", messages=[])
