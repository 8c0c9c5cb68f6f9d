=== about
ENVIRON gives the environment (the runner sets FUSEVM_TEST_VAR).
=== program
BEGIN { print ENVIRON["FUSEVM_TEST_VAR"]; print length(ENVIRON["FUSEVM_NOT_SET_ANYWHERE"]) }
=== expected
hello world
0
=== peers
gawk-posix mawk original-awk
