"""The Textual TUI: watch live runs, replay logs, leaderboard, a human seat."""
