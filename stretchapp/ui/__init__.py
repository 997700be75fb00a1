"""Qt widgets: they show the core's state and forward what the user asks."""
