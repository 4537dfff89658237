import json

import jsonschema

from extractor.schema import json_schema
from tests.conftest import ROOT

SCHEMA_FILE = ROOT / "schema" / "document.schema.json"


def test_schema_committed_copy_is_in_sync():
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == json_schema(), "regenerate it: extractor schema > schema/document.schema.json"


def test_schema_cli_prints_the_schema(run_cli):
    result = run_cli("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout) == json_schema()


def test_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(json_schema())
