"""The Missions panel, its player of actions and `main.py missions verify`."""
