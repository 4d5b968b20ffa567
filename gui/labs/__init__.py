"""The labs: each an experiment pane over an engine lab, run by the one lab worker."""
