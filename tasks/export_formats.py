"""What each `gamehall export --format` holds: read by the CLI's help without importing the exporters."""

FORMATS = {
    "chat-jsonl": "model calls only: the messages each model saw and its reply, one example per call "
    "(metadata.source = model_call, with mind, episode, score); no executor, forced or bot move is an "
    "assistant turn",
    "trajectory-jsonl": "one line per episode: every move of every seat in order, each with its actor "
    "(model:<mind>, executor, forced, bot, or another seat's controller)",
}
