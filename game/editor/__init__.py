"""The level editor: a document model that keeps what the modder wrote (document.py),
reversible operations on it (operations.py), and the scenes that show and drive them."""
