// Package pack is the container format of the catalog's embedded files:
// a list of blocks, each compressed on its own with raw DEFLATE, so that a
// reader decompresses only the blocks it needs.
//
// Layout: an 8-byte magic naming the content, a uvarint count of blocks,
// then per block its compressed and uncompressed length (two uvarints),
// then the compressed blocks one after the other. Block 0 is by
// convention the content's header, which says what the other blocks hold.
//
// The generator (catalog/gen) writes containers with Encode; package
// catalog reads them with Open. Neither knows the other's code, only this
// format.
package pack
