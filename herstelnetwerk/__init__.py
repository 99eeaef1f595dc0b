"""The domain of a recovery network's website, without any site generator.

Data flows ``activities/*.yaml`` -> ``catalog.load_catalog`` (read and check)
-> ``agenda`` (sessions per offering) -> ``views`` (the data each page shows),
and beside the pages ``outputs``: ``feeds`` (iCal) and ``search_index`` (from
``finder``'s search records). Nothing here imports MkDocs.
"""
