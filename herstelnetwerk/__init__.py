"""The domain of a recovery network's website, without any site generator.

Data flows in stages, one subpackage each: ``loading`` reads and checks
``activities/*.yaml`` and expands the schedules; ``planning`` turns that into
the site plan (every page with its view, and the search records);
``outputs`` writes the feeds and search indexes beside the pages. ``reference``
makes the schemas and field docs for the people who write content, and
``settings`` says which folder and which day a run is about. Nothing here
imports MkDocs.
"""
