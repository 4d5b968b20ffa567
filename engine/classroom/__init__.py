"""A class that draws along: the server students send digits to, and the class folder that keeps them."""
