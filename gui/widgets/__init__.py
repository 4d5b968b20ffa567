"""Plot items and small widgets the views share: labelled plots, live labels, histogram grids, GL views."""
