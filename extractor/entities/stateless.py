"""Serialisation for the project's NER tokenizers, which keep no state of their own.

spaCy saves and loads a pipeline's tokenizer with the rest of it. Ours are rebuilt from code and
package data (the Chinese one from jieba, the English one from spaCy's English rules and the word
clusters), so there is nothing to write and nothing to read.
"""

from __future__ import annotations


class StatelessTokenizer:
    def pipe(self, texts, batch_size=1000):
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs):
        return b""

    def from_bytes(self, data, **kwargs):
        return self

    def to_disk(self, path, **kwargs):
        pass

    def from_disk(self, path, **kwargs):
        return self
