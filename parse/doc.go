// Package parse turns Ofsted letters to directors of children's services,
// monitoring-visit and focused-visit letters, into Records.
//
// (The full description of the layout it reads comes with the parser.)
package parse
