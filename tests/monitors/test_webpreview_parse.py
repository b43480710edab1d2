"""The web-preview parser against real saved markup: one test per post kind, whole pages
against counts taken by an independent parser, and hostile or broken input."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime

import pytest

from monitors import ChannelUnavailable, ForwardedFrom, MalformedInput, Post
from monitors.types import MAX_TEXT_BYTES
from monitors.webpreview import parse_channel, parse_page
from tests.telegram.webpreview_pages import fixture, snippet_page

TCHAN_ID = 1591537674


def snippet_post(name: str, *, username: str = "tchantest", html: str | None = None) -> Post:
    """The one post of a saved snippet, parsed inside the saved "no posts" page shell."""
    page = parse_page(
        snippet_page(html if html is not None else fixture(f"snippets/{name}")),
        where=name,
        username=username,
    )
    assert len(page.posts) == 1
    return page.posts[0]


def kinds(post: Post) -> list[str]:
    return [m.kind for m in post.media]


def entity_texts(post: Post, kind: str) -> list[str]:
    return [post.text[e.offset : e.offset + e.length] for e in post.entities if e.kind == kind]


def test_unsigned_text_message() -> None:
    post = snippet_post("parse_unsigned_text_message.html")
    assert post.message_id == 6
    assert post.text == "Unsigned message"
    assert post.date == datetime(2023, 2, 24, 7, 30, 39, tzinfo=UTC)
    assert post.views == 2
    assert (post.signature, post.edited, post.service, post.media) == (None, False, None, ())
    assert post.channel.id == TCHAN_ID
    assert post.url == "https://t.me/tchantest/6"


def test_signed_and_edited_message() -> None:
    post = snippet_post("parse_signed_edited_text_message.html")
    assert post.message_id == 5
    assert post.text == "Hello! Signed and edited message"
    assert post.signature == "Álvaro Justen"
    assert post.edited is True


def test_signed_not_edited_message() -> None:
    post = snippet_post("parse_text_message_signed_not_edited.html")
    assert (post.message_id, post.signature, post.edited) == (79, "Álvaro Justen", False)
    assert post.text == "Signed and not edited"


def test_line_breaks_become_newlines() -> None:
    post = snippet_post("parse_text_message_multiline.html")
    assert post.text == "Bigger\ntext\nmessage\nnumber\n34"


def test_emoji_is_kept_once_and_is_not_bold() -> None:
    post = snippet_post("parse_emoji_message.html")
    assert post.text == "👍"
    assert post.entities == ()


def test_forwarded_from_a_user() -> None:
    post = snippet_post("parse_forwarded_text_message.html")
    assert post.message_id == 89
    assert post.text == ";)"
    assert post.forwarded_from == ForwardedFrom(name="Some user", username="some_user")


def test_reply_to_keeps_only_own_text() -> None:
    post = snippet_post("parse_text_reply_to_video.html")
    assert post.reply_to == 19
    assert post.text == "Reply to a video (not recorded in telegram)"


def test_link_without_preview_is_a_url_entity() -> None:
    post = snippet_post("parse_text_message_link_no_preview.html")
    assert post.text == "This is a message with a link\n\nhttps://brasil.io/"
    [entity] = post.entities
    assert (entity.kind, entity.offset, entity.length) == ("url", 31, 18)
    assert entity.url == "https://brasil.io/"
    assert post.media == ()
    assert post.edited is True


def test_regular_link_preview() -> None:
    post = snippet_post("parse_text_message_link_with_regular_preview.html")
    url = (
        "https://agenciabrasil.ebc.com.br/justica/noticia/2022-08/"
        "operacao-guardioes-do-bioma-apreende-239-toneladas-de-minerio"
    )
    assert post.text == url
    assert [(m.kind, m.detail) for m in post.media] == [("link_preview", url)]
    assert post.views == 1


def test_right_image_link_preview() -> None:
    post = snippet_post("parse_text_message_link_with_right_preview.html")
    assert post.text == "link with preview https://python.org/"
    assert [(m.kind, m.detail) for m in post.media] == [("link_preview", "https://www.python.org/")]
    [entity] = post.entities
    assert (entity.kind, entity.offset, entity.url) == ("url", 18, "https://python.org/")


def test_rich_text_entities_and_link_preview() -> None:
    post = snippet_post("parse_message_weird_preview.html", username="CamaradosDeputados")
    assert post.message_id == 7334
    assert post.channel.id == 1133150112
    assert post.views == 1200
    assert post.edited is True
    assert post.text.startswith("_\n\n✍️ CÂMARA APROVA\n_")
    assert post.text.endswith("clicando aqui! \n____")
    assert post.text.count("🔸") == 3
    assert entity_texts(post, "hashtag") == [
        "#Punição_ampliada",
        "#Poda_de_árvores",
        "#Tarifas_de_transmissão",
    ]
    links = [e for e in post.entities if e.kind == "text_link"]
    assert len(links) == 7
    assert links[0].url == "http://bit.ly/3Tq1C4G"
    assert entity_texts(post, "text_link")[0].startswith("Projeto que aumenta penas")
    assert entity_texts(post, "bold") == ["✍️ CÂMARA APROVA\n_\n\n\n"]
    assert "onclick" not in post.text and "<" not in post.text
    assert [(m.kind, m.detail) for m in post.media] == [("link_preview", "http://bit.ly/3Tq1C4G")]


def test_album_of_videos_and_photos_is_one_post() -> None:
    post = snippet_post("parse_multimedia_message.html")
    assert post.message_id == 84
    assert post.album_id == "84g"
    assert [(m.kind, m.duration) for m in post.media] == [
        ("video", 27),
        ("photo", None),
        ("video", 8),
        ("photo", None),
    ]
    assert post.text == "Multiple videos and pictures"
    assert post.views == 436_600


def test_album_of_photos() -> None:
    post = snippet_post("parse_photo_multiple.html")
    assert (post.message_id, post.album_id, kinds(post)) == (14, "14g", ["photo", "photo"])
    assert post.text == "Multiple pics"


def test_single_photo() -> None:
    post = snippet_post("parse_photo_single.html")
    assert (post.message_id, post.album_id, kinds(post)) == (16, None, ["photo"])
    assert post.text == "Picture by telegram camera"


@pytest.mark.parametrize(
    ("name", "message_id", "duration", "text"),
    [
        ("parse_video_single.html", 18, 6, "Video by telegram camera"),
        ("parse_video_single_2.html", 19, 27, ""),
    ],
)
def test_single_video(name: str, message_id: int, duration: int, text: str) -> None:
    post = snippet_post(name)
    assert post.message_id == message_id
    assert [(m.kind, m.duration) for m in post.media] == [("video", duration)]
    assert post.text == text


def test_video_too_big_without_video_tag() -> None:
    post = snippet_post("parse_video_big.html", username="some_random_user")
    assert post.message_id == 5343
    assert [(m.kind, m.duration) for m in post.media] == [("video", 52)]
    assert post.text == "some text"
    assert post.views == 436_600
    assert post.channel.id == 1273465589


def test_round_video() -> None:
    post = snippet_post("parse_round_video_single.html")
    assert [(m.kind, m.duration) for m in post.media] == [("round_video", 5)]
    assert post.message_id == 17


def test_voice_message() -> None:
    post = snippet_post("parse_audio_message.html")
    assert [(m.kind, m.duration) for m in post.media] == [("voice", 1)]
    assert post.text == ""


def test_audio_document() -> None:
    post = snippet_post("parse_audio_document.html")
    assert [(m.kind, m.detail) for m in post.media] == [("audio", "AUD-20130329-WA0000")]
    assert post.text == "Povo hebreu"


def test_sticker() -> None:
    post = snippet_post("parse_sticker_message.html")
    assert (post.message_id, kinds(post), post.text) == (9, ["sticker"], "")


def test_poll_question() -> None:
    post = snippet_post("parse_poll.html")
    assert [(m.kind, m.detail) for m in post.media] == [
        ("poll", "Let's do a quick poll quizz mode")
    ]
    assert post.views == 2


@pytest.mark.parametrize(
    ("name", "message_id", "where"),
    [
        ("parse_location_message.html", 10, "-23.930587176407,-44.086305367818"),
        ("parse_location_message_2.html", 83, "-23.532363086523,-46.689620092745"),
        ("parse_location_message_3.html", 88, "-23.531972140424,-46.689076113848"),
    ],
)
def test_location(name: str, message_id: int, where: str) -> None:
    post = snippet_post(name)
    assert post.message_id == message_id
    assert [(m.kind, m.detail) for m in post.media] == [("location", where)]


@pytest.mark.parametrize(
    ("name", "message_id", "action", "text"),
    [
        ("parse_service_message_channel_created.html", 1, "create_channel", "Channel created"),
        (
            "parse_service_message_channel_name_changed.html",
            2,
            "edit_group_title",
            "Channel name was changed to «tchan's test channel»",
        ),
        (
            "parse_service_message_channel_photo_updated.html",
            3,
            "edit_group_photo",
            "Channel photo updated",
        ),
        (
            "parse_service_message_pinned.html",
            92,
            "pin_message",
            "tchan's test channel 👍 pinned «Going to pin this message»",
        ),
    ],
)
def test_service_messages(name: str, message_id: int, action: str, text: str) -> None:
    post = snippet_post(name)
    assert (post.message_id, post.service, post.text) == (message_id, action, text)
    assert post.views is None


def test_channel_photo_update_keeps_the_photo() -> None:
    assert kinds(snippet_post("parse_service_message_channel_photo_updated.html")) == ["photo"]


def test_channel_video_snippet_is_an_ordinary_post() -> None:
    """The saved "channel video changed" post has no service_message class and has views:
    it is a text post quoting the phrase, and must not be mistaken for a service message."""
    post = snippet_post("parse_service_message_channel_video_changed.html")
    assert post.service is None
    assert post.text == '+ "Channel video changed"'
    assert post.views == 3_100_000


def test_channel_video_service_message() -> None:
    html = fixture("snippets/parse_service_message_channel_created.html").replace(
        "Channel created", "Channel video updated"
    )
    post = snippet_post("channel_video_updated", html=html)
    assert post.service == "edit_group_photo"


def test_pinned_detection_ignores_a_title_that_looks_like_an_action() -> None:
    html = fixture("snippets/parse_service_message_pinned.html").replace(
        "Going to pin this message", "Channel created"
    )
    assert snippet_post("pin_message", html=html).service == "pin_message"


def test_no_posts_found_page_is_empty() -> None:
    page = parse_page(fixture("snippets/parse_no_posts_found.html"), where="x", username="x_chan")
    assert page.posts == ()
    assert page.older_before is None
    assert page.channel.username == "x_chan"


def test_channel_header_from_meta_tags() -> None:
    channel = parse_channel(fixture("snippets/channel_info.html"), where="channel_info")
    assert channel.username == "tchantest"
    assert channel.title == "tchan's test channel 👍"
    assert channel.about == "Test channel for tchan Python library/CLI"
    assert channel.subscribers == 1
    assert channel.id is None
    assert (channel.verified, channel.scam, channel.fake) == (False, False, False)


def test_data_view_id_with_bot_api_prefix_is_stored_without_it() -> None:
    html = fixture("snippets/parse_unsigned_text_message.html")
    old_view = html.split('data-view="')[1].split('"')[0]
    view = json.loads(base64.urlsafe_b64decode(old_view + "=" * (-len(old_view) % 4)))
    view["c"] = -1001591537674
    new_view = base64.urlsafe_b64encode(json.dumps(view).encode()).decode().rstrip("=")
    post = snippet_post("prefixed", html=html.replace(old_view, new_view))
    assert post.channel.id == TCHAN_ID


# Whole pages, checked against expected.json (counts from an independent parser).

EXPECTED = json.loads(fixture("expected.json"))


@pytest.mark.parametrize("name", ["telegram.html", "sudpress53.html"])
def test_whole_page_matches_independent_counts(name: str) -> None:
    expected = EXPECTED[name]
    page = parse_page(fixture(name), where=name, username=expected["channel"])
    posts = page.posts
    assert page.channel.username == expected["channel"]
    assert [p.message_id for p in posts] == expected["post_ids"]
    assert len(posts) == expected["posts"]
    assert sum(1 for p in posts if p.text) == expected["posts_with_text"]
    assert sum(1 for p in posts if p.views is not None) == expected["posts_with_views"]
    assert posts[0].date.isoformat() == expected["first_datetime"]
    assert posts[-1].date.isoformat() == expected["last_datetime"]
    assert sum(1 for p in posts if p.forwarded_from) == expected["posts_forwarded"]
    assert sum(1 for p in posts if "photo" in kinds(p)) == expected["posts_with_photo"]
    assert sum(1 for p in posts if "video" in kinds(p)) == expected["posts_with_video"]
    assert sum(kinds(p).count("photo") for p in posts) == expected["photo_elements"]
    assert sum(kinds(p).count("video") for p in posts) == expected["video_player_elements"]
    assert page.older_before == int(expected["pagination"]["data_before"][0])
    assert all(p.date.tzinfo is not None and p.channel is page.channel for p in posts)


def test_telegram_page_channel_and_posts() -> None:
    page = parse_page(fixture("telegram.html"), where="telegram.html")
    channel = page.channel
    assert (channel.id, channel.username, channel.title) == (
        1005640892,
        "telegram",
        "Telegram News",
    )
    assert channel.subscribers == 10_700_000
    assert channel.verified is True
    assert channel.about == "The official Telegram on Telegram. Much recursion. Very Telegram. Wow."
    first = page.posts[0]
    assert first.views == 2_380_000
    assert first.text.startswith("Profile Audio in Stories. When posting a story")
    assert entity_texts(first, "bold")[:2] == ["Profile", "Audio in Stories."]
    links = [e.url for e in first.entities if e.kind == "text_link"]
    assert links[0] == "https://t.me/telegram/402"
    edited = [p.message_id for p in page.posts if p.edited]
    assert edited == [427, 429, 430, 431, 432, 433, 439]
    happy = next(p for p in page.posts if p.message_id == 423)
    assert "🎁\u00a0Collectible Gifts\n📞 Secure Group Calls" in happy.text


def test_sudpress_page_forwards_album_and_description() -> None:
    page = parse_page(fixture("sudpress53.html"), where="sudpress53.html")
    channel = page.channel
    assert (channel.id, channel.subscribers, channel.verified) == (1658393576, 578, False)
    assert channel.about is not None
    assert channel.about.startswith("Официальная страница")
    assert "\nСайт: http://oblsud.nvg.sudrf.ru/\n" in channel.about
    by_id = {p.message_id: p for p in page.posts}
    assert by_id[6510].forwarded_from == ForwardedFrom(
        name="Верховный Суд России", username="sovetsudey", message_id=1167
    )
    assert by_id[6529].forwarded_from is not None
    assert by_id[6529].forwarded_from.message_id == 1238
    album = by_id[6517]
    assert album.album_id == "6517g"
    assert kinds(album) == ["video"] + ["photo"] * 7
    assert album.text == ""
    assert [(m.kind, m.duration) for m in by_id[6511].media] == [("video", 37)]
    assert entity_texts(by_id[6529], "blockquote")[0].startswith("Финансовый уполномоченный")


# Hostile and broken input.


def unsigned_with_text(body: str) -> str:
    return fixture("snippets/parse_unsigned_text_message.html").replace("Unsigned message", body)


def test_escaped_script_stays_plain_text() -> None:
    post = snippet_post("x", html=unsigned_with_text("&lt;script&gt;alert(1)&lt;/script&gt;"))
    assert post.text == "<script>alert(1)</script>"
    assert post.entities == ()


def test_script_element_contributes_no_text() -> None:
    post = snippet_post("x", html=unsigned_with_text("<script>alert(1)</script>visible"))
    assert post.text == "visible"


def test_oversized_post_is_truncated_and_flagged() -> None:
    post = snippet_post("x", html=unsigned_with_text("<b>" + "€" * 40_000 + "</b>"))
    assert post.truncated is True
    assert len(post.text.encode()) <= MAX_TEXT_BYTES
    assert post.text == "€" * (MAX_TEXT_BYTES // 3)
    [bold] = post.entities
    assert (bold.kind, bold.offset, bold.length) == ("bold", 0, len(post.text))


def test_post_at_the_size_bound_is_not_flagged() -> None:
    post = snippet_post("x", html=unsigned_with_text("a" * MAX_TEXT_BYTES))
    assert (post.truncated, len(post.text)) == (False, MAX_TEXT_BYTES)


def test_deep_nesting_does_not_exhaust_the_stack() -> None:
    depth = 20_000
    post = snippet_post("x", html=unsigned_with_text("<span>" * depth + "deep" + "</span>" * depth))
    assert post.text == "deep"


def test_post_without_id_raises_naming_page_and_position() -> None:
    html = fixture("snippets/parse_unsigned_text_message.html").replace(
        'data-post="tchantest/6"', ""
    )
    with pytest.raises(MalformedInput) as caught:
        parse_page(snippet_page(html), where="/s/tchantest", username="tchantest")
    assert caught.value.where == "/s/tchantest post #1"
    assert "data-post" in caught.value.problem


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('<time datetime="2023-02-24T07:30:39+00:00" class="time">', "<time>", "no date"),
        ("2023-02-24T07:30:39+00:00", "2023-02-24T07:30:39", "no time zone"),
        ("2023-02-24T07:30:39+00:00", "yesterday", "not an ISO date"),
    ],
)
def test_post_with_bad_date_raises(old: str, new: str, problem: str) -> None:
    html = fixture("snippets/parse_unsigned_text_message.html").replace(old, new)
    with pytest.raises(MalformedInput) as caught:
        parse_page(snippet_page(html), where="/s/tchantest", username="tchantest")
    assert caught.value.where == "/s/tchantest post #1 (tchantest/6)"
    assert problem in caught.value.problem


def test_page_without_message_history_is_unavailable() -> None:
    with pytest.raises(ChannelUnavailable) as caught:
        parse_page(
            fixture("snippets/channel_info.html"), where="/s/tchantest", username="tchantest"
        )
    assert caught.value.username == "tchantest"


def test_scam_and_fake_labels_are_read_from_the_label_area() -> None:
    """Saved pages only show the verified mark; the scam and fake labels are read by their
    word in the same label area, which this rebuilt header exercises."""
    page = fixture("telegram.html")
    verified = '<i class="verified-icon"> ✔</i>'
    assert page.count(verified) == 2
    scam = parse_channel(page.replace(verified, '<span class="scam-label">SCAM</span>'), where="x")
    fake = parse_channel(page.replace(verified, '<span class="fake-label">FAKE</span>'), where="x")
    assert (scam.scam, scam.fake, scam.verified) == (True, False, False)
    assert (fake.scam, fake.fake, fake.verified) == (False, True, False)


def test_entity_kinds_in_a_real_post() -> None:
    body = (
        '<a href="https://t.me/dealer_nl">@dealer_nl</a> '
        '<a href="mailto:x@example.nl">x@example.nl</a> '
        '<a href="?q=%24BTC">$BTC</a> <code>code</code> <s>gone</s> <u>under</u> '
        '<span class="tg-spoiler">secret</span> <i>slanted</i>'
    )
    post = snippet_post("x", html=unsigned_with_text(body))
    assert post.text == "@dealer_nl x@example.nl $BTC code gone under secret slanted"
    found = {(e.kind, post.text[e.offset : e.offset + e.length], e.url) for e in post.entities}
    assert found == {
        ("mention", "@dealer_nl", "https://t.me/dealer_nl"),
        ("email", "x@example.nl", "mailto:x@example.nl"),
        ("cashtag", "$BTC", None),
        ("code", "code", None),
        ("strikethrough", "gone", None),
        ("underline", "under", None),
        ("spoiler", "secret", None),
        ("italic", "slanted", None),
    }


def test_forward_from_a_private_link_keeps_only_the_name() -> None:
    html = fixture("snippets/parse_forwarded_text_message.html").replace(
        "https://t.me/some_user", "https://t.me/c/1234567/89"
    )
    post = snippet_post("x", html=html)
    assert post.forwarded_from == ForwardedFrom(name="Some user")


def test_reply_into_another_chat_is_not_a_reply_id() -> None:
    html = fixture("snippets/parse_text_reply_to_video.html").replace(
        "https://t.me/tchantest/19", "https://t.me/otherchannel/19"
    )
    assert snippet_post("x", html=html).reply_to is None


def test_post_the_preview_cannot_show_is_marked_unsupported() -> None:
    html = fixture("snippets/parse_sticker_message.html")
    start = html.index('<div class="tgme_widget_message_sticker_wrap')
    end = html.index('<div class="tgme_widget_message_footer')
    post = snippet_post("x", html=html[:start] + html[end:])
    assert [(m.kind, m.detail) for m in post.media] == [
        ("unsupported", "This media is not supported in your browser")
    ]
