"""The domain of a recovery network's website, without any site generator.

Data flows ``activities/*.yaml`` -> ``catalog.load_catalog`` (read and check)
-> ``agenda`` (sessions per offering) -> ``feeds`` (iCal) and ``views`` (the
data each page shows). Nothing here imports MkDocs.
"""
