class DocumentError(Exception):
    """A document that cannot be read; the message is Vietnamese and says what to do."""

    def __init__(self, message: str, code: str = "unreadable"):
        super().__init__(message)
        self.message = message
        self.code = code
