"""``python -m herstelnetwerk check`` checks the content; ``... schema`` writes the schemas."""

import sys

from .cli import main

sys.exit(main())
