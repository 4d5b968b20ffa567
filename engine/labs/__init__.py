"""Interactive labs (batch norm, gradient descent, curve fitting): each a stepper driven by `LabRunner`."""
