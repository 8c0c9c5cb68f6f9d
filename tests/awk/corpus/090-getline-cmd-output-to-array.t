=== about
Collecting a command's output lines into an array.
=== program
BEGIN { n = 0; while (("printf 'z\\ny\\nx\\n' | sort" | getline line) > 0) arr[++n] = line; for (i = 1; i <= n; i++) printf "%s%s", arr[i], (i < n ? "," : "\n") }
=== expected
x,y,z
=== peers
gawk-posix mawk original-awk
