package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"github.com/lineage-dev/lineage/graph"
	"github.com/lineage-dev/lineage/render"
	"github.com/lineage-dev/lineage/web"
)

var serveCmd = &command{
	name: "serve",
	args: "[--addr HOST:PORT] [--open] [--whole-chart-max N]",
	summary: `Serve runs the interactive explorer of the dataset in a local web server:
the family tree, search by name or alias, a card per model, its lineage lit
up on click, and a read-only JSON API under /api (models, ancestors,
descendants, path, render). It listens on the loopback address unless --addr
says otherwise, and stops on Ctrl-C (SIGINT) or SIGTERM.

Datasets of more than --whole-chart-max models are not drawn whole: the page
draws the neighbourhood of the model you select.`,
	examples: []string{
		"lineage serve",
		"lineage serve --open",
		"lineage --data ./my-models serve --addr 127.0.0.1:9000",
	},
	run: runServe,
}

// Timeouts and limits of the HTTP server.
const (
	serveReadHeaderTimeout = 5 * time.Second
	serveReadTimeout       = 10 * time.Second
	serveWriteTimeout      = 60 * time.Second // above the render timeout
	serveIdleTimeout       = 2 * time.Minute
	serveMaxHeaderBytes    = 16 << 10
	serveRenderTimeout     = 30 * time.Second
	serveShutdownTimeout   = 5 * time.Second
)

// serveContext is the context serve runs in: done on SIGINT or SIGTERM. Tests
// replace it.
var serveContext = func() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// serveListening, when set, learns the address serve listens on (for tests).
var serveListening func(addr string)

func runServe(c *cli, args []string) error {
	fs := c.flagSet(c.cmd)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT` (port 0: any free port)")
	open := fs.Bool("open", false, "open the explorer in the web browser")
	wholeMax := fs.Int("whole-chart-max", 400, "draw the whole chart for datasets of at most `N` models")
	if err := c.parse(fs, args, 0, 0); err != nil {
		return err
	}
	host, _, err := net.SplitHostPort(*addr)
	if err != nil {
		return usagef("--addr %q: want HOST:PORT, e.g. 127.0.0.1:8080", *addr)
	}
	if *wholeMax < 0 {
		return usagef("--whole-chart-max must be 0 or more, got %d", *wholeMax)
	}
	l, err := c.load()
	if err != nil {
		return err
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(c.stderr, "lineage: warning: serving on %s, which other machines may reach\n", *addr)
	}
	srv := web.New(l, web.Options{Render: renderImage, WholeChartMax: max(*wholeMax, 1), RenderTimeout: serveRenderTimeout,
		License: licenseReportJSON})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: serveReadHeaderTimeout,
		ReadTimeout:       serveReadTimeout,
		WriteTimeout:      serveWriteTimeout,
		IdleTimeout:       serveIdleTimeout,
		MaxHeaderBytes:    serveMaxHeaderBytes,
	}
	ctx, stop := serveContext()
	defer stop()
	go func() {
		if err := srv.Warm(ctx); err != nil {
			fmt.Fprintf(c.stderr, "lineage: the explorer page cannot be built: %v\n", err)
		}
	}()
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(c.stderr, "lineage: serving %d models at %s (Ctrl-C stops)\n", l.Len(), url)
	if serveListening != nil {
		serveListening(ln.Addr().String())
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	if *open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(c.stderr, "lineage: cannot open a browser (%v); open %s yourself\n", err, url)
		}
	}
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), serveShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("serve: shutting down: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintln(c.stderr, "lineage: stopped")
	return nil
}

// openBrowser asks the desktop to open url, without waiting for the browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
			return errors.New("no display")
		}
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}

// renderExplorer writes the explorer page of 'lineage render -f html': the SVG
// chart from the engine inside render.HTML's page.
func renderExplorer(l *graph.Lineage, opt render.Options) ([]byte, error) {
	svg, err := renderChart(l, "svg", opt)
	if err != nil {
		return nil, err
	}
	title := "lineage explorer"
	if len(opt.Focus) > 0 {
		title = "lineage: "
		for i, id := range opt.Focus {
			if m, ok := l.Model(id); ok {
				if i > 0 {
					title += ", "
				}
				title += m.Name
			}
		}
	}
	var b bytes.Buffer
	if err := render.HTML(&b, l, svg, render.HTMLOptions{Title: title}); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
