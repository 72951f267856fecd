"""Replies as Telegram HTML (and terminal text): answers, communes, targets, criteria."""
