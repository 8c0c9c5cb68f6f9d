=== about
-F: on the command line.
=== options
-F:
=== inline
=== program
{ print $1, $NF }
=== stdin
root:x:0:0:root:/root:/bin/bash
daemon:x:1:1::/usr/sbin:/usr/sbin/nologin
=== expected
root /bin/bash
daemon /usr/sbin/nologin
=== peers
gawk-posix mawk original-awk
