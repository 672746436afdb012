"""Speedrun toolkit: timer formatting, replays and their verification, PBs, ghost, LiveSplit."""
