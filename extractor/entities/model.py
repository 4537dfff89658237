"""Loading the NER pipelines that ship inside the package (``extractor/data/models/<lang>_ner``).

Nothing is downloaded: the weights are files of this package, built by ``training/train.py``.
Each process loads a pipeline once, on first use.
"""

from __future__ import annotations

import contextlib
import functools
from importlib import resources

from extractor.errors import ExtractorError

MODEL_NAMES = {"zh": "zh_ner", "en": "en_ner"}


class ModelMissingError(ExtractorError):
    code = "model_missing"
    exit_code = 1


def model_path(lang: str):
    return resources.files("extractor") / "data" / "models" / MODEL_NAMES[lang]


@functools.lru_cache(maxsize=None)
def load_pipeline(lang: str):
    """The spaCy pipeline for ``lang`` ("zh" or "en"), loaded from the package's own files."""
    import spacy

    import extractor.entities.en_tokens  # noqa: F401  (registers the English NER tokenizer)
    import extractor.entities.tagger  # noqa: F401  (registers the entity_tagger factory)
    import extractor.entities.zh_tokens  # noqa: F401  (registers the Chinese NER tokenizer)

    path = model_path(lang)
    if not (path / "meta.json").is_file():
        raise ModelMissingError(
            f"the {lang} entity model is missing from the installation ({path}); reinstall extractor"
        )
    nlp = spacy.load(str(path))
    ops = _blas_ops()
    for _, component in nlp.pipeline:
        if hasattr(component, "model"):
            for node in component.model.walk():
                node.ops = ops
    return nlp


@functools.lru_cache(maxsize=1)
def _blas_ops():
    """thinc's NumpyOps with the matrix product of numpy's BLAS instead of blis.

    The network's cost is its matrix products (a few thousand rows of width 144 times 144 by 144 in the
    Chinese CNN); for those, numpy's OpenBLAS runs at 102 GFLOPS on one core of this machine and blis at
    35 (3.5 ms against 1.2 ms a product), and the Chinese entity stage takes 27 % less CPU time. The
    sums are taken in another order, so an activation may differ in its last bits: the entities found
    on the benchmark text and the dev-set scores are the same (benchmarks/ner_accuracy.py)."""
    from thinc.api import NumpyOps
    from thinc.backends.ops import Ops

    class BlasOps(NumpyOps):
        gemm = Ops.gemm  # numpy.dot, with the transposes and the out= array thinc passes

    return BlasOps()


@functools.lru_cache(maxsize=1)
def _threadpools():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()  # made after numpy has loaded its BLAS, which it finds by scanning


@contextlib.contextmanager
def one_blas_thread():
    """Run the model with the BLAS library on one thread. OpenBLAS would spread each product over every
    core: on two cores that spends twice the CPU time to save a third of the wall time, and a batch
    already runs a worker per core. The limit holds only inside the block (a caller's own numpy work
    keeps its threads)."""
    with _threadpools().limit(limits=1, user_api="blas"):
        yield
