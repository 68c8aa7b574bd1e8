"""Find in page: the find bar of the Conversation, Raw and diff views."""
