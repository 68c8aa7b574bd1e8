"""Pieces that several adapters share: message shapes of one API family
(OpenAI, Anthropic, Gemini, Ollama), server-sent events, recorded errors.
Not adapters: ``ls formats/`` lists those."""
