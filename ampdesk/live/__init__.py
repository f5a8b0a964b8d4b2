"""Live input from phones: the participant server and its headless runner (no Qt)."""
