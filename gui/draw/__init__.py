"""The Draw view: the canvas, the prediction, and the pages inside the network."""
