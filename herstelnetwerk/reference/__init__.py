"""What is generated from the model for the people who write content: the JSON Schemas (``schema``) and the
field reference in docs/velden.md (``field_docs``)."""
