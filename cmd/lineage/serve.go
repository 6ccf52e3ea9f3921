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
	"runtime"
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
	serveShutdownTimeout   = 3 * time.Second // under signalGrace
)

// serveListening, when set, learns the address serve listens on (for tests).
var serveListening func(addr string)

func runServe(c *cli, args []string) error {
	fs := c.flagSet(c.cmd)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT` (port 0: any free port)")
	open := fs.Bool("open", false, "open the explorer in the web browser")
	wholeMax := fs.Int("whole-chart-max", 600, "draw the whole chart for datasets of at most `N` models")
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
	ip := net.ParseIP(host)
	loopback := host == "localhost" || ip != nil && ip.IsLoopback()
	if !loopback {
		fmt.Fprintf(c.stderr, "lineage: warning: serving on %s, which other machines may reach\n", *addr)
	}
	// Requests run in the command's context: a signal cancels the renders in
	// flight (killing their engines) instead of waiting for them.
	ctx := c.context()
	srv := web.New(l, web.Options{Render: renderImage, WholeChartMax: max(*wholeMax, 1), RenderTimeout: serveRenderTimeout,
		License: licenseReportJSON, Context: ctx, LoopbackOnly: loopback})
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
	hs.BaseContext = func(net.Listener) context.Context { return ctx }
	go func() {
		if err := srv.Warm(ctx); err != nil {
			fmt.Fprintf(c.stderr, "lineage: the explorer page cannot be built: %v\n", err)
		}
	}()
	url := serveURL(host, ln.Addr())
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
	// Stopping on a signal is success; requests still running after the grace
	// period are cut off.
	sctx, cancel := context.WithTimeout(context.Background(), serveShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		hs.Close()
	}
	srv.Wait() // the renders, cancelled with ctx, have killed their engines
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	fmt.Fprintln(c.stderr, "lineage: stopped")
	return nil
}

// serveURL is the address to open for a server listening on addr, asked for
// as host: the host as given, with the port really listened on; localhost for a
// server on every interface (0.0.0.0, [::] or no host), whose listening address
// ("[::]:8080") is no place to open.
func serveURL(host string, addr net.Addr) string {
	_, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + "/"
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
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
func renderExplorer(ctx context.Context, l *graph.Lineage, opt render.Options) ([]byte, error) {
	svg, err := renderChart(ctx, l, "svg", opt)
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
