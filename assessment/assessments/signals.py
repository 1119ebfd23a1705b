"""What the assessment tells the layers above it, without importing them.

The services send these once the change is committed; interfaces connect to them in their
AppConfig.ready(): reports queues PDF renders on completion, actions carries tracked work over to
a reassessment. The assessment layer never imports an interface (the import-linter contract).
"""

from __future__ import annotations

from django.dispatch import Signal

# kwargs: assessment (the completed row), actor (the user or None)
assessment_completed = Signal()
# kwargs: previous, reassessment, actor
assessment_reassessed = Signal()
