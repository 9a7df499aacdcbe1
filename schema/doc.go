// Package schema holds the JSON Schema (draft 2020-12) of a letters
// record, the single source of truth for the record's shape.
//
// The schema lives in this folder as record.schema.json, where editors can
// use it: a first line
//
//	# yaml-language-server: $schema=https://raw.githubusercontent.com/ofsted-letters/letters/main/schema/record.schema.json
//
// in a record makes VS Code's YAML extension check it while it is edited.
// The same bytes are embedded in the binary; `letters schema` prints them
// and package validate compiles them.
//
// The schema checks shape: fields, types, enumerations and the form of
// dates, hashes and keys. Rules that need more than one field or more than
// one record (a date that does not exist, visit dates after the letter, two
// records of one letter) are package validate's.
package schema
