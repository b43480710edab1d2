"""The columns of each research dataset: name, type and meaning, in one place.

The same table drives the CSV header, the Parquet schema and the datasheet, so the three
can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ColumnType = Literal["int", "float", "str", "bool", "timestamp"]


@dataclass(frozen=True, slots=True)
class Column:
    """One column of an exported dataset."""

    name: str
    type: ColumnType
    description: str
    personal: bool = False
    """True when the column names or identifies a person: pseudonymised by default."""


POSTS: tuple[Column, ...] = (
    Column("channel_id", "int", "Telegram id of the channel (public; empty when unknown)."),
    Column("channel_username", "str", "Public username of the channel, without @."),
    Column("message_id", "int", "Message id within the channel."),
    Column("url", "str", "Public t.me address of the post, when the channel has a username."),
    Column("date", "timestamp", "When the post was published (UTC)."),
    Column("edit_date", "timestamp", "When the post was last edited, when known (UTC)."),
    Column("edited", "bool", "Whether the post was ever edited."),
    Column("versions", "int", "How many texts the archive holds for this post."),
    Column("text", "str", "Current text; people's phone numbers and handles pseudonymised."),
    Column("media", "str", "Kinds of attached media, comma-separated (never the files)."),
    Column("views", "int", "View count when last read."),
    Column("forwards", "int", "Forward count when last read."),
    Column("forwarded_from", "str", "Channel the post was forwarded from (@name or id)."),
    Column("forwarded_from_name", "str", "Display name shown for the forward's origin.", True),
    Column("forwarded_message_id", "int", "Message id of the forwarded original."),
    Column("reply_to", "int", "Message id this post replies to."),
    Column("album_id", "str", "Album (media group) the post belongs to."),
    Column("signature", "str", "Author signature shown under the post.", True),
    Column("sender_id", "str", "Id of the person who sent it (group exports).", True),
    Column("sender_name", "str", "Name of the person who sent it (group exports).", True),
    Column("service", "str", "Action of a service message; empty for ordinary posts."),
    Column("truncated", "bool", "Text was cut to 64 KiB when archived."),
    Column("deleted", "bool", "The post was seen deleted from the channel."),
    Column("source", "str", "Where the post was read: webpreview, export or telethon."),
)

CHANNELS: tuple[Column, ...] = (
    Column("channel_id", "int", "Telegram id of the channel (public; empty when unknown)."),
    Column("username", "str", "Public username, without @."),
    Column("title", "str", "Title of the channel."),
    Column("about", "str", "Description of the channel; phone numbers and handles pseudonymised."),
    Column("subscribers", "int", "Subscriber count when last read."),
    Column("verified", "bool", "Telegram marks the channel as verified."),
    Column("scam", "bool", "Telegram marks the channel as a scam."),
    Column("fake", "bool", "Telegram marks the channel as fake."),
    Column("posts", "int", "Posts of the channel in the archive."),
    Column("first_seen", "timestamp", "When the archive first saw the channel (UTC)."),
)

EDGES: tuple[Column, ...] = (
    Column("source", "str", "Channel that posted (@name, or id:<telegram id>)."),
    Column("target", "str", "Channel or account forwarded from or mentioned."),
    Column("kind", "str", "forward (the post is a forward of target) or mention."),
    Column("weight", "int", "How many posts of source forward or mention target."),
)

DATASETS: dict[str, tuple[Column, ...]] = {"posts": POSTS, "channels": CHANNELS, "graph": EDGES}
