"""Reading and checking the content folder: YAML as text with line numbers, the model, the checks, and the
schedules expanded into sessions. ``catalog.load_catalog`` is the way in; a mistake is a ``ContentError``."""
