// Command hclparse is clause's peer benchmark: it parses each given
// Terraform file with hashicorp/hcl/v2's native-syntax parser
// (hclsyntax.ParseConfig), the parser Trivy, tfsec, tflint and Terrascan
// stand on, and reports what it parsed and what that cost.
//
//	hclparse [-list FILE] [-procs N] [-keep] [FILE...]
//
// -list names a file that lists one path a line (for file sets too long for
// a command line). -keep holds every file's syntax tree until the end, as a
// scanner holds a module's files while it evaluates them (and as clause
// holds a root's models); without it each tree is dropped before the next
// file is read. The report is one line on stdout:
//
//	files=N bytes=B blocks=K errors=E cpu_s=S peak_rss_kib=R
//
// blocks counts the top-level blocks of every file's body, errors the files
// whose parse reported an error diagnostic; cpu_s is user plus system time
// and peak_rss_kib the peak resident set size, both of the whole process
// (getrusage). Files are read and parsed one at a time, as clause does.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"runtime"
	"syscall"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

func main() {
	list := flag.String("list", "", "file listing the paths to parse, one a line")
	procs := flag.Int("procs", 1, "GOMAXPROCS (1: one thread parses, as clause's -j1)")
	keep := flag.Bool("keep", false, "hold every file's syntax tree until the end")
	flag.Parse()
	runtime.GOMAXPROCS(*procs)

	paths := flag.Args()
	if *list != "" {
		f, err := os.Open(*list)
		if err != nil {
			fmt.Fprintln(os.Stderr, "hclparse:", err)
			os.Exit(2)
		}
		scan := bufio.NewScanner(f)
		scan.Buffer(make([]byte, 0, 64*1024), 1<<20)
		for scan.Scan() {
			if line := scan.Text(); line != "" {
				paths = append(paths, line)
			}
		}
		f.Close()
		if err := scan.Err(); err != nil {
			fmt.Fprintln(os.Stderr, "hclparse:", *list+":", err)
			os.Exit(2)
		}
	}
	if len(paths) == 0 {
		fmt.Fprintln(os.Stderr, "usage: hclparse [-list FILE] [-procs N] [FILE...]")
		os.Exit(2)
	}

	var bytes, blocks, errors int
	var kept []*hcl.File
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintln(os.Stderr, "hclparse:", err)
			os.Exit(2)
		}
		bytes += len(src)
		file, diags := hclsyntax.ParseConfig(src, path, hcl.Pos{Line: 1, Column: 1, Byte: 0})
		if diags.HasErrors() {
			errors++
		}
		if body, ok := file.Body.(*hclsyntax.Body); ok {
			blocks += len(body.Blocks)
		}
		if *keep {
			kept = append(kept, file)
		}
	}

	var usage syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &usage); err != nil {
		fmt.Fprintln(os.Stderr, "hclparse: getrusage:", err)
		os.Exit(2)
	}
	cpu := float64(usage.Utime.Sec+usage.Stime.Sec) + float64(usage.Utime.Usec+usage.Stime.Usec)/1e6
	fmt.Printf("files=%d bytes=%d blocks=%d errors=%d cpu_s=%.3f peak_rss_kib=%d\n",
		len(paths), bytes, blocks, errors, cpu, usage.Maxrss)
	runtime.KeepAlive(kept)
}
