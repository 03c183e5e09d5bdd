"""Tables that stand in for a service's domain in the shared library's tests."""

from sqlmodel import Field, SQLModel


class Note(SQLModel, table=True):
    __tablename__ = "test_note"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=64)
    body: str


class HandledNote(SQLModel, table=True):
    """What a consumer writes: one row per handling, so double handling shows."""

    __tablename__ = "test_handled_note"

    id: int | None = Field(default=None, primary_key=True)
    consumer: str = Field(max_length=120, index=True)
    event_id: str = Field(max_length=64)
