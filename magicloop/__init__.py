"""Magic Loop: a coaching app for Customer Experience professionals."""
