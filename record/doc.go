// Package record is the record of one letter: the types that `letters
// parse` fills (Record and its parts, the kind constants, SchemaVersion)
// and the one codec that writes and reads them, and List, which decides
// which files of its arguments a command reads.
//
// Every command reads records here, and only here: Decoder reads a YAML
// record, a YAML stream, a JSON record or JSON Lines, telling JSON from
// YAML by the first character, one record at a time so that a stream of
// any length costs the memory of one record. Decoder.Record decodes a
// record (unknown fields are errors, the schema version is checked);
// Decoder.Node gives its YAML node tree with the lines and columns of the
// stream, which package validate reports problems at; Head reads only the
// source of a record, for incremental runs over a record folder.
//
// EncodeYAML writes a record through AppendYAML (blockwrite.go), which
// also writes the YAML of themes and diff: the bytes a yaml.v3 Encoder
// with an indentation of two writes, without the cost of its emitter,
// which keeps every event of a document; what it does not write itself
// (a map, a string over several lines, a type with its own marshalling)
// it leaves to yaml.v3.
//
// # Bounds
//
// A record's text is at most MaxSize bytes and its YAML aliases expand to
// at most MaxNodes nodes (an alias that contains itself is refused), so a
// small hostile file cannot cost much time or memory.
//
// # Errors
//
// Errors name the file, the line and the record's number in the file; the
// causes ErrTooLarge, ErrAliases, ErrNotRecord, ErrNewer and ErrNoRecords
// can be tested with errors.Is. Lines in yaml.v3's errors are read by
// internal/yamlpos.
//
// Across the repository, a line of a letter is classified in one place,
// classify in parse/lines.go; a record is read in one place, package
// record (codec.go); and the outputs of themes, diff,
// summary, report and export are drawn in package render.
package record
