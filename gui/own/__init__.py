"""The learner's own digits: the collection gallery and fine-tuning on it."""
