package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// Signals: the one place lineage handles SIGINT and SIGTERM.
//
// The first signal cancels the context the command runs in: a render kills
// the chart engine's process group and returns, serve shuts down, and the
// command's own clean-up runs (a half-written file is removed). A second
// signal, or signalGrace without the command returning, gives up: the
// temporary files still being written are removed and lineage exits.

// signalGrace is how long a command may take to stop after a signal; serve's
// shutdown grace is shorter.
const signalGrace = 5 * time.Second

// signalError is the cause of a context cancelled by a signal.
type signalError struct{ sig os.Signal }

func (e signalError) Error() string { return "interrupted by " + e.sig.String() }

// exitCode is the shell's status for death by the signal: 128 + its number.
func (e signalError) exitCode() int {
	if s, ok := e.sig.(syscall.Signal); ok {
		return 128 + int(s)
	}
	return 1
}

// withSignals returns a context cancelled, with a signalError cause, by the
// first SIGINT or SIGTERM, and the function that stops listening.
func withSignals() (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	ch := make(chan os.Signal, 2)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	go func() {
		s, ok := <-ch
		if !ok {
			return
		}
		cancel(signalError{s})
		// A command that does not stop (one that never looks at its context)
		// is stopped anyway: Ctrl-C must always work.
		select {
		case again, ok := <-ch:
			if !ok {
				return
			}
			fmt.Fprintf(os.Stderr, "lineage: %v again, giving up\n", again)
		case <-time.After(signalGrace):
			fmt.Fprintf(os.Stderr, "lineage: %v\n", signalError{s})
		}
		removeTemps()
		os.Exit(signalError{s}.exitCode())
	}()
	var once sync.Once
	return ctx, func() {
		once.Do(func() {
			signal.Stop(ch)
			close(ch)
			cancel(nil)
		})
	}
}

// temps are the temporary files being written (see writeFileAtomic, and the
// dataset index the load writes through graph.FileOptions.TrackTemp), which a
// second signal removes before the process exits. They are process-wide, as
// signals are.
var temps = struct {
	sync.Mutex
	names map[string]bool
}{names: map[string]bool{}}

// trackTemp records the temporary file name until the returned function is called.
func trackTemp(name string) (untrack func()) {
	temps.Lock()
	temps.names[name] = true
	temps.Unlock()
	return func() {
		temps.Lock()
		delete(temps.names, name)
		temps.Unlock()
	}
}

func removeTemps() {
	temps.Lock()
	defer temps.Unlock()
	for name := range temps.names {
		os.Remove(name)
	}
}
