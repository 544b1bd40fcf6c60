#!/bin/sh
# objgraph.sh OBJLIST [NM] [--print]
#
# Builds the dependency graph between the object files named in OBJLIST (one
# path per line, as CMake's $<TARGET_OBJECTS:dplite_obj> gives them): object A
# depends on object B when one of A's undefined symbols is a global symbol B
# defines. Exits 1 naming the cycle (each edge with one symbol that makes it)
# if the graph has one, 0 if it is acyclic. --print also writes every edge.
# POSIX sh + nm -P + awk only.
set -u
list=${1:?usage: objgraph.sh OBJLIST [NM] [--print]}
nm=${2:-nm}
print=${3:-}
[ -r "$list" ] || { echo "objgraph: cannot read $list" >&2; exit 2; }

n=0
syms=$(mktemp) || exit 2
objs=$(mktemp) || { rm -f "$syms"; exit 2; }
trap 'rm -f "$syms" "$objs"' EXIT
while IFS= read -r obj; do
	[ -n "$obj" ] || continue
	[ -r "$obj" ] || { echo "objgraph: missing object $obj" >&2; exit 2; }
	printf '%s\n' "$obj" >> "$objs"
	n=$((n + 1))
done < "$list"
[ "$n" -gt 0 ] || { echo "objgraph: no objects in $list" >&2; exit 2; }
# One nm for every object (-A: each line starts "<object>: "): a process per
# object made this take tens of seconds on a loaded machine. Each line becomes
# "<node> <symbol> <type> <fields>", the node being the source path (e.g.
# lib/eal/mem/heap.c); the object path is cut at its last ": ", so a path
# with spaces still works (symbols have none).
tr '\n' '\0' < "$objs" | xargs -0 "$nm" -g -P -A 2>/dev/null | awk '{
	line = $0; cut = 0
	while ((i = index(substr(line, cut + 1), ": ")) > 0)
		cut += i + 1
	if (cut == 0) next
	o = substr(line, 1, cut - 2); rest = substr(line, cut + 1)
	sub(/^.*\.dir\//, "", o); sub(/\.(o|obj)$/, "", o)
	nf = split(rest, f, " ")
	print o, f[1], f[2], nf
}' > "$syms" || exit 2

awk -v print_edges="$print" -v nobj="$n" '
function visit(u,    i, v, k, s) {
	color[u] = 1; stack[++sp] = u
	for (i = 1; i <= nadj[u]; i++) {
		v = adj[u, i]
		if (color[v] == 1) {       # back edge: the stack from v to u is the cycle
			s = ""
			for (k = sp; k >= 1 && stack[k] != v; k--) ;
			for (; k <= sp; k++)
				s = s "  " stack[k] " -> " (k < sp ? stack[k + 1] : v) \
				    "   (" why[stack[k], (k < sp ? stack[k + 1] : v)] ")\n"
			cycle = s
			return 1
		}
		if (color[v] == 0 && visit(v))
			return 1
	}
	color[u] = 2; sp--
	return 0
}
{
	o = $1; sym = $2; t = $3
	nodes[o] = 1
	undef = (t == "U") || ((t == "w" || t == "v") && $4 < 3)
	if (undef) { nu++; uo[nu] = o; us[nu] = sym }
	else if (t ~ /^[A-Zuiwv]$/) def[sym] = o
}
END {
	for (i = 1; i <= nu; i++) {
		d = def[us[i]]
		if (d == "" || d == uo[i]) continue
		if (!((uo[i], d) in why)) {
			why[uo[i], d] = us[i]
			adj[uo[i], ++nadj[uo[i]]] = d
			nedges++
			if (print_edges == "--print") print uo[i] " -> " d "   (" us[i] ")"
		}
	}
	for (u in nodes)
		if (color[u] == 0 && visit(u)) {
			printf "objgraph: the library has a dependency cycle:\n%s", cycle
			print "Break it with a registration/callback or by moving the shared piece down (docs/eal.md, Layers)."
			exit 1
		}
	printf "objgraph: %d objects, %d edges, no cycle\n", nobj, nedges
}' "$syms"
