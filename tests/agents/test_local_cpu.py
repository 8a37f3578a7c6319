"""Whether llama.cpp's extra buffer types are used: decided from the CPU's flags (fake cpuinfo texts here)."""

from agents.local_cpu import ENV_FORCE, Memory, choose, cpu_fingerprint, cpu_flags

SAPPHIRE_RAPIDS = """processor\t: 0
vendor_id\t: GenuineIntel
model name\t: Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz
flags\t\t: fpu vme sse sse2 avx avx2 avx512f avx512bw amx_bf16 avx512_fp16 amx_tile amx_int8
"""
ZEN3 = """processor\t: 0
model name\t: AMD EPYC 7B13
flags\t\t: fpu sse sse2 avx avx2 fma
"""
GRAVITON = """processor\t: 0
Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm
CPU part\t: 0xd0c
"""


def test_amx_flags_turn_extra_buffer_types_off_and_say_why():
    choice = choose(SAPPHIRE_RAPIDS, {})
    assert choice.enabled is False
    assert "amx_bf16 amx_int8 amx_tile" in choice.reason


def test_cpus_without_amx_keep_weight_repacking():
    assert choose(ZEN3, {}).enabled is True
    assert choose(GRAVITON, {}).enabled is True
    assert "asimd" in cpu_flags(GRAVITON)


def test_the_environment_forces_either_way_and_beats_a_remembered_answer():
    assert choose(SAPPHIRE_RAPIDS, {ENV_FORCE: "1"}).enabled is True
    assert choose(ZEN3, {ENV_FORCE: "0"}, remembered=True).enabled is False
    assert choose(ZEN3, {}, remembered=False).enabled is False


def test_answers_are_remembered_per_cpu(tmp_path):
    memory = Memory(tmp_path / "local-model.json")
    assert memory.get(cpu_fingerprint(ZEN3)) is None
    memory.set(cpu_fingerprint(ZEN3), False)
    assert Memory(tmp_path / "local-model.json").get(cpu_fingerprint(ZEN3)) is False
    assert memory.get(cpu_fingerprint(SAPPHIRE_RAPIDS)) is None
    assert cpu_fingerprint(ZEN3) != cpu_fingerprint(GRAVITON)
    (tmp_path / "local-model.json").write_text("not json")
    assert memory.get(cpu_fingerprint(ZEN3)) is None
