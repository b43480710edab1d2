"""Every text the web inbox shows, one module per language, for translators.

English is here; Dutch is in :mod:`inbox.web.texts_nl` with the same keys (a test checks).
Placeholders are ``%s`` (``%d``, ``%.2f``) filled by the templates' ``format`` filter; the
result is escaped like any other value. The language follows the browser's
``Accept-Language``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from inbox.web.texts_nl import DUTCH

DEFAULT_LANGUAGE = "en"
_MAX_HEADER_CHARS = 512

ENGLISH: Mapping[str, str] = {
    # Navigation and log-in
    "nav_label": "Main",
    "nav_queue": "Queue",
    "nav_exports": "Exports",
    "nav_transparency": "Transparency report",
    "logout": "Log out",
    "role_investigator": "investigator",
    "role_researcher": "researcher",
    "role_admin": "admin",
    "login_title": "Log in",
    "login_intro": "The Meldpunt inbox for investigators, researchers and administrators.",
    "login_name": "User name",
    "login_password": "Password",
    "login_submit": "Log in",
    "login_failed": "That user name and password do not match an active account.",
    "login_throttled": "Too many attempts from your address. Wait a minute and try again.",
    "login_expired": "The form had expired. Please log in again.",
    # Errors
    "error_back": "Back to the start",
    "error_400": "The request could not be handled",
    "error_403": "Not allowed",
    "error_404": "Not found",
    "error_409": "That cannot be done now",
    "error_422": "Please check what you entered",
    "error_429": "Too many requests",
    "error_csrf": "The form could not be accepted. Reload the page and try again.",
    "error_role": "Your role does not allow this page or action.",
    "error_no_case": "There is no case with this number.",
    # Words for values
    "priority_low": "low",
    "priority_normal": "normal",
    "priority_high": "high",
    "priority_urgent": "urgent",
    "status_new": "new",
    "status_in_review": "in review",
    "status_escalated": "escalated",
    "status_actioned": "actioned",
    "status_dismissed": "dismissed",
    "status_closed": "closed",
    "category_drugs": "drugs",
    "category_weapons": "weapons",
    "category_documents": "fake documents",
    "category_counterfeit_money": "counterfeit money",
    "category_stolen_data": "stolen data",
    "category_medicines": "medicines",
    "category_fireworks": "fireworks",
    "category_other_illegal": "other illegal",
    "category_none": "not yet known",
    "source_citizen": "citizen",
    "source_monitor": "monitoring",
    "source_trusted_flagger": "trusted flagger",
    "source_authority": "authority",
    "target_police": "police",
    "target_regulator": "regulator",
    "target_platform": "platform (Telegram)",
    "enrichment_channel_only": "channel only",
    "enrichment_pending": "post being fetched",
    "enrichment_attached": "post preserved",
    "enrichment_not_found": "post not found",
    "enrichment_unavailable": "private post not in the archive",
    "enrichment_failed": "fetching the post failed",
    # Service levels
    "sla_decided": "decided",
    "sla_overdue": "overdue",
    "sla_overdue_by": "overdue by %s",
    "sla_due_in": "due in %s",
    # Queue
    "queue_title": "Queue",
    "queue_intro": "Open cases, most urgent first, then the soonest due.",
    "queue_empty": "No cases match these filters.",
    "filter_status": "Status",
    "filter_open": "all open",
    "filter_category": "Category",
    "filter_any": "any",
    "filter_source": "Source",
    "filter_overdue": "overdue only",
    "filter_apply": "Filter",
    "filter_reset": "Reset",
    "col_priority": "Priority",
    "col_case": "Case",
    "col_channel": "Channel",
    "col_category": "Category",
    "col_status": "Status",
    "col_source": "Source",
    "col_due": "Due",
    "col_notices": "Notices",
    "col_notices_title": "notices: %d · reporters: %d · posts: %d",
    "col_assignee": "Assignee",
    "pager_label": "Pages",
    "pager_previous": "Previous",
    "pager_next": "Next",
    "pager_showing": "cases %d to %d",
    # Case page
    "done_claimed": "The case is yours now.",
    "done_escalated": "The case was escalated.",
    "done_actioned": "Recorded that the content was acted on.",
    "done_dismissed": "The case was dismissed.",
    "done_closed": "The case was closed.",
    "case_open_channel": "Open channel on Telegram",
    "case_posts": "Posts",
    "case_no_posts": "No post is attached: the notices name the channel only, or the post "
    "could not be fetched.",
    "post_message": "message %s",
    "post_edited": "edited",
    "post_forwarded": "forwarded from %s",
    "post_media": "media: %s",
    "post_views": "%s views",
    "post_deleted": "deleted %s",
    "post_analysis": "Analysis",
    "post_offer": "offer",
    "post_no_offer": "no offer",
    "post_score": "score %.2f",
    "span_product": "product",
    "span_price": "price",
    "span_quantity": "quantity",
    "span_contact": "contact",
    "span_payment": "payment",
    "span_delivery": "delivery",
    "span_place": "place",
    "span_cta": "call to action",
    "span_evasion": "disguised word",
    "span_context": "context",
    "span_other": "other",
    "post_versions": "Version history (%d versions)",
    "post_version": "Version %s, recorded %s",
    "post_version_edited": "edited %s",
    "evidence_preserved": "Preserved",
    "evidence_entry": "evidence entry %s",
    "evidence_snapshot": "Snapshot SHA-256",
    "evidence_chain": "Chain hash",
    "case_notices": "Notices",
    "notice_number": "Notice %d",
    "notice_good_faith": "good faith confirmed",
    "reporter_anonymous": "Anonymous reporter.",
    "reporter_no_consent": "The reporter gave their details but did not agree to be "
    "contacted: they stay hidden.",
    "reporter_consented": "The reporter agreed to be contacted.",
    "reporter_reveal": "Show who (logged)",
    "case_audit": "Audit trail",
    "audit_when": "When",
    "audit_who": "Who",
    "audit_what": "What",
    "audit_detail": "Detail",
    "audit_case_opened": "case opened",
    "audit_notice_attached": "notice received",
    "audit_post_attached": "post preserved",
    "audit_fetch_failed": "fetch failed",
    "audit_post_not_found": "post not found",
    "audit_enrichment_failed": "enrichment failed",
    "audit_priority_raised": "priority raised",
    "audit_category_changed": "category changed",
    "audit_claimed": "claimed",
    "audit_status_changed": "status changed",
    "audit_reporter_identity_viewed": "reporter identity viewed",
    "audit_reporter_identity_refused": "reporter identity refused",
    "case_summary": "Summary",
    "case_channel": "Channel",
    "channel_title": "Title",
    "channel_username": "Username",
    "channel_subscribers": "Subscribers",
    "channel_flags": "Telegram marks",
    "channel_first_seen": "First archived",
    "flag_verified": "verified",
    "flag_scam": "scam",
    "flag_fake": "fake",
    "case_received": "Received",
    "case_first_review": "First review",
    "case_decided": "Decided",
    "case_unassigned": "nobody yet",
    "case_counts": "Counts",
    "case_outcome": "Outcome",
    "case_reason": "Reason",
    "case_legal_ground": "Legal ground",
    "case_article16": "Article 16 notice to the platform",
    "case_actions": "Actions",
    "action_claim": "Claim this case",
    "action_escalate": "Escalate",
    "action_target": "To",
    "action_reason": "Reason",
    "action_legal_ground": "Legal ground (optional)",
    "action_legal_ground_hint": "e.g. Opiumwet art. 2 and 3",
    "action_escalate_submit": "Escalate case",
    "action_actioned": "Content acted on",
    "action_actioned_submit": "Record action",
    "action_dismiss": "Dismiss",
    "action_dismiss_submit": "Dismiss case",
    "action_close": "Close",
    "action_close_submit": "Close case",
    "reporter_title": "Reporter",
    "reporter_name": "Name",
    "reporter_email": "E-mail",
    "reporter_telegram": "Telegram user id",
    "reporter_logged": "This view was recorded in the case's audit trail.",
    "reporter_none": "There is no identity to show: the reporter gave none or did not agree "
    "to be contacted.",
    # Exports
    "exports_title": "Exports",
    "exports_intro": "Downloads for reporting and research. Nothing here names a reporter.",
    "exports_statements": "Statements of reasons",
    "exports_statements_text": "Decisions that restricted content, in the DSA Transparency "
    "Database format (JSON lines, validated).",
    "exports_cases": "Cases",
    "exports_cases_text": "Every case received in the period, one row each (CSV, no free text).",
    "exports_datasets": "Research datasets",
    "exports_datasets_text": "Posts, channels and the forward graph, pseudonymised: people's "
    "ids, names, phone numbers and handles are replaced by keyed hashes.",
    "dataset_posts": "Posts",
    "dataset_channels": "Channels",
    "dataset_graph": "Forward graph",
    "period_since": "From",
    "period_until": "Until (included)",
    "period_invalid": "The period is not valid: give dates as YYYY-MM-DD, the start not after "
    "the end.",
    "download_jsonl": "Download JSONL",
    "download_csv": "Download CSV",
    "download_text": "text",
    "download_json": "JSON",
    # Transparency report
    "chart_notices_by_source": "Notices by source",
    "chart_notices_by_category": "Notices by category",
    "chart_proactive_and_notified": "Proactive and notified",
    "chart_proactive": "proactive (monitor)",
    "chart_notified": "notified",
    "chart_first_review": "Time to first review",
    "chart_decision": "Time to decision",
    "chart_outcomes": "Outcomes",
    "transparency_title": "Transparency report",
    "transparency_period": "From %s until %s.",
    "transparency_start": "the start",
    "transparency_show": "Show",
    "transparency_notices": "Notices",
    "transparency_cases": "Cases",
    "transparency_proactive": "proactive (our monitoring)",
    "transparency_within_24h": "decided within 24 hours",
    "transparency_speed": "Speed",
    "transparency_median": "Median",
    "transparency_p90": "90th percentile",
    "transparency_first_review": "Time to first review",
    "transparency_decision": "Time to decision",
    "transparency_outcomes": "Outcomes",
    "transparency_escalated_to": "Escalated to",
    "transparency_definitions": "How these figures are counted",
    "def_counted": "Notices and cases count when received in the period; cases by source "
    "count the source of their first notice.",
    "def_proactive": "Proactive share: notices from our own monitoring over all notices.",
    "def_durations": "Times run from a case's first notice to its first review and to its "
    "first decision (escalated, actioned or dismissed), over the cases that got there.",
    "def_within": "Decided within 24 hours: cases decided within a day of receipt, over all "
    "cases received.",
}

LANGUAGES: Mapping[str, Mapping[str, str]] = {"en": ENGLISH, "nl": DUTCH}


@dataclass(frozen=True, slots=True)
class Texts(Mapping[str, str]):
    """The texts of one language; templates read them as ``t.key`` or ``t["key"]``.

    A missing key raises ``KeyError``, which the templates' strict mode turns into an error.
    """

    lang: str
    messages: Mapping[str, str]

    def __getitem__(self, key: str) -> str:
        return self.messages[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.messages)

    def __len__(self) -> int:
        return len(self.messages)

    def get_action(self, action: str) -> str:
        """The words for an audit action; the action's own name when there are none."""
        return self.messages.get(f"audit_{action}", action.replace("_", " "))


def preferred_language(accept_language: str) -> str:
    """The first language of ``Accept-Language`` (by quality) that we have, else English."""
    choices: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language[:_MAX_HEADER_CHARS].split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        name, _, value = params.strip().partition("=")
        if name.strip() == "q":
            try:
                quality = float(value)
            except ValueError:
                continue
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            choices.append((-quality, position, primary))
    return min(choices)[2] if choices else DEFAULT_LANGUAGE


def texts_for(accept_language: str) -> Texts:
    """The texts for a browser's ``Accept-Language`` header."""
    lang = preferred_language(accept_language)
    return Texts(lang, LANGUAGES[lang])
