"""The engine's data layer: data sets, images users bring, augmentation, the learner's own digits."""
