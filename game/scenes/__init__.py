"""Scenes: a small state machine. Each scene names its successor through `next`."""
