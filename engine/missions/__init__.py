"""Missions: lessons over the seeds' ideas that check the learner's live work (Qt-free)."""
