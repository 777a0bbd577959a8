# A loopback port nothing listens on now, for a server a benchmark starts. Sourced by the benchmarks and bench/lib.
spare_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
