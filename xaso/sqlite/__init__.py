"""Django's SQLite backend, with write transactions taken in turn inside each server process."""
