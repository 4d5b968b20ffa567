"""Views over a trained model: evaluation, histograms and the loss landscape."""
