package memory

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/iamc/iamc/internal/atomicfile"
	"github.com/iamc/iamc/op"
)

// The journal makes each change durable before Do returns, for an account
// opened with Options.Journal (iamc serve): every successful call is
// appended to STATE.journal as one record, and Do returns once the record
// is written and synced. Concurrent calls share one write and one fsync
// (group commit): while one caller writes and syncs what is buffered, the
// others append to the buffer and wait; the next of them writes all that
// gathered at once.
//
// A record is one line: the CRC-32C of its JSON in 8 hex digits, a space,
// {"seq":N,"time":"...","op":{"action":"CreateUser","params":{...}}} and a
// newline. Records are numbered from 1 for the life of the state file; the
// state file's counters.journal is the number of the last record it holds,
// so that a replay applies exactly the records after it, also when a Save
// wrote the state file and was killed before it emptied the journal.
//
// Open replays the journal onto the state whatever the options, so that a
// plan or an apply run after a killed iamc serve sees every write serve
// acknowledged. The first record that is cut short or fails its checksum
// ends the journal: a write is acknowledged only after it and everything
// before it were synced, so such a record and anything after it belong to
// a write that was never acknowledged, and are dropped (opened to append,
// the journal keeps them in DroppedPath). A record that is
// whole but out of sequence or that the state refuses is an error naming
// the file and line: the journal and the state file disagree, and nothing
// is guessed.

// JournalPath returns the path of the journal of the state file at path.
func JournalPath(path string) string { return path + ".journal" }

// DroppedPath returns where the bytes cut off the end of a journal are
// kept: the journal's path with ".dropped".
func DroppedPath(journal string) string { return journal + ".dropped" }

// journalMode is the journal's mode, the state file's: it holds no secret
// (a login profile's password is never encoded).
const journalMode = stateFileMode

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// syncFile syncs the journal; tests replace it to slow it down or fail.
var syncFile = (*os.File).Sync

// record is one journal record's JSON.
type record struct {
	Seq  uint64          `json:"seq"`
	Time time.Time       `json:"time"`
	Op   json.RawMessage `json:"op"`
}

// encodeRecord returns one journal line.
func encodeRecord(seq uint64, t time.Time, o op.Op) ([]byte, error) {
	body, err := op.Marshal(o)
	if err != nil {
		return nil, err
	}
	js, err := json.Marshal(record{Seq: seq, Time: t, Op: body})
	if err != nil {
		return nil, err
	}
	line := make([]byte, 0, 10+len(js))
	line = fmt.Appendf(line, "%08x ", crc32.Checksum(js, crcTable))
	line = append(line, js...)
	return append(line, '\n'), nil
}

// decodeRecord reads one journal line (without its newline); ok is false
// when the line is not a whole record (cut short or damaged).
func decodeRecord(line []byte) (rec record, ok bool) {
	if len(line) < 10 || line[8] != ' ' {
		return rec, false
	}
	var sum [4]byte
	if _, err := hex.Decode(sum[:], line[:8]); err != nil {
		return rec, false
	}
	js := line[9:]
	want := uint32(sum[0])<<24 | uint32(sum[1])<<16 | uint32(sum[2])<<8 | uint32(sum[3])
	if crc32.Checksum(js, crcTable) != want {
		return rec, false
	}
	if err := json.Unmarshal(js, &rec); err != nil {
		return rec, false
	}
	return rec, true
}

// decodeCall decodes a record's call: {"action": ..., "params": {...}}.
func decodeCall(data []byte) (op.Op, error) {
	var e struct {
		Action string          `json:"action"`
		Params json.RawMessage `json:"params"`
	}
	if err := json.Unmarshal(data, &e); err != nil {
		return nil, err
	}
	o := NewCall(e.Action)
	if o == nil {
		return nil, fmt.Errorf("unknown action %q", e.Action)
	}
	if len(e.Params) > 0 {
		dec := json.NewDecoder(bytes.NewReader(e.Params))
		dec.DisallowUnknownFields()
		if err := dec.Decode(o); err != nil {
			return nil, fmt.Errorf("%s: %v", e.Action, err)
		}
	}
	return o, nil
}

// replayJournal applies the records of the journal beside the state file
// that the state does not hold yet. It returns the number of records
// applied and the length of the journal's whole records (what follows is
// dropped), or 0 and -1 when there is no journal.
func (a *Account) replayJournal() (applied int, good int64, err error) {
	path := JournalPath(a.path)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, -1, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("reading the journal: %w", err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<16)
	a.replaying = true
	defer func() { a.replaying, a.opTime = false, time.Time{} }()
	base := a.st.JournalSeq // the last record the state file holds
	for lineNo := 1; ; lineNo++ {
		line, rerr := r.ReadSlice('\n')
		if errors.Is(rerr, bufio.ErrBufferFull) {
			// A long record: gather it whole.
			long := append([]byte(nil), line...)
			for errors.Is(rerr, bufio.ErrBufferFull) {
				line, rerr = r.ReadSlice('\n')
				long = append(long, line...)
			}
			line = long
		}
		if rerr != nil && !errors.Is(rerr, io.EOF) {
			return 0, 0, fmt.Errorf("reading the journal: %w", rerr)
		}
		if len(line) == 0 || line[len(line)-1] != '\n' {
			return applied, good, nil // the end, or a record cut short
		}
		rec, ok := decodeRecord(line[:len(line)-1])
		if !ok {
			return applied, good, nil // damaged: never acknowledged
		}
		where := func(format string, args ...any) error {
			return fmt.Errorf("%s:%d: %s", path, lineNo, fmt.Sprintf(format, args...))
		}
		o, derr := decodeCall(rec.Op)
		if derr != nil {
			return 0, 0, where("%v", derr)
		}
		switch {
		case rec.Seq <= base && applied == 0:
			// Already in the state file: a Save was killed before it
			// emptied the journal.
		case rec.Seq != a.st.JournalSeq+1:
			return 0, 0, where("record %d follows record %d: the journal and the state file disagree", rec.Seq, a.st.JournalSeq)
		default:
			a.opTime = rec.Time
			if err := a.do(o); err != nil {
				return 0, 0, where("replaying %s on the state file: %v", o.Action(), err)
			}
			a.st.JournalSeq = rec.Seq
			a.gen++
			applied++
		}
		good += int64(len(line))
	}
}

// keepDropped copies the bytes after the journal's first good bytes to
// DroppedPath before they are truncated or removed: by the argument above
// they were never acknowledged, but a disk that damaged a record in the
// middle would make that wrong, and nothing read is thrown away unseen.
func keepDropped(path string, good int64) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading the journal: %w", err)
	}
	if int64(len(data)) <= good {
		return nil
	}
	if err := atomicfile.Write(DroppedPath(path), data[good:], journalMode); err != nil {
		return fmt.Errorf("keeping what was cut off the journal: %w", err)
	}
	return nil
}

// journal is the open journal of an account opened with Options.Journal.
type journal struct {
	path string

	mu       sync.Mutex
	cond     *sync.Cond
	f        *os.File
	buf      []byte // records appended and not written yet
	spare    []byte // the buffer being written, reused
	appended uint64 // the last record appended
	synced   uint64 // the last record on disk
	base     int64  // the offset of the file's first byte in the journal's history
	written  int64  // the offset after the file's last byte
	busy     bool   // a caller is writing or rotating the file
	err      error  // the first failure: every later write is refused
	closed   bool
	flushes  int // writes of the buffer so far, for tests of group commit
}

// openJournal opens the journal for appending after its first good bytes
// (a torn end is cut off), creating it if there is none. last is the last
// record the account holds.
func openJournal(path string, good int64, last uint64) (*journal, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, journalMode)
	if err != nil {
		return nil, fmt.Errorf("opening the journal: %w", err)
	}
	if good < 0 {
		good = 0
	}
	info, err := f.Stat()
	if err == nil && info.Size() > good {
		if err = f.Truncate(good); err == nil {
			err = f.Sync()
		}
	}
	if err == nil {
		_, err = f.Seek(good, io.SeekStart)
	}
	if err == nil {
		err = syncDir(filepath.Dir(path))
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("opening the journal %s: %w", path, err)
	}
	j := &journal{path: path, f: f, written: good, appended: last, synced: last}
	j.cond = sync.NewCond(&j.mu)
	return j, nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// failed returns the journal's failure, if any.
func (j *journal) failed() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.err
}

// append buffers a record. The caller holds the account's lock, so that
// records are appended in the order the calls changed the state.
func (j *journal) append(seq uint64, line []byte) {
	j.mu.Lock()
	j.buf = append(j.buf, line...)
	j.appended = seq
	j.mu.Unlock()
}

// mark returns the offset after the last record appended and its number.
// The caller holds the account's lock.
func (j *journal) mark() (int64, uint64) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.written + int64(len(j.buf)), j.appended
}

// size returns the bytes the journal holds, written or not.
func (j *journal) size() int64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.written - j.base + int64(len(j.buf))
}

// wait returns once record seq is on disk. The first caller to find the
// file free writes and syncs everything buffered, for every waiter.
func (j *journal) wait(seq uint64) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	for j.synced < seq && j.err == nil && !j.closed {
		if j.busy {
			j.cond.Wait()
			continue
		}
		j.busy = true
		j.flushLocked()
		j.release()
	}
	if j.synced >= seq {
		return nil
	}
	if j.err == nil {
		return errClosed
	}
	return j.err
}

// flushLocked writes and syncs what is buffered. The caller holds j.mu
// and has taken the file (busy); j.mu is released while the file is
// written.
func (j *journal) flushLocked() {
	if len(j.buf) == 0 {
		return
	}
	data, upto := j.buf, j.appended
	j.buf, j.spare = j.spare[:0], nil
	j.mu.Unlock()
	_, err := j.f.Write(data)
	if err == nil {
		err = syncFile(j.f)
	}
	j.mu.Lock()
	j.flushes++
	j.spare = data[:0]
	if err != nil {
		if j.err == nil {
			j.err = fmt.Errorf("writing the journal %s: %w", j.path, err)
		}
		return
	}
	j.synced = upto
	j.written += int64(len(data))
}

// acquire waits for the file to be free and takes it. The caller holds
// j.mu.
func (j *journal) acquire() {
	for j.busy {
		j.cond.Wait()
	}
	j.busy = true
}

// release frees the file and wakes the waiters. The caller holds j.mu.
func (j *journal) release() {
	j.busy = false
	j.cond.Broadcast()
}

// rotate drops the records before offset mark, which the state file now
// holds: the records after it are copied into a new journal that
// replaces the file atomically.
func (j *journal) rotate(mark int64) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.closed || j.err != nil {
		return j.err
	}
	j.acquire()
	defer j.release()
	if j.written < mark {
		// Part of what the state file holds is still buffered: write
		// it, so that the file reaches the mark.
		j.flushLocked()
		if j.err != nil {
			return j.err
		}
	}
	tail := make([]byte, j.written-mark)
	if _, err := j.f.ReadAt(tail, mark-j.base); err != nil {
		return fmt.Errorf("rotating the journal %s: %w", j.path, err)
	}
	j.mu.Unlock()
	err := atomicfile.Write(j.path, tail, journalMode)
	var f *os.File
	if err == nil {
		f, err = os.OpenFile(j.path, os.O_RDWR, journalMode)
	}
	if err == nil {
		_, err = f.Seek(int64(len(tail)), io.SeekStart)
	}
	j.mu.Lock()
	if err != nil {
		if f != nil {
			f.Close()
		}
		// The old file is still in place, or the new one is whole:
		// either replays right. Appending to a file that may have been
		// replaced would lose records, so writes stop here.
		j.err = fmt.Errorf("rotating the journal %s: %w", j.path, err)
		return j.err
	}
	j.f.Close()
	j.f, j.base = f, mark
	return nil
}

// close closes the journal. When empty (the state file holds every
// record) it removes the file, and the records buffered are durable in
// the state file; otherwise it writes them first.
func (j *journal) close(empty bool) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.closed {
		return nil
	}
	j.acquire()
	defer j.release()
	if !empty && j.err == nil {
		j.flushLocked()
	}
	j.closed = true
	err := j.f.Close()
	if empty && j.err == nil {
		j.buf = nil
		j.synced = j.appended
		if rerr := os.Remove(j.path); rerr == nil {
			syncDir(filepath.Dir(j.path))
		}
	}
	if j.err != nil {
		return j.err
	}
	return err
}
