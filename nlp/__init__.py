"""Text analysis of Telegram posts: normalisation, lexicons, extraction, offer scoring."""
