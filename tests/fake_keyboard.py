"""A stand-in for the keyboard's state: the keys a test holds down, as pygame.key.get_pressed
reports them. Put it in with `monkeypatch.setattr(pygame.key, "get_pressed", keys.get_pressed)`."""

from __future__ import annotations


class FakeKeyboard:
    def __init__(self):
        self.down: set[int] = set()

    def get_pressed(self):
        down = self.down

        class Pressed:
            def __getitem__(self, key: int) -> bool:
                return key in down

        return Pressed()
