package schema

import (
	_ "embed" // for the schema file
)

// URL is the schema's $id, where the published copy of record.schema.json
// is served; records and editors refer to the schema by it.
const URL = "https://raw.githubusercontent.com/ofsted-letters/letters/main/schema/record.schema.json"

// Version is the record schema version that this schema describes: the
// value the "schema" field of a record must hold. It equals
// record.SchemaVersion.
const Version = 1

//go:embed record.schema.json
var record string

// JSON returns the schema of a record, the bytes of record.schema.json.
func JSON() []byte { return []byte(record) }
