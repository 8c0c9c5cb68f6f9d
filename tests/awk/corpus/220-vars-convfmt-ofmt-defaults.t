=== about
The default values of FS, OFS, ORS, RS, SUBSEP, CONVFMT and OFMT.
=== program
BEGIN { printf "[%s][%s][%s][%s][%s][%s][%s]\n", FS, OFS, (ORS == "\n"), (RS == "\n"), (SUBSEP == "\034"), CONVFMT, OFMT }
=== expected
[ ][ ][1][1][1][%.6g][%.6g]
=== peers
gawk-posix mawk original-awk
