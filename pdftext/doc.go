// Package pdftext extracts positioned lines of text from PDF files.
package pdftext
