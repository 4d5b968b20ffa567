"""The Class view: a class that draws along from their phones."""
