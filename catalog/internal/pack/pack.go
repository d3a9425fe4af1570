package pack

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// MagicLen is the length of a container's magic.
const MagicLen = 8

// Encode builds a container of blocks under magic (MagicLen bytes). The
// output depends only on its input (and on the Go release's DEFLATE
// encoder), so the same data gives the same bytes.
func Encode(magic string, blocks [][]byte) ([]byte, error) {
	if len(magic) != MagicLen {
		return nil, fmt.Errorf("pack: magic %q is not %d bytes", magic, MagicLen)
	}
	comp := make([][]byte, len(blocks))
	for i, b := range blocks {
		var buf bytes.Buffer
		w, err := flate.NewWriter(&buf, flate.BestCompression)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(b); err != nil {
			return nil, err
		}
		if err := w.Close(); err != nil {
			return nil, err
		}
		comp[i] = buf.Bytes()
	}
	out := []byte(magic)
	out = binary.AppendUvarint(out, uint64(len(blocks)))
	for i := range blocks {
		out = binary.AppendUvarint(out, uint64(len(comp[i])))
		out = binary.AppendUvarint(out, uint64(len(blocks[i])))
	}
	for _, c := range comp {
		out = append(out, c...)
	}
	return out, nil
}

// Container is an opened container: its block table, with the blocks
// still compressed.
type Container struct {
	data   []byte
	blocks []span
}

type span struct {
	off, clen, ulen int
}

// Open reads the block table of data, which must start with magic.
func Open(magic string, data []byte) (*Container, error) {
	if len(data) < MagicLen || string(data[:MagicLen]) != magic {
		return nil, fmt.Errorf("pack: not a %q container", magic)
	}
	p := data[MagicLen:]
	n, err := uvarint(&p)
	if err != nil {
		return nil, err
	}
	if n > uint64(len(p)) {
		return nil, errors.New("pack: block count exceeds the data")
	}
	c := &Container{data: data, blocks: make([]span, n)}
	for i := range c.blocks {
		cl, err := uvarint(&p)
		if err != nil {
			return nil, err
		}
		ul, err := uvarint(&p)
		if err != nil {
			return nil, err
		}
		// DEFLATE expands at most about 1032 times.
		if cl > uint64(len(data)) || ul > 1032*cl+64 {
			return nil, fmt.Errorf("pack: block %d has impossible lengths", i)
		}
		c.blocks[i] = span{clen: int(cl), ulen: int(ul)}
	}
	off := len(data) - len(p)
	for i := range c.blocks {
		c.blocks[i].off = off
		off += c.blocks[i].clen
	}
	if off != len(data) {
		return nil, fmt.Errorf("pack: blocks take %d bytes, the data has %d", off, len(data))
	}
	return c, nil
}

// Len is the number of blocks.
func (c *Container) Len() int { return len(c.blocks) }

// Block decompresses block i.
func (c *Container) Block(i int) (string, error) {
	if i < 0 || i >= len(c.blocks) {
		return "", fmt.Errorf("pack: no block %d", i)
	}
	s := c.blocks[i]
	r := flate.NewReader(bytes.NewReader(c.data[s.off : s.off+s.clen]))
	defer r.Close()
	buf := make([]byte, s.ulen)
	if _, err := io.ReadFull(r, buf); err != nil {
		return "", fmt.Errorf("pack: block %d: %w", i, err)
	}
	var one [1]byte
	if n, err := r.Read(one[:]); n != 0 || err != io.EOF {
		return "", fmt.Errorf("pack: block %d is longer than recorded", i)
	}
	return string(buf), nil
}

func uvarint(p *[]byte) (uint64, error) {
	v, n := binary.Uvarint(*p)
	if n <= 0 {
		return 0, errors.New("pack: truncated block table")
	}
	*p = (*p)[n:]
	return v, nil
}
